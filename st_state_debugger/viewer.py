"""``st-state-debugger view TRACE.jsonl``: a saved trace in the panel UI, read-only.

Stage: trace → **render**. The viewer is its own small Streamlit app
(``viewer_app.py``) that loads a trace file (from this or another machine) and shows
the same panel full width: timeline, operations, diff, KeyError origin, and the state
as of each rerun, rebuilt from the diffs' before/after summaries.
"""

from __future__ import annotations

import os
from typing import Any

from .model import Rerun, Trace
from .sidebar import DETAILED_RERUNS, detail, timeline_row
from .store import slowest_callbacks
from .watchlist import slowest_view

ENV_VIEW = "ST_STATE_DEBUGGER_VIEW"
VIEWER_KEY = "ssd_viewer"
TIMELINE_ROWS = 2000


def states_by_rerun(trace: Trace) -> dict[int, dict[str, str | None]]:
    """key → summary after each rerun, replayed from the diffs (a trace keeps
    summaries, not values; redacted keys stay redacted)."""
    state: dict[str, str | None] = {}
    out: dict[int, dict[str, str | None]] = {}
    for r in trace.reruns:
        for key in r.diff.removed:
            state.pop(key, None)
        for key in r.diff.added + r.diff.changed:
            state[key] = (r.diff.values.get(key) or [None, None])[-1]
        out[r.index] = dict(state)
    return out


def _state_entries(state: dict[str, str | None], placeholder: str) -> list[dict[str, Any]]:
    return [
        {"key": k, "type": "", "summary": v if v is not None else "", "redacted": v == placeholder}
        for k, v in sorted(state.items())
    ]


def build_view(trace: Trace, want: int | None) -> dict[str, Any]:
    """``PanelData`` in viewer mode: every rerun in the timeline (up to 2,000 rows),
    details of the latest reruns and of the one asked for, each with its state."""
    placeholder = trace.header.get("redaction", {}).get("placeholder", "‹redacted›")
    states = states_by_rerun(trace)
    reruns: list[Rerun] = trace.reruns
    shown = reruns[-TIMELINE_ROWS:]
    chosen = {r.index: r for r in shown[-DETAILED_RERUNS:]}
    if want is not None:
        chosen.update({r.index: r for r in reruns if r.index == want})
    details = []
    for index in sorted(chosen):
        d = detail(chosen[index])
        d["state"] = _state_entries(states.get(index, {}), placeholder)
        details.append(d)
    last = states.get(reruns[-1].index, {}) if reruns else {}
    return {
        "version": 1,
        "mode": "viewer",
        "session_label": f"view-{trace.header.get('session', 'trace')}",
        "overflow": any(r.overflow for r in reruns) or len(reruns) > len(shown),
        "total_reruns": len(reruns),
        "timeline": [timeline_row(r) for r in shown],
        "details": details,
        "state": _state_entries(last, placeholder),
        "export": None,
        "redacted_placeholder": placeholder,
        "slowest_callbacks": slowest_view(slowest_callbacks(reruns)),
        "notices": [f"#{r.index}: {w.message}" for r in reruns for w in r.warnings][-10:],
    }


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
    import streamlit as st

    from .sidebar import component
    from .trace import TraceError, load_trace

    path = os.environ.get(ENV_VIEW, "")
    st.set_page_config(page_title=f"st_state_debugger · {os.path.basename(path)}", layout="wide")
    try:
        trace = load_trace(path, strict=False)
    except TraceError as exc:
        st.error("This file cannot be read as a st_state_debugger trace:")
        st.text(str(exc))  # the message quotes the file: text, never Markdown
        return
    _show_header(st, path, trace)
    request = None
    widget = st.session_state.get(VIEWER_KEY)
    if widget is not None:
        request = widget.get("request") if hasattr(widget, "get") else None
    want = request.get("rerun") if isinstance(request, dict) and isinstance(request.get("rerun"), int) else None
    data = build_view(trace, want)
    if isinstance(request, dict) and request.get("export") is True:
        with open(path, encoding="utf-8", errors="replace") as f:  # the file as it is
            data["export"] = {"filename": os.path.basename(path), "content": f.read()}
    component()(key=VIEWER_KEY, data=data, on_request_change=lambda: None)
