"""inspector.open_for: the panel's "open in a tab" starts a real local inspector
(``st-state-debugger view --follow FILE``), once per trace file; and a session with
no trace directory writes its trace on demand so there is a file to follow."""

from __future__ import annotations

import os
import shutil
import stat
import urllib.request
from pathlib import Path

import pytest

from st_state_debugger import inspector
from st_state_debugger.config import build_options
from st_state_debugger.model import Rerun, Trigger
from st_state_debugger.recording.debug_session import DebugSession
from st_state_debugger.redact import Redactor
from st_state_debugger.trace import load_trace

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture()
def stopped():
    """Every inspector a test starts is stopped after it, whatever happens."""
    yield
    inspector.stop_all()


def test_open_for_serves_the_trace_on_localhost_reuses_it_and_stops_it(tmp_path, stopped):
    trace = tmp_path / "trace-tiny.jsonl"
    shutil.copy(DATA / "trace_v2.jsonl", trace)
    url = inspector.open_for(trace)
    assert url.startswith("http://127.0.0.1:") and url.endswith("/")
    with urllib.request.urlopen(url, timeout=20) as response:
        assert response.status == 200
    assert inspector.open_for(str(trace)) == url  # the same child, not a second one
    (child,) = inspector._children.values()
    args = list(child.proc.args)  # type: ignore[arg-type]
    assert args[args.index("--server.address") + 1] == "127.0.0.1"
    inspector.stop_all()
    assert child.proc.poll() is not None and inspector._children == {}


def test_a_child_that_exits_at_once_is_a_clear_error(tmp_path, stopped):
    with pytest.raises(inspector.InspectorError, match="exited with code"):
        inspector.open_for(tmp_path / "missing.jsonl")  # the CLI refuses it: no such file
    assert inspector._children == {}


def test_the_cap_is_a_clear_error_and_starts_nothing(tmp_path, monkeypatch, stopped):
    monkeypatch.setattr(inspector, "MAX_PROCESSES", 0)
    with pytest.raises(inspector.InspectorError, match="inspectors are open already"):
        inspector.open_for(tmp_path / "t.jsonl")


def test_a_session_without_trace_dir_writes_its_trace_on_demand(monkeypatch):
    monkeypatch.delenv("ST_STATE_DEBUGGER_TRACE_DIR", raising=False)
    options = build_options()
    assert options.trace_dir is None
    debug = DebugSession.open(options, Redactor(options.redact), "s1", "app.py")
    assert debug.writer is None
    for i in (1, 2):
        debug.keep(Rerun(index=i, trigger=Trigger("widget"), started_at=0.0, duration_ms=1.0, status="ok"))
    path = debug.trace_path()
    try:
        assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700
        assert [r.index for r in load_trace(path).reruns] == [1, 2]  # the header and the reruns kept so far
        assert debug.trace_path() == path  # one file per session
        debug.keep(Rerun(index=3, trigger=Trigger("widget"), started_at=0.0, duration_ms=1.0, status="ok"))
        assert [r.index for r in load_trace(path).reruns] == [1, 2, 3]  # then appended per rerun
        assert load_trace(path).header["session"] == "s1"
    finally:
        debug.writer.close()  # type: ignore[union-attr]
        shutil.rmtree(os.path.dirname(path))
