"""Faults in each stage and in the trace file: the app runs on unchanged."""

from __future__ import annotations

import errno
import json
import logging

import pytest
from streamlit.testing.v1 import AppTest

from st_state_debugger import diff, hooks, load_trace, recorder, sidebar, trace
from st_state_debugger.testing import trace_of
from tests.apptest.test_never_changes_the_app import _tree
from tests.conftest import app, only_trace_file


def _boom(*args, **kwargs):
    raise RuntimeError("injected failure")


def _drive(at):
    at.button(key="add3").click().run()
    at.text_input(key="name").input("z").run()
    at.button(key="add3").click().run()
    return _tree(at), [e.message for e in at.exception]


STAGES = {
    "hook (run start)": (recorder.Recorder, "begin_run"),
    "recording (callback attribution)": (recorder.Recorder, "on_callback_start"),
    "fingerprint": (diff, "take_fingerprint"),
    "diff": (diff.StateTracker, "_details"),
    "trace write": (trace.TraceWriter, "write"),
    "panel payload": (sidebar, "build_payload"),
}


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_a_failure_in_any_stage_leaves_the_app_output_identical_to_native(stage, trace_dir, monkeypatch, caplog):
    monkeypatch.setenv("SSD_NATIVE", "1")
    hooks.uninstall()
    native = _drive(app("callbacks.py").run())
    monkeypatch.setenv("SSD_NATIVE", "0")
    healthy = app("callbacks.py").run()
    broken = app("callbacks.py").run()
    target, name = STAGES[stage]
    monkeypatch.setattr(target, name, _boom)
    with caplog.at_level(logging.WARNING, logger="st_state_debugger"):
        observed = _drive(broken)
    monkeypatch.undo()
    assert observed == native
    messages = [r.getMessage() for r in caplog.records if r.name == "st_state_debugger"]
    assert len(messages) == 1 and "injected failure" in messages[0], messages
    if stage != "trace write":  # a trace-file failure stops only the file (below)
        with pytest.raises(LookupError):
            trace_of(broken)
    healthy.button(key="add3").click().run()
    assert trace_of(healthy).reruns[-1].trigger.widget_key == "add3"


def _panel_notices(at):
    (el,) = at.sidebar.get("bidi_component")
    return json.loads(el.proto.json)["notices"]


def test_unwritable_trace_directory_keeps_recording_and_the_panel_says_so(tmp_path, monkeypatch):
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    monkeypatch.setenv("ST_STATE_DEBUGGER_TRACE_DIR", str(not_a_dir / "traces"))
    at = app("plain.py").run()
    at.button(key="inc").click().run()
    assert not at.exception
    assert len(trace_of(at).reruns) == 2
    (notice,) = _panel_notices(at)
    assert notice.startswith("trace file not written: cannot create a trace file in") and "export from the panel" in notice


def test_disk_full_stops_the_file_not_the_app(trace_dir, monkeypatch):
    at = app("plain.py").run()
    rec = hooks.recorder_of_apptest(at)

    class Full:
        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def flush(self):
            pass

        def close(self):
            pass

    rec.writer._file = Full()
    at.button(key="inc").click().run()
    at.run()
    assert not at.exception and len(trace_of(at).reruns) == 3
    assert "No space left on device" in _panel_notices(at)[0]
    assert [r.index for r in load_trace(only_trace_file(trace_dir)).reruns] == [1]  # what was written stays valid


def test_trace_file_deleted_mid_session_is_rewritten_with_nothing_lost(trace_dir):
    at = app("plain.py").run()
    at.run()
    only_trace_file(trace_dir).unlink()
    at.button(key="inc").click().run()
    at.run()
    restored = load_trace(only_trace_file(trace_dir))
    assert [r.index for r in restored.reruns] == [1, 2, 3, 4]
    assert restored.reruns == trace_of(at).reruns


def test_missing_hooked_names_are_detected(monkeypatch):
    from streamlit.runtime.state.session_state import SessionState

    assert hooks.missing_internals() == []
    monkeypatch.delattr(SessionState, "_remove_stale_widgets")
    assert hooks.missing_internals() == ["SessionState._remove_stale_widgets"]


def test_streamlit_without_a_hooked_name_is_refused_with_the_supported_range(tmp_path, monkeypatch, caplog):
    from st_state_debugger import guard

    # Streamlit itself needs the real method to run the app; the check is simulated.
    monkeypatch.setattr(hooks, "missing_internals", lambda: ["SessionState._remove_stale_widgets"])
    monkeypatch.setattr(guard, "_said_once", set())
    script = tmp_path / "app.py"
    script.write_text("import streamlit as st, st_state_debugger\nst.write(str(st_state_debugger.enable()))\nst.session_state.x = 1\n")
    with caplog.at_level(logging.WARNING, logger="st_state_debugger"):
        at = AppTest.from_file(str(script)).run()
    assert [m.value for m in at.markdown] == ["False"] and not at.exception
    assert "SessionState._remove_stale_widgets" in caplog.text and "supported: streamlit >=1.67,<1.68" in caplog.text
    assert not hooks.installed()
