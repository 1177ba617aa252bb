"""Break on change: stop the run the moment a watched key is written.

Stage: record. ``st_state_debugger.break_on("total", source="callback")`` makes the
next write of ``total`` from a callback raise :class:`StateBreakpoint` right there,
so Streamlit shows the stack of the culprit. Breakpoints are per session.
"""

from __future__ import annotations


class StateBreakpoint(RuntimeError):
    """Raised by st_state_debugger at a write to a key under ``break_on``."""
