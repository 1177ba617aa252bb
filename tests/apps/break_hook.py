"""A ``PYTHONBREAKPOINT`` hook for the tests: it records what a debugger would be
given (the stack, file:line of each frame) and the watched key's value at that moment."""

from __future__ import annotations

import sys
from typing import Any

#: The key whose value the hook reads when it gets control (set by the test).
KEY = "count"
#: One entry per call: {"stack": [(file, line, function), ...], "value": ...}
CALLS: list[dict[str, Any]] = []
MISSING = "<missing>"


def hook(*args: Any, **kwargs: Any) -> None:
    """What ``breakpoint()`` calls when ``PYTHONBREAKPOINT=tests.apps.break_hook.hook``."""
    import streamlit as st

    stack = []
    frame = sys._getframe(1)
    while frame is not None:
        stack.append((frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_name))
        frame = frame.f_back
    CALLS.append({"stack": stack, "value": st.session_state.get(KEY, MISSING), "args": args, "kwargs": kwargs})
