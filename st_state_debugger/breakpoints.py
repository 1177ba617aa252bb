"""Break on change: stop the run the moment a watched key is about to be written.

Stage: record. ``st_state_debugger.break_on("total", source="callback")`` makes the
next write of ``total`` from a callback raise :class:`StateBreakpoint` right there,
before the value lands, so Streamlit shows the stack of the culprit and the state
still holds the value it had. With ``action="breakpoint"`` the same moment is handed
to the developer's own debugger instead (Python's ``breakpoint()``, so whatever
``PYTHONBREAKPOINT`` names: pdb, debugpy, a custom hook) and, when it continues, the
write lands and the app runs on. Breakpoints are per session.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Literal, get_args

#: The StateBreakpoint message starts with this; the panel's warning says the rest.
PREFIX = "st_state_debugger: "

#: What a breakpoint does when hit: raise StateBreakpoint (the run stops there), or
#: call ``breakpoint()`` and let the write go ahead once the debugger continues.
BreakAction = Literal["raise", "breakpoint"]
BREAK_ACTIONS: tuple[BreakAction, ...] = get_args(BreakAction)


class StateBreakpoint(RuntimeError):
    """Raised by st_state_debugger at a write to a key under ``break_on``, before the write."""


class BreakStop(str):
    """A hit breakpoint: its message (a plain ``str`` for every caller that shows or
    raises it) and the ``action`` to take, read by ``internals.proxy._break``."""

    __slots__ = ("action",)
    action: BreakAction


class Breakpoints(dict):  # type: ignore[type-arg]
    """One session's breakpoints, key -> source (None: any source), and each one's action.

    ``breakpoints[key] = source`` (the panel's menu) sets one that raises; ``set(key,
    source, action)`` chooses the action. Setting one arms the proxy's check before
    each write (``hooks.arm_breaks``): until a breakpoint exists in some session, a
    write costs no more than one global test.
    """

    __slots__ = ("_actions",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._actions: dict[str, BreakAction] = {}

    def __setitem__(self, key: str, source: Any) -> None:
        self.set(key, source, "raise")

    def set(self, key: str, source: str | None, action: BreakAction = "raise") -> None:
        """Break on the next write of ``key`` from ``source`` (None: any source) with
        ``action``: "raise" (StateBreakpoint) or "breakpoint" (Python's debugger hook)."""
        if action not in BREAK_ACTIONS:
            raise ValueError(f"action must be one of {', '.join(BREAK_ACTIONS)}, not {action!r}")
        super().__setitem__(key, source)
        self._actions[key] = action
        from . import (
            internals as hooks,  # lazily: importing the package does not import Streamlit
        )

        hooks.arm_breaks()

    def action_of(self, key: str) -> BreakAction | None:
        """What ``key``'s breakpoint does when hit, or None when it has none."""
        return self._actions.get(key, "raise") if key in self else None


def _who(attr: Any) -> str:
    """Who is about to write, in the words of a break message."""
    if attr.source == "callback":
        return f"callback {attr.callback}()" + (f" of widget '{attr.widget_key}'" if attr.widget_key else "")
    if attr.source == "widget":
        return f"the browser (widget '{attr.widget_key}')"
    if attr.source == "streamlit":
        return f"Streamlit ({attr.reason})"
    return str(attr.source)


def _hook_disabled() -> bool:
    """True when ``breakpoint()`` would do nothing: Python's own hook with
    ``PYTHONBREAKPOINT=0`` (read at each call, as Python does)."""
    return sys.breakpointhook is sys.__breakpointhook__ and os.environ.get("PYTHONBREAKPOINT") == "0"


def break_message(breakpoints: dict[str, str | None], key: str, attr: Any, file: str | None, line: int | None) -> str | None:
    """The break (a :class:`BreakStop`, its message a ``str``) if a write (or delete) of
    ``key`` by ``attr`` (an ``attribution.Attribution``) at ``file:line`` hits a
    breakpoint, else None.

    A "breakpoint" action whose hook is off (``PYTHONBREAKPOINT=0``) is no break at all.
    A value from the browser has no line of the app on the stack (Streamlit applies it
    before any callback or script line): its debugger stop is taken here, in
    Streamlit's frames, and None returned so the value lands as usual.
    """
    if key not in breakpoints:
        return None
    wanted = breakpoints[key]
    if wanted is not None and attr.source != wanted:
        return None
    action_of = getattr(breakpoints, "action_of", None)
    action: BreakAction = (action_of(key) if action_of is not None else None) or "raise"
    where = f"'{key}' is about to be changed by {_who(attr)} at {file}:{line} (break_on({key!r}"
    where += (f", source={wanted!r}" if wanted else "")
    if action == "raise":
        stop = BreakStop(f"{PREFIX}{where})); stopped before the change, which did not happen")
    elif _hook_disabled():
        return None
    elif attr.source == "widget":
        try:
            hand_over()
        except Exception as err:  # e.g. pdb's quit (BdbQuit): the run goes on, as the value does
            from .guard import LOGGER

            LOGGER.debug("st_state_debugger: the debugger left with %r at a browser value", err)
        return None
    else:
        stop = BreakStop(f"{PREFIX}{where}, action='breakpoint')); handed to breakpoint() before the change, "
                         "which went ahead when the debugger continued")
    stop.action = action
    return stop


def hand_over() -> None:
    """Give the developer's debugger control (``breakpoint()``): the app's frame, when
    there is one, is a few frames up the stack (``up`` in pdb; the call stack in VS Code)."""
    breakpoint()  # noqa: T100 - the point of break_on(action="breakpoint")
