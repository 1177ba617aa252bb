"""Break on change: stop the run the moment a watched key is about to be written.

Stage: record. ``st_state_debugger.break_on("total", source="callback")`` makes the
next write of ``total`` from a callback raise :class:`StateBreakpoint` right there,
before the value lands, so Streamlit shows the stack of the culprit and the state
still holds the value it had. Breakpoints are per session.
"""

from __future__ import annotations

from typing import Any

#: The StateBreakpoint message starts with this; the panel's warning says the rest.
PREFIX = "st_state_debugger: "


class StateBreakpoint(RuntimeError):
    """Raised by st_state_debugger at a write to a key under ``break_on``, before the write."""


class Breakpoints(dict):  # type: ignore[type-arg]
    """One session's breakpoints, key -> source (None: any source).

    Setting one arms the proxy's check before each write (``hooks.arm_breaks``): until
    a breakpoint exists in some session, a write costs no more than one global test.
    """

    __slots__ = ()

    def __setitem__(self, key: str, source: Any) -> None:
        super().__setitem__(key, source)
        from . import (
            internals as hooks,  # lazily: importing the package does not import Streamlit
        )

        hooks.arm_breaks()


def _who(attr: Any) -> str:
    """Who is about to write, in the words of a break message."""
    if attr.source == "callback":
        return f"callback {attr.callback}()" + (f" of widget '{attr.widget_key}'" if attr.widget_key else "")
    if attr.source == "widget":
        return f"the browser (widget '{attr.widget_key}')"
    if attr.source == "streamlit":
        return f"Streamlit ({attr.reason})"
    return str(attr.source)


def break_message(breakpoints: dict[str, str | None], key: str, attr: Any, file: str | None, line: int | None) -> str | None:
    """The StateBreakpoint message if a write (or delete) of ``key`` by ``attr`` (an
    ``attribution.Attribution``) at ``file:line`` hits a breakpoint, else None."""
    if key not in breakpoints:
        return None
    wanted = breakpoints[key]
    if wanted is not None and attr.source != wanted:
        return None
    return (f"{PREFIX}'{key}' is about to be changed by {_who(attr)} at {file}:{line} (break_on({key!r}"
            + (f", source={wanted!r}" if wanted else "") + ")); stopped before the change, which did not happen")
