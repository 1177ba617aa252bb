"""The panel's view model, requests and vocabulary: one builder for the live panel
and the trace viewer, importable without Streamlit, and one vocabulary."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from st_state_debugger import load_trace, model, rows
from st_state_debugger.config import DEFAULT_REDACT
from st_state_debugger.model import Event
from st_state_debugger.panel.requests import PanelRequest, parse_trigger, parse_value
from st_state_debugger.panel.view import LiveStatus, build_panel_data
from st_state_debugger.redact import Redactor
from st_state_debugger.viewer import build_view
from st_state_debugger.vocab import (
    BREAK_SOURCES,
    OPS,
    REDACTED,
    SOURCES,
    STATUSES,
    TRIGGER_KINDS,
    enumerations,
    who_did,
)

ROOT = Path(__file__).resolve().parents[2]
DEMO_TRACE = ROOT / "tests" / "data" / "demo_trace.jsonl"
BLOCKED = (
    "import sys\n"
    "sys.modules['streamlit'] = None  # `import streamlit` raises ImportError\n"
    "from st_state_debugger.panel import view, requests\n"
    "from st_state_debugger import load_trace, viewer, vocab\n"
    "data = viewer.build_view(load_trace(sys.argv[1]), None)\n"
    "print(len(data['timeline']), sorted(m for m in sys.modules if m.startswith('streamlit')))\n"
)


def test_the_panel_view_model_and_the_viewer_import_and_build_with_streamlit_blocked():
    done = subprocess.run([sys.executable, "-c", BLOCKED, str(DEMO_TRACE)], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[0] == str(len(load_trace(DEMO_TRACE).reruns))
    assert done.stdout.strip().endswith("['streamlit']")  # only the blocked entry: nothing of Streamlit loaded


def _live(trace, **status):
    return LiveStatus(session_label="s", state={}, summaries={}, redactor=Redactor(DEFAULT_REDACT), **status)


def test_the_live_panel_and_the_viewer_build_the_same_rows_and_details_from_the_same_reruns():
    trace = load_trace(DEMO_TRACE)
    viewer = build_panel_data(trace, None, PanelRequest(rerun=trace.reruns[0].index))
    live = build_panel_data(list(trace.reruns), _live(trace), PanelRequest(rerun=trace.reruns[0].index))
    assert (viewer["mode"], live["mode"]) == ("viewer", "live")
    assert [{**r, "restorable": False} for r in live["timeline"]] == viewer["timeline"]
    assert all(r["restorable"] for r in live["timeline"])  # stored live reruns restore; a file's never
    assert [{k: v for k, v in d.items() if k != "state"} for d in viewer["details"]] == live["details"]
    assert viewer["details"][0]["index"] == trace.reruns[0].index  # the one asked for is sent in full
    assert build_view(trace, None) == build_panel_data(trace, None)


def test_every_payload_carries_the_vocabulary_the_frontend_reads_its_lists_from():
    trace = load_trace(DEMO_TRACE)
    expected = {"ops": list(OPS), "sources": list(SOURCES), "trigger_kinds": list(TRIGGER_KINDS),
                "statuses": list(STATUSES), "break_sources": list(BREAK_SOURCES)}
    assert enumerations() == expected
    assert build_panel_data(trace, None)["vocab"] == expected
    assert build_panel_data(trace.reruns, _live(trace))["vocab"] == expected


def test_the_vocabulary_is_the_model_s_and_the_trace_format_s():
    assert (OPS, SOURCES, TRIGGER_KINDS, STATUSES) == (model.OPS, model.SOURCES, model.TRIGGER_KINDS, model.STATUSES)
    assert set(rows.CODES["op"].values()) == set(OPS) and set(rows.CODES["source"].values()) == set(SOURCES)
    assert set(BREAK_SOURCES) == {"any"} | (set(SOURCES) - {"debugger"})  # a restore is never a break
    assert REDACTED == "‹redacted›"


def _event(source: str, **fields) -> Event:
    base = {"seq": 0, "op": "write", "key": "k", "source": source, "file": None, "line": None, "value": None}
    return Event(**{**base, **fields})


def test_who_did_an_event_is_said_one_way_for_each_source():
    said = [
        who_did(_event("callback", callback="add", widget_key="add")),
        who_did(_event("callback", callback="tick")),
        who_did(_event("widget", widget_key="name")),
        who_did(_event("streamlit", reason="widget cleanup")),
        who_did(_event("streamlit")),
        who_did(_event("debugger", reason="restored from the end of rerun 2")),
        who_did(_event("script")),
    ]
    assert said == [
        "callback add() · widget add", "callback tick()", "browser value · widget name",
        "Streamlit: widget cleanup", "Streamlit", "debugger: restored from the end of rerun 2", "script",
    ]


def test_the_panel_s_requests_are_parsed_into_one_value_and_malformed_ones_are_dropped():
    payload = [
        {"event": "request", "value": {"rerun": 3}},
        {"event": "request", "value": {"rerun": True, "export": "yes", "restore": 2.0}},  # no bool/float indices
        {"event": "request", "value": {"break_on": {"key": "total", "source": "callback"}, "watch": {"key": 5}}},
        {"event": "request", "value": {"break_on": {"key": "total", "source": "<img onerror=x>"}}},
        {"event": "request", "value": {"break_on": {"key": "total", "source": "off"}, "pause": True}},
        {"event": "request", "value": "rerun"}, "junk", None,
    ]
    assert parse_trigger(payload) == [
        PanelRequest(rerun=3), PanelRequest(), PanelRequest(break_on=("total", "callback")),
        PanelRequest(), PanelRequest(break_on=("total", "off"), pause=True),
    ]
    assert parse_trigger({"event": "request", "value": {"watch": {"key": "a", "on": True}}}) == [PanelRequest(watch=("a", True))]
    assert parse_value(None) == PanelRequest() and parse_value({"export": True, "restore": 4}) == PanelRequest(export=True, restore=4)


def test_the_frontend_s_sample_vocabulary_is_what_python_sends():
    """The vitest fixture (``SAMPLE_VOCAB``) stands for the payload's ``vocab``: it
    must be the real one, or the frontend tests would test another panel."""
    source = (ROOT / "frontend" / "src" / "sample.ts").read_text(encoding="utf-8")
    block = re.search(r"SAMPLE_VOCAB: Vocabulary = \{(.*?)\n\};", source, re.DOTALL)
    assert block is not None
    sample = {name: re.findall(r'"([^"]+)"', items) for name, items in re.findall(r"(\w+): \[([^\]]*)\]", block.group(1))}
    assert sample == enumerations()
    for ts in (ROOT / "frontend" / "src").glob("*.ts"):  # no copy of a list outside the fixture
        if ts.name != "sample.ts" and not ts.name.endswith(".test.ts"):
            text = ts.read_text(encoding="utf-8")
            assert '"any", "script", "callback", "widget", "streamlit"' not in text, ts.name
            assert '"script", "callback", "widget", "streamlit", "debugger"' not in text, ts.name


def test_the_panel_package_imports_neither_the_recorder_nor_streamlit_s_internals():
    """One way: record → store → render. The view, the requests and the host get what
    they need passed in; only ``sidebar.py`` (the live side) reads the recorder."""
    forbidden = {"recorder", "recording", "internals", "sidebar", "controls", "guard"}
    for path in sorted((ROOT / "st_state_debugger" / "panel").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom):
                names = [*(node.module or "").split("."), *(a.name for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [part for a in node.names for part in a.name.split(".")]
            assert not forbidden & set(names), f"{path.name}:{getattr(node, 'lineno', '?')} imports {names}"
            assert "streamlit" not in names[:1] or names == ["streamlit"], f"{path.name} imports {names}"
