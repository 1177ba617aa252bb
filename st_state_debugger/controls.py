"""The panel's requests, and the restore they can lead to.

Stage: render → record (the one way back). The panel sends a single trigger,
``request``; its value says what to do: show an older rerun, export, pause or
resume, watch a key, break on a key, or restore an earlier state. Requests only
change the debugger's own settings, except a restore, which is applied at the start
of the next app rerun (trigger ``restore``) as writes and deletes with source
``debugger``, before any widget is created, so Streamlit accepts values for widget
keys. Payloads come from the browser: ``panel.requests`` parses them (anything
malformed is dropped there) and :func:`apply` applies the typed result.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any

from . import attribution
from . import internals as hooks
from .model import RerunWarning
from .panel import wire
from .panel.requests import BREAK_OFF, PanelRequest, parse_trigger
from .pitfalls import add_warning
from .recording.buffer import RunBuffer
from .recording.debug_session import DebugSession
from .timetravel import StateHistory, never_restorable

MAX_WATCHED = 20
RESTORE_NOTE = (
    "Restores session state only: side effects outside it (files written, database rows, "
    "messages or API calls sent, st.cache_data / st.cache_resource) are not undone."
)


def take_request(session: DebugSession, payload: Any) -> None:
    """Apply the panel's trigger value (``{"event": "request", "value": {...}}`` or a
    list of them): parsed in one place (``panel.requests``), applied here."""
    for request in parse_trigger(payload):
        apply(session, request)


def apply(session: DebugSession, request: PanelRequest) -> None:
    """Apply one parsed request: its types are trusted, its values checked against
    the session (a restore only of a rerun still kept)."""
    if request.rerun is not None:
        session.panel_want = request.rerun
    if request.export:
        session.panel_export = True
    if request.pause:
        session.paused = True
    if request.resume:
        session.paused = False
    if request.watch is not None:
        set_watch(session, *request.watch)
    if request.break_on is not None:
        key, source = request.break_on
        if source == BREAK_OFF:
            break_off(session, key)
        else:  # a vocab.BREAK_SOURCES name (the parser dropped any other)
            session.breakpoints.set(key, None if source == "any" else source, request.break_action)
            set_watch(session, key, True)
    if request.sync:
        wire.forget(session)
    if request.restore is not None and any(r.index == request.restore for r in session.store.reruns):
        session.restore_want = request.restore


def set_watch(session: DebugSession, key: str, on: bool) -> None:
    watched = session.watched
    if on and key not in watched and len(watched) < MAX_WATCHED:
        watched.append(key)
    elif not on and key in watched:
        watched.remove(key)
        break_off(session, key)


def break_off(session: DebugSession, key: str) -> None:
    """Remove ``key``'s breakpoint. If the app's last rerun stopped on one, the app
    runs again (``session.rerun_app``): it does not stay on the traceback until R."""
    if session.breakpoints.pop(key, False) is False:
        return
    last = session.store.reruns[-1] if session.store.reruns else None
    if last is not None and any(w.kind == "breakpoint" for w in last.warnings):
        session.rerun_app = True



# --------------------------------------------------------------------------- restore
def plan_restore(history: StateHistory, buf: RunBuffer, index: int, current: set[str],
                 refuses: Callable[[str], str | None]) -> None:
    """Decide the restore of rerun ``index`` for the run ``buf`` that starts now,
    given the user keys ``current`` and why Streamlit would refuse a key (``refuses``)."""
    buf.restore = history.plan(index, current, refuses)


def apply_restore(inner: MutableMapping[str, Any], buf: RunBuffer, no_write: dict[str, str]) -> None:
    """Write the planned values and delete the keys added since, recording each as an
    event of source ``debugger``. Called once the run's browser values are applied
    and before the script body, so no widget of this run exists yet."""
    plan = buf.restore
    if plan is None or buf.restore_applied:
        return
    buf.restore_applied = True
    attr = attribution.debugger(f"restored from the end of rerun {plan.source}")
    for key, value in plan.writes.items():
        try:
            inner[key] = value
        except Exception as exc:  # noqa: BLE001 - Streamlit refused it: leave the key as it is
            plan.skipped[key] = f"Streamlit refused it ({type(exc).__name__}: {exc})"
            continue
        buf.restored_keys.add(key)
        buf.add("write", key, "restore", attr, (None, -1), None, value)
    for key in plan.deletes:
        try:
            del inner[key]
        except Exception as exc:  # noqa: BLE001 - whatever Streamlit raises, the key stays and the panel says why
            plan.skipped[key] = f"it could not be deleted ({type(exc).__name__})"
            continue
        buf.add("delete", key, "restore", attr, (None, -1), True, hooks.NOVAL)
    for key, why in sorted(plan.skipped.items()):
        add_warning(buf, RerunWarning(
            "restore_skipped", key,
            f"'{key}' was not restored from rerun {plan.source}: {why}. It keeps its current value."))
    if plan.never:  # one line for all of them (timetravel.never_restorable)
        add_warning(buf, RerunWarning("restore_skipped", ", ".join(plan.never), never_restorable(plan.never, no_write)))
