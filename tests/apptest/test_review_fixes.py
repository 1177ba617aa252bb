"""Review fixes of issue 14: no failure of the debugger goes unsaid."""

from __future__ import annotations

import logging

from st_state_debugger.internals import runner
from tests.conftest import app


def _boom(*args, **kwargs):
    raise RuntimeError("injected failure before the recorder")


def test_error_before_the_sessions_recorder_is_found_logs_one_warning_and_the_app_runs_on(
        trace_dir, monkeypatch, caplog):
    at = app("callbacks.py").run()
    monkeypatch.setattr(runner, "recorder_of", _boom)
    with caplog.at_level(logging.WARNING, logger="st_state_debugger"):
        at.button(key="add3").click().run()
        at.button(key="add3").click().run()
    monkeypatch.undo()
    assert not at.exception
    assert at.session_state["total"] == 6
    warnings = [r for r in caplog.records if "injected failure before the recorder" in r.getMessage()]
    assert len(warnings) == 1, [r.getMessage() for r in caplog.records]
    assert "run start" in warnings[0].getMessage()


def test_an_unpicklable_value_is_fingerprinted_by_identity_and_the_fallback_is_logged(caplog):
    import threading

    from st_state_debugger.fingerprint import take_fingerprint

    with caplog.at_level(logging.DEBUG, logger="st_state_debugger"):
        fp = take_fingerprint({"k": [threading.Lock()]}, snapshot_max_bytes=1000)
    assert fp.mode == "identity"
    assert any("lock is fingerprinted by identity" in r.getMessage() for r in caplog.records)
