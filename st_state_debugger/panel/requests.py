"""The panel's requests: parsed in one place into a small value, and applied.

Stage: render → record (the one way back). The panel sends a single trigger,
``request``, whose value says what to do: show an older rerun, export, pause or
resume, watch a key, break on a key, restore an earlier state, or open the
inspector in a tab. The value comes from the browser: anything malformed is
dropped by the parser, so :func:`apply`
trusts a :class:`PanelRequest`'s types and checks only its values against the
session. Requests change the debugger's own settings (the
``Controls``: the recorder's ``DebugSession``), never the app's
state: a restore is only noted here and applied by the next app rerun
(``recording/restore.py``). Nothing here imports Streamlit or the recorder.

MUST stay in sync with ``RequestPayload`` in ``frontend/src/types.ts``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from ..breakpoints import BREAK_ACTIONS, BreakAction, Breakpoints
from ..store import SessionStore
from ..vocab import BREAK_SOURCES, BreakSource
from . import wire

#: "off" removes a key's breakpoint; it is only ever sent, never shown
BREAK_OFF = "off"
#: how many keys the panel's watch table holds (a pin beyond it is ignored)
MAX_WATCHED = 20


@dataclass(frozen=True, slots=True)
class PanelRequest:
    """One request of the panel (one trigger value); ``None``/``False`` = not asked.

    ``break_on`` is ``(key, source)`` with source a :data:`vocab.BREAK_SOURCES`
    name or ``"off"``; ``watch`` is ``(key, on)``.
    """

    rerun: int | None = None
    export: bool = False
    pause: bool = False
    resume: bool = False
    watch: tuple[str, bool] | None = None
    break_on: tuple[str, BreakSource | str] | None = None
    restore: int | None = None
    #: what ``break_on``'s break does when hit (:data:`breakpoints.BREAK_ACTIONS`)
    break_action: BreakAction = "raise"
    #: the panel's held data does not fit the last payload: the next one is full (``wire.py``)
    sync: bool = False
    #: open the full-width inspector for this session (``inspector.py``; its URL comes back in the payload)
    inspect: bool = False


NO_REQUEST = PanelRequest()


class Controls(Protocol):
    """What a request may change: the user's controls of one session. The
    recorder's ``DebugSession`` is one (pyright checks it where the recorder passes
    it); the panel never imports the recording side."""

    store: SessionStore
    paused: bool
    breakpoints: Breakpoints
    watched: list[str]
    panel_want: int | None
    panel_export: bool
    restore_want: int | None
    rerun_app: bool
    inspect_want: bool


def parse_trigger(payload: Any) -> list[PanelRequest]:
    """The live trigger's value: ``{"event": "request", "value": {...}}`` or a list
    of them, oldest first."""
    items = payload if isinstance(payload, list) else [payload]
    return [parse_value(item.get("value")) for item in items if isinstance(item, dict) and isinstance(item.get("value"), dict)]


def parse_value(value: Any) -> PanelRequest:
    """One request value (``RequestPayload``); a non-dict is no request."""
    if not isinstance(value, dict):
        return NO_REQUEST
    watch = value.get("watch")
    brk = value.get("break_on")
    return PanelRequest(
        rerun=value["rerun"] if _is_int(value.get("rerun")) else None,
        export=value.get("export") is True,
        pause=value.get("pause") is True,
        resume=value.get("resume") is True,
        watch=(watch["key"], watch.get("on") is True) if isinstance(watch, dict) and isinstance(watch.get("key"), str) else None,
        break_on=_break_on(brk),
        break_action=_break_action(brk),
        restore=value["restore"] if _is_int(value.get("restore")) else None,
        sync=value.get("sync") is True,
        inspect=value.get("inspect") is True,
    )


def _break_on(brk: Any) -> tuple[str, str] | None:
    if not (isinstance(brk, dict) and isinstance(brk.get("key"), str) and isinstance(brk.get("source"), str)):
        return None
    source = brk["source"]
    return (brk["key"], source) if source == BREAK_OFF or source in BREAK_SOURCES else None


def _break_action(brk: Any) -> BreakAction:
    action = brk.get("action") if isinstance(brk, dict) else None
    for known in BREAK_ACTIONS:
        if known == action:
            return known
    return "raise"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --------------------------------------------------------------------------- applying
def take_request(session: Controls, payload: Any) -> None:
    """Apply the panel's trigger value (``{"event": "request", "value": {...}}`` or a
    list of them), oldest first."""
    for request in parse_trigger(payload):
        apply(session, request)


def apply(session: Controls, request: PanelRequest) -> None:
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
    if request.inspect:
        session.inspect_want = True
    if request.restore is not None and any(r.index == request.restore for r in session.store.reruns):
        session.restore_want = request.restore


def set_watch(session: Controls, key: str, on: bool) -> None:
    """Pin (``on``) or unpin ``key`` in the watch table; unpinning lifts its break."""
    watched = session.watched
    if on and key not in watched and len(watched) < MAX_WATCHED:
        watched.append(key)
    elif not on and key in watched:
        watched.remove(key)
        break_off(session, key)


def break_off(session: Controls, key: str) -> None:
    """Remove ``key``'s breakpoint. If the app's last rerun stopped on one, the app
    runs again (``session.rerun_app``): it does not stay on the traceback until R."""
    if session.breakpoints.pop(key, False) is False:
        return
    last = session.store.reruns[-1] if session.store.reruns else None
    if last is not None and any(w.kind == "breakpoint" for w in last.warnings):
        session.rerun_app = True
