"""Break on change: stop the run the moment a watched key is about to be written.

Stage: record. ``st_state_debugger.break_on("total", source="callback")`` makes the
next write of ``total`` from a callback raise :class:`StateBreakpoint` right there,
before the value lands, so Streamlit shows the stack of the culprit and the state
still holds the value it had. Breakpoints are per session.
"""

from __future__ import annotations

from typing import Any


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
        from . import internals as hooks  # lazily: importing the package does not import Streamlit

        hooks.arm_breaks()
