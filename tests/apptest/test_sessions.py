"""Sessions never mix: each has its own recorder and trace, even under AppTest
(where every session has the same session id)."""

from __future__ import annotations

import os

import pytest

from st_state_debugger import load_trace
from st_state_debugger.testing import trace_of
from tests.conftest import app


def test_interleaved_sessions_each_record_only_their_own_operations(trace_dir, monkeypatch):
    a = app("plain.py").run()
    b = app("callbacks.py").run()
    a.button(key="inc").click().run()
    b.text_input(key="name").input("only-in-b").run()
    a.slider(key="level").set_value(9).run()
    b.button(key="add3").click().run()
    monkeypatch.setenv("SSD_NATIVE", "1")
    c = app("plain.py").run()  # a third session that never enabled the debugger
    c.button(key="inc").click().run()
    ta, tb = trace_of(a), trace_of(b)
    assert [r.index for r in ta.reruns] == [1, 2, 3] and [r.index for r in tb.reruns] == [1, 2, 3]
    keys_a = {e.key for r in ta.reruns for e in r.events}
    keys_b = {e.key for r in tb.reruns for e in r.events}
    assert "name" not in keys_a and "total" not in keys_a
    assert "level" not in keys_b and "n" not in keys_b
    assert not any("only-in-b" in (e.value or "") for r in ta.reruns for e in r.events)
    with pytest.raises(LookupError):
        trace_of(c)
    files = sorted(trace_dir.glob("*.jsonl"))
    assert len(files) == 2
    by_app = {os.path.basename(load_trace(f).header["app"]): load_trace(f) for f in files}
    assert by_app["plain.py"].reruns == ta.reruns and by_app["callbacks.py"].reruns == tb.reruns
