""""Who did it" is worded in one place (``vocab``): the KeyError explanation and the
warnings name the same doer with the same words (issue 14)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from st_state_debugger import attribution, pitfalls
from st_state_debugger.explain import explain
from st_state_debugger.model import Event, HistoryEntry
from st_state_debugger.recording.build import SiteCache
from st_state_debugger.vocab import by_whom

CODE = compile("\n" * 8 + "st.session_state.k = 1\n", "/app/app.py", "exec")
LASTI = next(start for start, _, line in CODE.co_lines() if line == 9)  # an instruction of app.py:9


def _explained(doer: attribution.Attribution) -> str:
    """The KeyError explanation of ``k``, last written by ``doer`` at app.py:9."""
    last = Event(seq=0, op="write", key="k", source=doer.source, file="app.py", line=9, callback=doer.callback,
                 widget_key=doer.widget_key, reason=doer.reason)
    read = Event(seq=0, op="read", key="k", source="script", file="app.py", line=20)
    return explain("k", read, 3, [HistoryEntry(2, last)], [], [], {}, "KeyError", "m").explanation


def _warned(doer: attribution.Attribution) -> str:
    """The value_and_state warning for ``k``, set by ``doer`` at app.py:9."""
    buf = SimpleNamespace(index=3, warnings=[], events=[("write", "k", "setitem", doer, CODE, LASTI, None, 1, None)])
    pitfalls.value_and_state(SiteCache("/app"), buf, "k", (CODE, LASTI))  # pyright: ignore[reportArgumentType]
    return buf.warnings[0].message


@pytest.mark.parametrize("doer", [
    attribution.callback("reset", "clear"),
    attribution.callback("reset", None),
    attribution.widget("k"),
    attribution.streamlit("default value of new widget 'k'", "k"),
    attribution.debugger("restored from the end of rerun 2"),
    attribution.SCRIPT,
], ids=lambda d: f"{d.source}-{d.widget_key}")
def test_the_explanation_and_the_warning_name_the_doer_in_the_same_words(doer):
    words = by_whom(doer, "app.py:9")
    assert f" {words} in rerun 2" in _explained(doer)
    assert f"set through st.session_state {words}: " in _warned(doer)


def test_a_callback_is_named_with_its_widget_and_line_everywhere():
    doer = attribution.callback("reset", "clear")
    assert "by callback reset() (widget 'clear') at app.py:9" in _explained(doer)
    assert "by callback reset() (widget 'clear') at app.py:9" in _warned(doer)
