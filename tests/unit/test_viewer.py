"""The viewer's view model of a saved trace: timing and warnings are there too."""

from __future__ import annotations

from pathlib import Path

from st_state_debugger import load_trace
from st_state_debugger.model import CallbackRun, RerunWarning
from st_state_debugger.viewer import build_view

DEMO_TRACE = Path(__file__).resolve().parents[1] / "data" / "demo_trace.jsonl"


def test_the_viewer_shows_the_slowest_callbacks_and_each_rerun_s_callbacks():
    trace = load_trace(DEMO_TRACE)
    trace.reruns[1].callbacks = [CallbackRun("add_todo", "add", 12.5), CallbackRun("slow", None, 40.0)]
    trace.reruns[2].callbacks = [CallbackRun("untimed", "x", None)]
    data = build_view(trace, None)
    assert [(s["name"], s["ms"], s["rerun"]) for s in data["slowest_callbacks"]] == [
        ("slow", 40.0, trace.reruns[1].index), ("add_todo", 12.5, trace.reruns[1].index)]
    row = next(r for r in data["timeline"] if r["index"] == trace.reruns[1].index)
    assert row["callbacks"][0] == {"name": "add_todo", "widget": "add", "ms": 12.5}
    assert not any(r["restorable"] for r in data["timeline"])  # a saved trace restores nothing


def test_the_viewer_lists_the_trace_s_warnings():
    trace = load_trace(DEMO_TRACE)
    trace.reruns[-1].warnings = [RerunWarning("widget_cleanup", "note", "Streamlit removed 'note'")]
    assert build_view(trace, None)["notices"][-1] == f"#{trace.reruns[-1].index}: Streamlit removed 'note'"
