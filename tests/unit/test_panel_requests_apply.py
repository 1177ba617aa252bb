"""The panel's requests come from the browser: one parser (``panel.requests``) turns
a trigger value into a :class:`PanelRequest`, and ``requests.apply`` applies only that.
Hostile values (wrong types, unknown names, booleans passed as numbers, reruns no
longer kept, junk around the request) change nothing."""

from __future__ import annotations

from typing import Any

import pytest

from st_state_debugger.diff import StateTracker
from st_state_debugger.model import Rerun, Trigger
from st_state_debugger.panel import requests
from st_state_debugger.panel.requests import PanelRequest
from st_state_debugger.recording.debug_session import DebugSession
from st_state_debugger.redact import Redactor
from st_state_debugger.store import SessionStore
from st_state_debugger.timetravel import StateHistory


def _session(reruns: int = 3) -> DebugSession:
    redactor = Redactor(("password",))
    session = DebugSession(SessionStore(10), StateTracker(redactor, value_chars=120, snapshot_max_bytes=100_000, key_budget_ms=5.0), StateHistory(redactor.is_secret))
    for i in range(1, reruns + 1):
        session.store.add(Rerun(index=i, trigger=Trigger("widget"), started_at=0.0, duration_ms=1.0, status="ok"))
    return session


def _controls(s: DebugSession) -> tuple[Any, ...]:
    return (s.panel_want, s.panel_export, s.paused, list(s.watched), dict(s.breakpoints), s.restore_want, s.rerun_app,
            s.inspect_want)


UNTOUCHED = _controls(_session())


def _send(session: DebugSession, value: Any) -> None:
    requests.take_request(session, {"event": "request", "value": value})


@pytest.mark.parametrize("value", [
    {"rerun": True}, {"rerun": "2"}, {"rerun": 2.0}, {"rerun": None},
    {"restore": True}, {"restore": "1"}, {"restore": 99}, {"restore": -1}, {"restore": [1]},
    {"export": 1}, {"export": "true"}, {"inspect": 1}, {"inspect": "true"}, {"inspect": [True]}, {"pause": 1}, {"pause": "yes"}, {"resume": 1},
    {"watch": {"key": ["greet"], "on": True}}, {"watch": {"key": None, "on": True}}, {"watch": "greet"},
    {"watch": {"on": True}},
    {"break_on": {"key": "greet", "source": "__class__"}}, {"break_on": {"key": "greet", "source": None}},
    {"break_on": {"key": 3, "source": "any"}}, {"break_on": {"key": "greet"}}, {"break_on": ["greet", "any"]},
    {"break_on": {"key": "greet", "source": "Script"}},
    {"unknown": 1}, {}, [], "restore", 3, None,
])
def test_a_hostile_request_value_changes_nothing(value):
    session = _session()
    _send(session, value)
    assert _controls(session) == UNTOUCHED


def test_junk_around_the_requests_is_dropped_and_the_valid_ones_apply_in_order():
    session = _session()
    requests.take_request(session, [None, 3, "x", {"value": "pause"}, {"event": "request"},
                                    {"value": {"pause": True}}, {"value": {"resume": True, "rerun": 2}}])
    assert session.paused is False and session.panel_want == 2


def test_controls_apply_the_parsed_request_only():
    session = _session()
    requests.apply(session, PanelRequest(rerun=2, export=True, pause=True, watch=("greet", True), restore=3))
    assert (session.panel_want, session.panel_export, session.paused, session.watched, session.restore_want) == (
        2, True, True, ["greet"], 3)
    requests.apply(session, PanelRequest(break_on=("cart", "any")))
    requests.apply(session, PanelRequest(break_on=("total", "callback")))
    assert dict(session.breakpoints) == {"cart": None, "total": "callback"}
    assert session.watched == ["greet", "cart", "total"]  # a break watches its key
    requests.apply(session, PanelRequest(break_on=("cart", "off")))
    requests.apply(session, PanelRequest(watch=("total", False)))  # unwatching lifts its break
    assert dict(session.breakpoints) == {} and session.watched == ["greet", "cart"]


def test_a_restore_of_a_rerun_no_longer_kept_is_ignored():
    session = _session()
    requests.apply(session, PanelRequest(restore=7))
    assert session.restore_want is None


def test_watching_more_keys_than_the_cap_keeps_the_first_ones():
    session = _session()
    for i in range(requests.MAX_WATCHED + 5):
        _send(session, {"watch": {"key": f"k{i}", "on": True}})
    assert session.watched == [f"k{i}" for i in range(requests.MAX_WATCHED)]


def test_a_break_can_hand_over_to_the_debugger_and_an_unknown_action_is_a_plain_break():
    session = _session()
    _send(session, {"break_on": {"key": "cart", "source": "script", "action": "breakpoint"}})
    _send(session, {"break_on": {"key": "total", "source": "any", "action": "__import__('os')"}})
    _send(session, {"break_on": {"key": "n", "source": "widget", "action": ["breakpoint"]}})
    assert [session.breakpoints.action_of(k) for k in ("cart", "total", "n")] == ["breakpoint", "raise", "raise"]
    assert dict(session.breakpoints) == {"cart": "script", "total": None, "n": "widget"}


def test_inspect_is_parsed_and_applied_as_a_wish_for_the_next_draw():
    assert requests.parse_value({"inspect": True}) == PanelRequest(inspect=True)
    session = _session()
    _send(session, {"inspect": True})
    assert session.inspect_want is True
    assert _controls(session)[:-1] == UNTOUCHED[:-1]  # nothing else changed
