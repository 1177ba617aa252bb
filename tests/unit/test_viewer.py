"""The viewer's view model of a saved trace: timing and warnings are there too."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

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


# --------------------------------------------------------------------------- trace fields are text
HOSTILE = "[a link](https://evil.example/l) ![img](https://evil.example/i.png) <img src=x onerror=alert(1)> **b** :red[r] $x$"
VIEWER = "from st_state_debugger.viewer import main\nmain()\n"
MARKDOWN_ELEMENTS = ("markdown", "caption", "error", "warning", "info", "success", "title", "header", "subheader", "latex")


def _view(path: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("ST_STATE_DEBUGGER_VIEW", str(path))
    return AppTest.from_string(VIEWER, default_timeout=60).run()


def _markdown_bodies(at: AppTest) -> str:
    """Everything the page renders as Markdown (or HTML-capable Markdown)."""
    return "\n".join(str(el.value) for name in MARKDOWN_ELEMENTS for el in getattr(at, name))


def _texts(at: AppTest) -> str:
    return "\n".join(el.value for el in at.text)


def _crafted(tmp_path: Path, name: str = "t.jsonl", **header: object) -> Path:
    lines = DEMO_TRACE.read_text(encoding="utf-8").splitlines()
    head = {**json.loads(lines[0]), **header}
    path = tmp_path / name
    path.write_text("\n".join([json.dumps(head), *lines[1:]]) + "\n", encoding="utf-8")
    return path


def test_the_viewer_shows_the_trace_s_app_and_streamlit_fields_as_text_never_markdown(tmp_path, monkeypatch):
    at = _view(_crafted(tmp_path, app=HOSTILE, streamlit=HOSTILE), monkeypatch)
    assert not at.exception
    assert "evil.example" not in _markdown_bodies(at) and "<img" not in _markdown_bodies(at)
    assert f"app {HOSTILE} · Streamlit {HOSTILE}" in _texts(at)


def test_the_viewer_shows_a_refused_trace_s_message_as_text_never_markdown(tmp_path, monkeypatch):
    at = _view(_crafted(tmp_path, schema=HOSTILE), monkeypatch)  # the reader quotes the schema it refuses
    assert "evil.example" not in _markdown_bodies(at)
    assert "cannot be read" in _markdown_bodies(at)
    assert "schema is '[a link](https://evil.example/l) ![img](https://evil.exa" in _texts(at)  # quoted, maybe cut


def test_the_viewer_shows_a_crafted_file_name_and_reading_warnings_as_text_never_markdown(tmp_path, monkeypatch):
    path = _crafted(tmp_path, name="![img](https:evil.example) [a](https:evil.example).jsonl")
    path.write_bytes(path.read_bytes()[:-40])  # a truncated last line: a warning naming the file
    at = _view(path, monkeypatch)
    assert not at.exception
    assert "evil.example" not in _markdown_bodies(at)
    assert "truncated last line" in _texts(at) and str(path) in _texts(at)
