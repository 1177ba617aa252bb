"""The panel's view model (``PanelData``), for the live panel and the trace viewer.

Stage: store/trace → **render**. One pure builder, :func:`build_panel_data`: given
the reruns (a live session's, with its :class:`LiveStatus`, or a saved
:class:`~st_state_debugger.model.Trace`) and the request, it returns the bounded
payload: the timeline (one small row per rerun), full details of the latest reruns
and of the one asked for, the state summaries, notices, watched keys and the
slowest callbacks. It imports nothing of Streamlit and nothing of the recorder.
Every string is data; the frontend renders it with ``textContent`` only.

To add a panel section: compute it here (live and/or viewer), declare it in
``frontend/src/types.ts`` (``PanelData``), draw it in the frontend. The contract
with ``PanelData`` MUST stay in sync.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, cast

from ..breakpoints import BREAK_ACTIONS
from ..model import Event, Rerun, Trace
from ..redact import record_fields, summarize
from ..store import SlowCallback, slowest_callbacks
from ..vocab import REDACTED, enumerations, who_did
from ..watchlist import slowest_view, watch_view
from .requests import NO_REQUEST, PanelRequest

TIMELINE_ROWS = 100  # live: the sidebar is narrow and rebuilt on every rerun
VIEWER_ROWS = 2000  # viewer: a saved trace, shown full width
DETAILED_RERUNS = 5
STATE_KEYS = 300
CHILDREN = 20
CHILD_CHARS = 80
NOTICES = 10


@dataclass
class LiveStatus:
    """What the live panel shows besides the reruns, read from the session by the
    live side (``sidebar.py``) so the view never reaches into the recorder.

    ``preview`` is the running rerun's preview (not stored, not restorable);
    ``cache`` keeps the views of stored reruns across renders (a stored rerun never
    changes).
    """

    session_label: str
    state: dict[str, Any]
    summaries: dict[str, str]
    redactor: Any
    overflow: bool = False
    paused: bool = False
    preview: Rerun | None = None
    notices: list[str] = field(default_factory=list[str])
    watched: list[str] = field(default_factory=list[str])
    breakpoints: dict[str, str | None] = field(default_factory=dict[str, str | None])
    slowest: list[SlowCallback] = field(default_factory=list[SlowCallback])
    export: dict[str, str] | None = None
    #: shown beside the restore button (``timetravel.RESTORE_NOTE``)
    restore_note: str = ""
    #: the length of a value's summary (``Options.max_value_chars``)
    max_chars: int = 120
    cache: dict[int, dict[str, Any]] = field(default_factory=dict[int, dict[str, Any]])
    #: the answer to the panel's "open in a tab", in the one render that follows it:
    #: ``{"url": "http://127.0.0.1:PORT/", "error": None}`` or ``{"url": None, "error": "…"}``
    inspector: dict[str, str | None] | None = None


def build_panel_data(source: Trace | Sequence[Rerun], live: LiveStatus | None, request: PanelRequest = NO_REQUEST) -> dict[str, Any]:
    """``PanelData`` for one render: bounded whatever the session's length.

    Args:
        source: the live session's stored reruns (oldest first), or a saved trace.
        live: the live session's status; ``None`` for a saved trace (viewer mode).
        request: the panel's request; its ``rerun`` gets full details too.
    """
    if live is None:
        if not isinstance(source, Trace):
            raise TypeError("viewer mode needs a Trace")
        return _viewer_data(source, request.rerun)
    return _live_data(list(cast("Sequence[Rerun]", source)), live, request.rerun)


# --------------------------------------------------------------------------- pieces
def event_view(e: Event) -> dict[str, Any]:
    return {
        "seq": e.seq, "op": e.op, "key": e.key, "api": e.api or "", "source": e.source,
        "source_text": who_did(e), "file": e.file, "line": e.line, "found": e.found,
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
        out: list[dict[str, Any]] = []
        for key in keys:
            before, after = (d.values.get(key) or [None, None])[:2]
            out.append({
                "key": key, "before": before, "after": after,
                "details": [{"path": c.path, "change": c.change, "old": c.old, "new": c.new} for c in d.detail(key)],
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
                    {"rerun": h.rerun, "seq": h.event.seq, "op": h.event.op, "source_text": who_did(h.event),
                     "file": h.event.file, "line": h.event.line, "reason": h.event.reason, "value": h.event.value}
                    for h in err.history
                ],
            }
            for err in r.errors
        ],
    }


def state_entries(state: dict[str, Any], summaries: dict[str, str], redactor: Any, max_chars: int = 120) -> list[dict[str, Any]]:
    """Every key with a short value; one level of children for dicts and lists."""
    out: list[dict[str, Any]] = []
    for key in sorted(state, key=str)[:STATE_KEYS]:
        value = state[key]
        secret = redactor.is_secret(key)
        entry: dict[str, Any] = {
            "key": key, "type": _type(value), "redacted": secret,
            "summary": REDACTED if secret else summaries.get(key) or summarize(value, max_chars, redactor),
        }
        if not secret and isinstance(value, (dict, list, tuple)) and value:
            # islice: a 100,000-entry dict costs what a 20-entry one does. A
            # namedtuple's children are named by field, so a `password` field is
            # redacted by name as in its summary.
            container = cast("dict[Any, Any] | list[Any] | tuple[Any, ...]", value)
            fields = record_fields(container)
            pairs: Iterable[tuple[Any, Any]] = (zip(fields, container) if fields is not None
                                                else container.items() if isinstance(container, dict) else enumerate(container))
            items = list(islice(pairs, CHILDREN))
            entry["children"] = [
                {"key": str(k), "type": _type(v), "redacted": redactor.is_secret(k),
                 "summary": REDACTED if redactor.is_secret(k) else summarize(v, CHILD_CHARS, redactor)}
                for k, v in items
            ]
        out.append(entry)
    return out


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


def _type(value: Any) -> str:
    try:
        return type(value).__name__
    except Exception:  # noqa: BLE001 - an app's object with a broken __class__ is still shown
        return "object"


def _chosen(reruns: list[Rerun], shown: list[Rerun], want: int | None) -> dict[int, Rerun]:
    """The reruns sent in full: the latest shown ones and the one asked for."""
    chosen = {r.index: r for r in shown[-DETAILED_RERUNS:]}
    if want is not None:
        chosen.update({r.index: r for r in reruns if r.index == want})
    return chosen


# --------------------------------------------------------------------------- live
def _live_data(stored: list[Rerun], live: LiveStatus, want: int | None) -> dict[str, Any]:
    preview = live.preview
    reruns = stored + ([preview] if preview is not None else [])
    shown = reruns[-TIMELINE_ROWS:]
    detailed = _chosen(reruns, shown, want)
    cache = live.cache
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
        return v["row"] if not live.paused or r is preview else {**v["row"], "restorable": False}

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
        "session_label": live.session_label,
        "overflow": live.overflow or len(reruns) > len(shown),
        "total_reruns": len(reruns),
        "timeline": [row(r) for r in shown],
        "details": details,
        "state": state_entries(live.state, live.summaries, live.redactor, live.max_chars),
        "export": live.export,
        "inspector": live.inspector,
        "redacted_placeholder": REDACTED,
        "notices": live.notices + _recent_warnings(reruns[-2:]),
        "paused": live.paused,
        "watch": [
            {**watch_view(key, shown, live.breakpoints.get(key, False), live.redactor.is_secret(key)),
             "break_action": _action_of(live.breakpoints, key)}
            for key in live.watched
        ],
        "break_actions": list(BREAK_ACTIONS),
        # the running rerun's callbacks have run already: count them too
        "slowest_callbacks": slowest_view(slowest_callbacks([preview] if preview else [], live.slowest)),
        "restore_note": live.restore_note,
        "vocab": enumerations(),
    }


def _action_of(breakpoints: dict[str, str | None], key: str) -> str:
    """What ``key``'s break does when hit ("raise" for a plain dict of breakpoints)."""
    action_of = getattr(breakpoints, "action_of", None)
    return (action_of(key) if action_of is not None else None) or "raise"


def _recent_warnings(recent: list[Rerun]) -> list[str]:
    """Warnings of the rerun shown and the one before it, each once. The preview of
    the running rerun already has the warnings of the cleanup Streamlit is about to
    do; the one before keeps a warning in view for one more rerun."""
    out: list[str] = []
    for r in recent:
        for w in r.warnings:
            text = f"#{r.index}: {w.message}"
            if w.message not in " ".join(out):
                out.append(text)
    return out[:NOTICES]


# --------------------------------------------------------------------------- viewer
def _viewer_data(trace: Trace, want: int | None) -> dict[str, Any]:
    """Viewer mode: every rerun in the timeline (up to :data:`VIEWER_ROWS`), details
    of the latest reruns and of the one asked for, each with its state as replayed
    from the diffs. Nothing is restorable and the placeholder is the trace's."""
    placeholder = trace.header.get("redaction", {}).get("placeholder", REDACTED)
    states = states_by_rerun(trace)
    reruns: list[Rerun] = trace.reruns
    shown = reruns[-VIEWER_ROWS:]
    chosen = _chosen(reruns, shown, want)
    details: list[dict[str, Any]] = []
    for index in sorted(chosen):
        d = detail(chosen[index])
        d["state"] = _replayed_entries(states.get(index, {}), placeholder)
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
        "state": _replayed_entries(last, placeholder),
        "export": None,
        "redacted_placeholder": placeholder,
        "slowest_callbacks": slowest_view(slowest_callbacks(reruns)),
        "notices": [f"#{r.index}: {w.message}" for r in reruns for w in r.warnings][-NOTICES:],
        "vocab": enumerations(),
    }


def _replayed_entries(state: dict[str, str | None], placeholder: str) -> list[dict[str, Any]]:
    return [
        {"key": k, "type": "", "summary": v if v is not None else "", "redacted": v == placeholder}
        for k, v in sorted(state.items())
    ]
