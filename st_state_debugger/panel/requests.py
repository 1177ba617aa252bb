"""The panel's requests, parsed in one place into a small value.

Stage: render → record (the one way back). The panel sends a single trigger,
``request``, whose value says what to do: show an older rerun, export, pause or
resume, watch a key, break on a key, or restore an earlier state. The value comes
from the browser: anything malformed is dropped here, so whoever applies a
:class:`PanelRequest` trusts its types.

MUST stay in sync with ``RequestPayload`` in ``frontend/src/types.ts``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..breakpoints import BREAK_ACTIONS, BreakAction
from ..vocab import BREAK_SOURCES, BreakSource

#: "off" removes a key's breakpoint; it is only ever sent, never shown
BREAK_OFF = "off"


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


NO_REQUEST = PanelRequest()


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
