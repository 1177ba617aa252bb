"""``st-state-debugger view TRACE.jsonl``: a saved trace in the panel UI, read-only.

Stage: trace → **render**. The viewer is its own small Streamlit app
(``viewer_app.py``) that loads a trace file (from this or another machine) and shows
the same panel full width: timeline, operations, diff, KeyError origin, and the state
as of each rerun, rebuilt from the diffs' before/after summaries. Its view model is
the live panel's (``panel.view.build_panel_data`` with no live status); importing
this module imports nothing of Streamlit (``main`` uses its public API).
"""

from __future__ import annotations

import os
from typing import Any

from .model import Trace
from .panel import host
from .panel.requests import parse_value
from .panel.view import VIEWER_ROWS as TIMELINE_ROWS
from .panel.view import build_panel_data, states_by_rerun
from .trace import TraceError, load_trace

__all__ = ["ENV_VIEW", "TIMELINE_ROWS", "VIEWER_KEY", "build_view", "main", "states_by_rerun"]

ENV_VIEW = "ST_STATE_DEBUGGER_VIEW"
VIEWER_KEY = "ssd_viewer"


def build_view(trace: Trace, want: int | None) -> dict[str, Any]:
    """``PanelData`` in viewer mode (``panel.view.build_panel_data``)."""
    return build_panel_data(trace, None, parse_value({"rerun": want}))


def _show_header(st: Any, path: str, trace: Trace) -> None:
    """The file, app and Streamlit version, and any reading warnings.

    Everything here comes from the file (its name too), so it is shown with
    ``st.text``, which renders no Markdown or HTML: ``st.caption``/``st.warning`` would
    turn ``![x](https://…)`` into a request from the viewing browser and ``[…](…)``
    into a link of the trace's choosing.
    """
    app = trace.header.get("app") or "?"
    st.text(f"{path} · app {app} · Streamlit {trace.header.get('streamlit')} · {len(trace.reruns)} reruns · read-only")
    if trace.warnings:
        st.warning("This trace was read with warnings:")
        for warning in trace.warnings:
            st.text(warning)


def main() -> None:
    """The viewer app's body (run by ``streamlit run viewer_app.py``)."""
    import streamlit as st  # only the app: the view model above needs no Streamlit

    path = os.environ.get(ENV_VIEW, "")
    st.set_page_config(page_title=f"st_state_debugger · {os.path.basename(path)}", layout="wide")
    try:
        trace = load_trace(path, strict=False)
    except TraceError as exc:
        st.error("This file cannot be read as a st_state_debugger trace:")
        st.text(str(exc))  # the message quotes the file: text, never Markdown
        return
    _show_header(st, path, trace)
    widget = st.session_state.get(VIEWER_KEY)
    request = parse_value(widget.get("request") if widget is not None and hasattr(widget, "get") else None)
    data = build_panel_data(trace, None, request)
    if request.export:
        with open(path, encoding="utf-8", errors="replace") as f:  # the file as it is
            data["export"] = {"filename": os.path.basename(path), "content": f.read()}
    host.mount(data, key=VIEWER_KEY, on_change=lambda: None)
