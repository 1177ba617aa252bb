"""``st-state-debugger view --follow DIR``: the inspector, full width, live.

Stage: trace → **render**. The sidebar panel is ~300 px wide; this opens the viewer
(the same panel, in the main area) on the newest trace in ``DIR`` and follows it as
reruns are appended (a trace is flushed at the end of every rerun), re-reading the
file in a fragment every :data:`EVERY_S` seconds only when it grew. A newer session's
trace does not take over by itself: a button offers it, so what you look at does not
change under you. Given a single trace FILE instead of a directory, it follows
exactly that file and offers nothing else (the live panel's "open in a tab",
``inspector.py``, starts it so). The view model is the viewer's
(``panel.view.build_panel_data``); ``follow_app.py`` runs :func:`main` behind the
local-only rule.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .model import Trace
from .panel.requests import parse_value
from .panel.view import build_panel_data
from .trace import TraceError, load_trace

__all__ = ["ENV_FOLLOW", "EVERY_S", "FOLLOW_KEY", "main", "newest_first"]

ENV_FOLLOW = "ST_STATE_DEBUGGER_FOLLOW"
#: How often the followed file is checked (a trace grows once per rerun).
EVERY_S = 0.4
FOLLOW_KEY = "ssd_follow"
_CHOSEN = "ssd_follow_file"
_CACHE = "ssd_follow_cache"


def newest_first(directory: str | os.PathLike[str]) -> list[Path]:
    """The trace files (``*.jsonl``) in ``directory``, the newest session first (by
    last change, then name); empty when there are none or it cannot be read."""
    try:
        files = [p for p in Path(directory).glob("*.jsonl") if p.is_file()]
        stamped = [(p.stat().st_mtime, p.name, p) for p in files]
    except OSError:
        return []
    return [p for _, _, p in sorted(stamped, reverse=True)]


def _read(state: Any, path: Path) -> Trace | TraceError:
    """The trace at ``path``, parsed again only when the file changed since last time."""
    try:
        stat = path.stat()
        stamp = (str(path), stat.st_size, stat.st_mtime_ns)
    except OSError as exc:
        return TraceError(path, None, str(exc))
    cached = state.get(_CACHE)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        trace: Trace | TraceError = load_trace(path, strict=False)  # the last line may be half-written
    except TraceError as exc:
        trace = exc
    state[_CACHE] = (stamp, trace)
    return trace


def _switch(state: Any, path: str) -> None:
    state[_CHOSEN] = path


def _body(st: Any, target: str) -> None:
    """One look at the target: the followed trace, shown; in a directory, a newer
    session's, offered."""
    from .panel import host

    state = st.session_state
    single = os.path.isfile(target)
    files = [Path(target)] if single else newest_first(target)
    if not files:
        st.text(f"No trace in {target} yet: start the app with ST_STATE_DEBUGGER_TRACE_DIR={target} "
                "(or st-state-debugger run app.py --trace-dir DIR) and open it.")
        return
    chosen = Path(state[_CHOSEN]) if state.get(_CHOSEN) else None
    if chosen is None or chosen not in files:
        chosen = files[0]
        state[_CHOSEN] = str(chosen)
    if files[0] != chosen:  # a newer session: offered, not forced
        st.button(f"Follow the newest session ({files[0].name})", key="ssd_follow_newest",
                  on_click=_switch, args=(state, str(files[0])))
    trace = _read(state, chosen)
    if isinstance(trace, TraceError):
        st.text(f"This file cannot be read as a st_state_debugger trace: {trace}")  # text, never Markdown
        return
    where = "" if single else f"{len(files)} session{'s' if len(files) != 1 else ''} in {target} · "
    st.text(f"following {chosen.name} · app {trace.header.get('app') or '?'} · {len(trace.reruns)} reruns · "
            f"{where}read-only")
    widget = state.get(FOLLOW_KEY)
    request = parse_value(widget.get("request") if widget is not None and hasattr(widget, "get") else None)
    data = build_panel_data(trace, None, request)
    if request.export:
        with open(chosen, encoding="utf-8", errors="replace") as f:
            data["export"] = {"filename": chosen.name, "content": f.read()}
    host.mount(data, key=FOLLOW_KEY, on_change=lambda: None)


def main() -> None:
    """The follow app's body (``streamlit run follow_app.py`` with
    ``ST_STATE_DEBUGGER_FOLLOW=DIR`` or a trace file)."""
    import streamlit as st

    target = os.environ.get(ENV_FOLLOW, "")
    st.set_page_config(page_title="st_state_debugger · follow", layout="wide")
    st.fragment(run_every=EVERY_S)(_body)(st, target)
