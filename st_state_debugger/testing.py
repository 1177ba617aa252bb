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

from .config import DEFAULT_REDACT, MAX_VALUE_CHARS, REDACTED
from .model import Trace
from .redact import Redactor, summarize


def trace_of(app_test: Any) -> Trace:
    """The trace recorded so far for ``app_test``'s session (reruns kept in memory).

    Raises:
        LookupError: the app never called ``st_state_debugger.enable()`` in that
            session, or the debugger switched itself off there.
    """
    from . import internals as hooks

    rec = hooks.recorder_of_apptest(app_test)
    if rec is None or rec.dead:
        raise LookupError("this AppTest session is not recorded: call st_state_debugger.enable() at the top of the app")
    return Trace(header=dict(rec.debug.header), reruns=list(rec.debug.store.reruns))


# --------------------------------------------------------------------------- replay helpers
# Used by the tests `st-state-debugger gen-test` writes; also usable by hand.

_UNSET = object()


def replay_widget(app_test: Any, key: str | None, value: Any = _UNSET, *, label: str | None = None,
                  widget: str | None = None) -> None:
    """Set a widget's value (or click it when no value is given), found by key, or by
    type and label for a keyless widget. Does not run the app."""
    if key is not None:
        element = app_test.get_by_key(key)
    else:
        candidates = getattr(app_test, widget or "button", None) or []
        matches = [e for e in candidates if getattr(e, "label", None) == label]
        if not matches:
            raise LookupError(f"no {widget or 'button'} labelled {label!r} in the app any more")
        element = matches[0]
    if value is _UNSET:
        element.click()
    else:
        element.set_value(value)


def state_summaries(app_test: Any, limit: int = MAX_VALUE_CHARS, redact: tuple[str, ...] | None = None) -> dict[str, str]:
    """``st.session_state`` of an AppTest as the same bounded text the trace records."""
    redactor = Redactor(DEFAULT_REDACT if redact is None else redact)
    if redactor.active:  # as in the trace: a password box's key is secret whatever its name
        redactor.secret_keys.update(_password_keys(app_test))
    out = {}
    for key, value in app_test.session_state.to_dict().items():
        out[key] = REDACTED if redactor.is_secret(key) else summarize(value, limit, redactor)
    return out


def _password_keys(app_test: Any) -> set[str]:
    """Keys of the ``st.text_input(type="password")`` boxes the app shows now."""
    keys = set()
    for box in getattr(app_test, "text_input", None) or []:
        proto = getattr(box, "proto", None)
        if proto is not None and box.key is not None and proto.type == proto.PASSWORD:
            keys.add(box.key)
    return keys


def assert_state(app_test: Any, rerun: int, expected: dict[str, str], absent: list[str], limit: int = MAX_VALUE_CHARS) -> None:
    """Assert the app's state matches what the trace recorded after ``rerun``."""
    __tracebackhide__ = True  # pytest: the failure points at the generated test's line
    actual = state_summaries(app_test, limit)
    problems = []
    for key, want in expected.items():
        got = actual.get(key, "<missing>")
        if got != want:
            problems.append(f"  {key!r}: recorded {want}, now {got}")
    for key in absent:
        if key in actual:
            problems.append(f"  {key!r}: was not in the state after rerun {rerun}, now {actual[key]}")
    if app_test.exception:
        problems.append(f"  the app raised: {app_test.exception[0].message}")
    if problems:
        raise AssertionError(f"state after rerun {rerun} differs from the recorded trace:\n" + "\n".join(problems))


def panel_request(app_test: Any, value: dict[str, Any]) -> Any:
    """Send the panel's ``request`` (what its buttons send: ``{"restore": 3}``,
    ``{"pause": True}``, ``{"watch": {"key": "k", "on": True}}``, ``{"break_on":
    {"key": "k", "source": "callback"}}``…) to an AppTest session, then run the app."""
    from . import internals as hooks
    from .panel.requests import take_request

    rec = hooks.recorder_of_apptest(app_test)
    if rec is None or rec.dead:
        raise LookupError("this AppTest session is not recorded: call st_state_debugger.enable() at the top of the app")
    take_request(rec.debug, {"event": "request", "value": value})
    return app_test.run()
