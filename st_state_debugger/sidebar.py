"""The sidebar panel: Components v2 registration and the view model sent to it.

Stage: store → **render**. After the script body (so it shows the rerun that just
ran), the panel is mounted inside a fragment of its own in the sidebar. Its requests
(an older rerun's details, an export, pause, watch, break) therefore rerun only that
fragment: the app's script never runs because of the debugger, except for a restore,
which asks for one app rerun (``controls.py``). The data sent is bounded: the timeline
(one small row per rerun), full details of the latest reruns and of the one asked
for, and the state summaries. Every string is data; the frontend renders it with
``textContent`` only.

The contract with ``frontend/src/types.ts`` (``PanelData``) MUST stay in sync.
"""

from __future__ import annotations

import time
from importlib import resources
from itertools import islice
from typing import Any

from . import internals as hooks
from .controls import RESTORE_NOTE
from .model import Event, Rerun
from .redact import record_fields, summarize
from .store import slowest_callbacks
from .watchlist import slowest_view, watch_view

COMPONENT_NAME = "st_state_debugger.panel"
TIMELINE_ROWS = 100
DETAILED_RERUNS = 5
STATE_KEYS = 300
CHILDREN = 20
CHILD_CHARS = 80

_renderer: Any = None


def _asset(name: str) -> str:
    text = (resources.files("st_state_debugger") / "frontend_dist" / name).read_text(encoding="utf-8")
    # Streamlit treats css/js without a newline that look like a path as asset
    # paths: a trailing newline keeps the bundle inline.
    return text if "\n" in text else text + "\n"


def component() -> Any:
    """Register the panel once per process.

    Streamlit reads the package's asset manifest (``st_state_debugger/pyproject.toml``)
    and serves the bundle from ``frontend_dist/``: each panel element names the files
    instead of carrying 29 KB of JS and CSS. Where Streamlit found no manifest (a
    vendored copy) the bundle is sent inline. No Node either way.
    """
    global _renderer
    if _renderer is None:
        import streamlit as st
        from .internals.names import StreamlitAPIException

        html = '<div data-testid="ssd-panel"></div>'
        try:
            _renderer = st.components.v2.component(COMPONENT_NAME, html=html, css="index.css", js="index.js")
        except StreamlitAPIException:  # no asset_dir known for the panel in this process
            try:
                js, css = _asset("index.js"), _asset("index.css")
            except OSError as exc:
                raise RuntimeError("panel bundle missing: run `cd frontend && npm ci && npm run build`") from exc
            _renderer = st.components.v2.component(COMPONENT_NAME, html=html, css=css, js=js)
    return _renderer


def on_request(*_: Any) -> None:
    """Callback of the panel's ``request`` trigger. The payload is read by the
    recorder's hook (``Recorder.on_callback_pending``), which sees the widget."""


on_request._ssd_panel = True  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- view model
def source_text(e: Event) -> str:
    if e.source == "callback":
        widget = f" · widget {e.widget_key}" if e.widget_key else ""
        return f"callback {e.callback}(){widget}"
    if e.source == "widget":
        return f"browser value · widget {e.widget_key}"
    if e.source == "streamlit":
        return f"Streamlit: {e.reason}" if e.reason else "Streamlit"
    if e.source == "debugger":
        return f"debugger: {e.reason}" if e.reason else "debugger"
    return "script"


def event_view(e: Event) -> dict[str, Any]:
    return {
        "seq": e.seq, "op": e.op, "key": e.key, "api": e.api or "", "source": e.source,
        "source_text": source_text(e), "file": e.file, "line": e.line, "found": e.found,
        "value": e.value, "reason": e.reason,
    }


def timeline_row(r: Rerun, restorable: bool = False) -> dict[str, Any]:
    reads, writes, deletes = r.counts()
    return {
        "index": r.index, "trigger_text": r.trigger.text(), "trigger_kind": r.trigger.kind,
        "status": r.status, "duration_ms": r.duration_ms, "reads": reads, "writes": writes,
        "deletes": deletes, "has_errors": bool(r.errors), "has_mutations": bool(r.diff.mutated_in_place),
        "internal": r.trigger.kind == "debugger",
        "callbacks": [{"name": c.callback, "widget": c.widget_key, "ms": c.duration_ms} for c in r.callbacks],
        "restorable": restorable,
    }


def detail(r: Rerun) -> dict[str, Any]:
    d = r.diff

    def entries(keys: list[str]) -> list[dict[str, Any]]:
        out = []
        for key in keys:
            before, after = (d.values.get(key) or [None, None])[:2]
            out.append({
                "key": key, "before": before, "after": after,
                "details": [{"path": c.path, "change": c.change, "old": c.old, "new": c.new} for c in d.details.get(key, [])],
                "sampled": key in d.sampled,
            })
        return out

    return {
        "index": r.index, "trigger_text": r.trigger.text(), "status": r.status, "duration_ms": r.duration_ms,
        "events": [event_view(e) for e in r.events], "events_dropped": r.events_dropped,
        "diff": {"added": entries(d.added), "removed": entries(d.removed), "changed": entries(d.changed),
                 "mutated_in_place": list(d.mutated_in_place), "changed_while_paused": list(d.changed_while_paused)},
        "errors": [
            {
                "key": err.key, "type": err.type, "message": err.message, "file": err.file, "line": err.line,
                "explanation": err.explanation, "suggestions": list(err.suggestions),
                "history": [
                    {"rerun": h.rerun, "seq": h.event.seq, "op": h.event.op, "source_text": source_text(h.event),
                     "file": h.event.file, "line": h.event.line, "reason": h.event.reason, "value": h.event.value}
                    for h in err.history
                ],
            }
            for err in r.errors
        ],
    }


def state_entries(state: dict[str, Any], summaries: dict[str, str], redactor: Any, placeholder: str) -> list[dict[str, Any]]:
    """Every key with a short value; one level of children for dicts and lists."""
    out = []
    for key in sorted(state, key=str)[:STATE_KEYS]:
        value = state[key]
        secret = redactor.is_secret(key)
        entry: dict[str, Any] = {
            "key": key, "type": _type(value), "redacted": secret,
            "summary": placeholder if secret else summaries.get(key) or summarize(value, 120, redactor),
        }
        if not secret and isinstance(value, (dict, list, tuple)) and value:
            # islice: a 100,000-entry dict costs what a 20-entry one does. A
            # namedtuple's children are named by field, so a `password` field is
            # redacted by name as in its summary.
            fields = record_fields(value)
            pairs: Any = zip(fields, value) if fields is not None else value.items() if isinstance(value, dict) else enumerate(value)
            items = list(islice(pairs, CHILDREN))
            entry["children"] = [
                {"key": str(k), "type": _type(v), "redacted": redactor.is_secret(k),
                 "summary": placeholder if redactor.is_secret(k) else summarize(v, CHILD_CHARS, redactor)}
                for k, v in items
            ]
        out.append(entry)
    return out


def _type(value: Any) -> str:
    try:
        return type(value).__name__
    except Exception:
        return "object"


def build_payload(recorder: Any, preview: Rerun | None, state: dict[str, Any], want: int | None, export: dict[str, str] | None) -> dict[str, Any]:
    """The ``PanelData`` for one render: bounded whatever the session's length."""
    from .config import REDACTED

    reruns = list(recorder.store.reruns)
    if preview is not None:
        reruns.append(preview)
    shown = reruns[-TIMELINE_ROWS:]
    detailed = {r.index: r for r in shown[-DETAILED_RERUNS:]}
    if want is not None:
        for r in reruns:
            if r.index == want:
                detailed[r.index] = r
    cache = recorder.view_cache  # a stored rerun never changes: build its views once
    if len(cache) > 4 * TIMELINE_ROWS:
        keep = {r.index for r in shown}
        for index in [i for i in cache if i not in keep]:
            del cache[index]

    def views(r: Rerun) -> dict[str, Any]:
        if r is preview:
            return {}
        entry = cache.get(r.index)
        if entry is None or entry["rerun"] is not r:
            entry = cache[r.index] = {"rerun": r}
        return entry

    def row(r: Rerun) -> dict[str, Any]:
        v = views(r)
        if "row" not in v:
            v["row"] = timeline_row(r, restorable=r is not preview)
        # no restore while paused: the restore rerun would not be recorded
        return v["row"] if not recorder.paused or r is preview else {**v["row"], "restorable": False}

    def full(r: Rerun) -> dict[str, Any]:
        v = views(r)
        if "detail" not in v:
            v["detail"] = detail(r)
        return v["detail"]

    details = [full(detailed[i]) for i in sorted(detailed)]
    for index, entry in cache.items():  # keep big detail views only while they are shown
        if index not in detailed:
            entry.pop("detail", None)
    return {
        "version": 1,
        "mode": "live",
        "session_label": recorder.session,
        "overflow": recorder.store.overflow or len(reruns) > len(shown),
        "total_reruns": len(reruns),
        "timeline": [row(r) for r in shown],
        "details": details,
        "state": state_entries(state, recorder.tracker.last_summaries, recorder.redactor, REDACTED),
        "export": export,
        "redacted_placeholder": REDACTED,
        "notices": _notices(recorder) + _warnings(reruns[-2:]),
        "paused": recorder.paused,
        "watch": [
            watch_view(key, shown, recorder.breakpoints.get(key, False), recorder.redactor.is_secret(key), source_text)
            for key in recorder.watched
        ],
        # the running rerun's callbacks have run already: count them too
        "slowest_callbacks": slowest_view(slowest_callbacks([preview] if preview else [], recorder.store.slowest)),
        "restore_note": RESTORE_NOTE,
    }


def _warnings(recent: list[Rerun]) -> list[str]:
    """Warnings of the rerun shown and the one before it, each once. The preview of
    the running rerun already has the warnings of the cleanup Streamlit is about to
    do (``Recorder._after_cleanup``); the one before keeps a warning in view for one
    more rerun."""
    out: list[str] = []
    for r in recent:
        for w in r.warnings:
            text = f"#{r.index}: {w.message}"
            if w.message not in " ".join(out):
                out.append(text)
    return out[:10]


def _notices(recorder: Any) -> list[str]:
    notices = [recorder.trace_problem] if recorder.trace_problem else []
    sampled = sorted(recorder.tracker.sampled_keys, key=str)
    if sampled:
        shown = ", ".join(sampled[:8]) + (f" and {len(sampled) - 8} more" if len(sampled) > 8 else "")
        notices.append(
            f"checked by sampling (too big to check fully every rerun): {shown}; "
            "an edit to an unsampled item of these can be missed"
        )
    return notices


def export_file(recorder: Any) -> dict[str, str]:
    from .trace import dumps_trace

    stamp = time.strftime("%Y%m%d-%H%M%S")
    content = dumps_trace(recorder.header, list(recorder.store.reruns)).decode("utf-8")
    return {"filename": f"st_state_debugger-{recorder.session}-{stamp}.jsonl", "content": content}


# --------------------------------------------------------------------------- mounting
def _panel_fragment_body() -> None:
    """The panel's own fragment: rebuilt on every run and on the panel's requests."""
    ctx = hooks.current_ctx()
    recorder = hooks.recorder_of(hooks.inner_state(ctx)) if ctx is not None else None
    if recorder is None or recorder.dead:
        return
    try:
        recorder.render_panel_now(ctx)
    except Exception as err:  # the panel's own failure: off for this session, app untouched
        from .guard import trip

        trip(recorder, "panel", err)


_panel_fragment: Any = None


def panel_fragment() -> Any:
    global _panel_fragment
    if _panel_fragment is None:
        import streamlit as st

        _panel_fragment = st.fragment(_panel_fragment_body)
    return _panel_fragment


def mount(data: dict[str, Any]) -> None:
    """Mount the component with ``data`` (called inside the panel fragment)."""
    component()(data=data, on_request_change=on_request)
