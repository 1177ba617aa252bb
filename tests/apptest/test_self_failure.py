"""If the debugger fails, it turns itself off for that session, says so once, and
the app runs on unchanged; other sessions keep recording."""

from __future__ import annotations

import logging

import pytest

from st_state_debugger import diff, recorder
from st_state_debugger.testing import trace_of
from tests.conftest import app


def _boom(*args, **kwargs):
    raise RuntimeError("injected failure")


class _ExplodingEvents(list):
    def append(self, item):
        raise RuntimeError("injected failure")


def _exploding_buffer_init(original):
    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.events = _ExplodingEvents()

    return init


@pytest.mark.parametrize(
    "target, name",
    [
        (diff.StateTracker, "diff_run"),  # end of rerun: diff
        (recorder.RunBuffer, "__init__"),  # hot path: appending one event
        (recorder.Recorder, "on_callback_start"),  # attribution of a callback
        (recorder.Recorder, "on_cleanup_done"),  # Streamlit's widget cleanup
    ],
)
def test_internal_failure_disables_that_session_only(target, name, trace_dir, monkeypatch, caplog):
    healthy = app("callbacks.py").run()
    broken = app("callbacks.py").run()
    replacement = _exploding_buffer_init(target.__init__) if name == "__init__" else _boom
    monkeypatch.setattr(target, name, replacement)
    with caplog.at_level(logging.WARNING, logger="st_state_debugger"):
        broken.button(key="add3").click().run()
        broken.text_input(key="name").input("z").run()
        broken.button(key="add3").click().run()
    monkeypatch.undo()
    assert not broken.exception
    assert [m.value for m in broken.markdown][-1:] == [m.value for m in broken.markdown][-1:]
    assert "total" in broken.session_state and broken.session_state["total"] == 6
    warnings = [r for r in caplog.records if "internal error" in r.getMessage()]
    assert len(warnings) == 1 and "injected failure" in warnings[0].getMessage()
    with pytest.raises(LookupError):
        trace_of(broken)
    healthy.button(key="add3").click().run()
    assert trace_of(healthy).reruns[-1].trigger.widget_key == "add3"
