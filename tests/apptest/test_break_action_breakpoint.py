"""break_on(..., action="breakpoint"): the developer's own debugger gets control
before the write, with the app's line on the stack; then the write lands and the app
runs on as if nothing had happened."""

from __future__ import annotations

import pytest

from st_state_debugger.breakpoints import Breakpoints
from st_state_debugger.testing import trace_of
from tests.apps import break_hook
from tests.conftest import APPS, app

APP_FILE = str(APPS / "break_action.py")
HOOK = "tests.apps.break_hook.hook"


@pytest.fixture()
def hook(monkeypatch):
    """PYTHONBREAKPOINT names the recording hook (sys.breakpointhook reads it at each call)."""
    monkeypatch.setenv("PYTHONBREAKPOINT", HOOK)
    monkeypatch.setattr(break_hook, "CALLS", [])
    monkeypatch.setattr(break_hook, "KEY", "count")
    return break_hook


def _app_lines(call: dict) -> list[int]:
    return [line for file, line, _ in call["stack"] if file == APP_FILE]


def test_the_hook_gets_the_callbacks_line_before_the_write_then_the_write_lands(trace_dir, hook):
    at = app("break_action.py").run()
    assert not at.exception and hook.CALLS == []  # the script's own write is not from a callback
    at.button(key="add").click().run()
    (call,) = hook.CALLS
    assert _app_lines(call)[0] == 14  # the innermost app frame: ss.count = ss.count + 1
    assert call["value"] == 0  # the debugger sees the state before the write
    assert call["args"] == () and call["kwargs"] == {}
    assert not at.exception  # no StateBreakpoint: the app ran on
    assert at.session_state["count"] == 1  # the write landed after the hook returned
    assert [m.value for m in at.markdown] == ["count is 1"]
    last = trace_of(at).reruns[-1]
    assert last.status == "ok"
    (warning,) = [w for w in last.warnings if w.kind == "breakpoint"]
    assert warning.line == 14 and "handed to breakpoint()" in warning.message


def test_a_script_write_hands_over_at_its_own_line(trace_dir, hook):
    at = app("break_action.py")
    at.query_params["source"] = "script"
    at.run()
    (call,) = hook.CALLS
    assert _app_lines(call) == [10]
    assert call["value"] == break_hook.MISSING  # not written yet
    assert not at.exception and at.session_state["count"] == 0
    assert [m.value for m in at.markdown] == ["count is 0"]


def test_a_widget_default_hands_over_at_the_line_creating_the_widget(trace_dir, hook, monkeypatch):
    monkeypatch.setattr(break_hook, "KEY", "name")
    at = app("break_action.py")
    at.query_params["key"] = "name"
    at.query_params["source"] = "streamlit"
    at.run()
    (call,) = hook.CALLS
    assert _app_lines(call) == [18]
    assert call["value"] == break_hook.MISSING
    assert not at.exception and at.session_state["name"] == ""
    assert at.text_input(key="name").value == ""


def test_a_browser_value_hands_over_before_any_callback_and_still_lands(trace_dir, hook, monkeypatch):
    """A browser value has no line of the app: the hook gets Streamlit's frames, and
    the value is not taken back (unlike action="raise")."""
    monkeypatch.setattr(break_hook, "KEY", "name")
    at = app("break_action.py")
    at.query_params["key"] = "name"
    at.query_params["source"] = "widget"
    at.run()
    assert hook.CALLS == []
    at.text_input(key="name").input("ann").run()
    (call,) = hook.CALLS
    assert _app_lines(call) == []  # no app frame: the value comes from the browser
    assert not at.exception
    assert at.session_state["name"] == "ann" and at.text_input(key="name").value == "ann"


def test_pythonbreakpoint_0_makes_it_a_no_op(trace_dir, hook, monkeypatch):
    monkeypatch.setenv("PYTHONBREAKPOINT", "0")
    at = app("break_action.py").run()
    at.button(key="add").click().run()
    assert hook.CALLS == []
    assert not at.exception and at.session_state["count"] == 1
    assert [m.value for m in at.markdown] == ["count is 1"]
    assert not [w for w in trace_of(at).reruns[-1].warnings if w.kind == "breakpoint"]


def test_item_assignment_still_raises_and_set_chooses_the_action():
    bps = Breakpoints()
    bps["count"] = "callback"  # the panel's way: a breakpoint that raises
    assert bps.action_of("count") == "raise" and bps.action_of("other") is None
    bps.set("count", "callback", "breakpoint")
    assert bps.action_of("count") == "breakpoint" and bps["count"] == "callback"
    bps["count"] = None
    assert bps.action_of("count") == "raise"
    with pytest.raises(ValueError, match="action must be one of raise, breakpoint, not 'stop'"):
        bps.set("count", None, "stop")  # pyright: ignore[reportArgumentType] - a wrong action on purpose


def test_an_unknown_action_is_refused():
    import st_state_debugger

    with pytest.raises(ValueError, match="action must be raise or breakpoint, not 'pdb'"):
        st_state_debugger.break_on("count", action="pdb")
