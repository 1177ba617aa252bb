"""Helpers for app authors' own tests: an ``AppTest`` session's trace as objects.

Example::

    from streamlit.testing.v1 import AppTest
    from st_state_debugger.testing import trace_of

    at = AppTest.from_file("app.py").run()       # app.py calls st_state_debugger.enable()
    at.button(key="save").click().run()
    last = trace_of(at).reruns[-1]
    assert any(e.key == "saved" and e.callback == "save" for e in last.events)
    assert last.diff.mutated_in_place == []
"""

from __future__ import annotations

from typing import Any

from .model import Trace


def trace_of(app_test: Any) -> Trace:
    """The trace recorded so far for ``app_test``'s session (reruns kept in memory).

    Raises:
        LookupError: the app never called ``st_state_debugger.enable()`` in that
            session, or the debugger switched itself off there.
    """
    from . import hooks

    rec = hooks.recorder_of_apptest(app_test)
    if rec is None or rec.dead:
        raise LookupError("this AppTest session is not recorded: call st_state_debugger.enable() at the top of the app")
    return Trace(header=dict(rec.header), reruns=list(rec.store.reruns))
