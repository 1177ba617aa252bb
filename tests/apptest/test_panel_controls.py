"""The panel's controls: pause/resume, watch, break on change, callback timing."""

from __future__ import annotations

import pytest

from st_state_debugger.testing import panel_request, trace_of
from tests.conftest import app, panel_data


def test_pause_and_resume_from_the_panel_leave_a_gap(trace_dir):
    at = app("callbacks.py").run()  # 1
    panel_request(at, {"pause": True})  # 2: paused
    assert panel_data(at)["paused"] is True
    at.button(key="add3").click().run()  # 3: paused
    panel_request(at, {"resume": True})  # 4: recorded again
    assert panel_data(at)["paused"] is False
    at.button(key="add3").click().run()  # 5
    reruns = trace_of(at).reruns
    assert [r.index for r in reruns] == [1, 4, 5]
    assert reruns[1].diff.values["total"] == [None, "3"]  # the change made while paused
    assert [r["index"] for r in panel_data(at)["timeline"]][:3] == [1, 4, 5]


def test_a_watched_key_shows_each_change_with_its_source(trace_dir):
    at = app("callbacks.py").run()
    panel_request(at, {"watch": {"key": "total", "on": True}})
    at.button(key="add3").click().run()
    at.button(key="add3").click().run()
    at.text_input(key="name").input("ann").run()
    (watch,) = panel_data(at)["watch"]
    assert watch["key"] == "total" and watch["break_on"] is None and watch["redacted"] is False
    assert [(r["change"], r["value"]) for r in watch["rows"]] == [("added", "3"), ("changed", "6")]
    first = watch["rows"][0]
    assert first["source_text"] == "callback add() · widget add3" and (first["file"], first["line"]) == ("callbacks.py", 12)
    panel_request(at, {"watch": {"key": "total", "on": False}})
    assert panel_data(at)["watch"] == []


def test_an_in_place_mutation_of_a_watched_key_says_so(trace_dir, tmp_path):
    script = tmp_path / "app.py"
    script.write_text(
        "import streamlit as st, st_state_debugger\n"
        "st_state_debugger.enable()\n"
        "st_state_debugger.watch('items')\n"
        "ss = st.session_state\n"
        "ss.setdefault('items', [])\n"
        "if st.button('more', key='more'):\n"
        "    ss['items'].append(len(ss['items']))\n"
    )
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(script)).run()
    at.button(key="more").click().run()
    at.run()
    (watch,) = panel_data(at)["watch"]
    assert [(r["rerun"], r["change"], r["value"], r["source_text"]) for r in watch["rows"]] == [
        (1, "added", "[]", "script"), (2, "mutated", "[0]", "mutated in place (no assignment)")]


def test_break_on_set_from_the_panel_stops_the_culprit_write(trace_dir):
    at = app("callbacks.py").run()
    panel_request(at, {"break_on": {"key": "total", "source": "callback"}})
    assert panel_data(at)["watch"][0] == {"key": "total", "break_on": "callback", "break_action": "raise", "redacted": False, "rows": []}
    at.button(key="add3").click().run()
    (exc,) = at.exception
    assert exc.message.startswith("st_state_debugger: 'total' is about to be changed by callback add() of widget 'add3' at callbacks.py:12")
    assert "total" not in at.session_state  # stopped before the write landed
    at.run()  # the panel says why the run stopped
    assert any(n.startswith("#3: stopped by break on change: 'total' is about to be changed by callback add()") for n in panel_data(at)["notices"])
    panel_request(at, {"break_on": {"key": "total", "source": "off"}})
    assert not at.exception  # turning the break off reran the app: the traceback is gone
    at.button(key="add3").click().run()
    assert not at.exception and at.session_state["total"] == 3  # the stopped write never landed


@pytest.mark.parametrize("bad", [
    {"pause": "yes"}, {"watch": {"key": 3, "on": True}}, {"watch": "total"},
    {"break_on": {"key": "total", "source": "everything"}}, {"restore": True}, [], None,
])
def test_malformed_requests_change_nothing(trace_dir, bad):
    at = app("callbacks.py").run()
    panel_request(at, bad)
    data = panel_data(at)
    assert data["paused"] is False and data["watch"] == [] and not at.exception
    assert len(trace_of(at).reruns) == 2


def test_callback_durations_are_in_the_timeline_and_the_slowest_at_a_glance(trace_dir):
    at = app("callbacks.py").run()
    at.button(key="add3").click().run()
    at.text_input(key="name").input("ann").run()
    data = panel_data(at)
    rows = {r["index"]: r for r in data["timeline"]}
    (cb,) = rows[2]["callbacks"]
    assert cb["name"] == "add" and cb["widget"] == "add3" and cb["ms"] >= 0
    assert rows[1]["callbacks"] == []
    slowest = data["slowest_callbacks"]
    assert {s["name"] for s in slowest} == {"add", "name_changed"}
    assert [s["ms"] for s in slowest] == sorted((s["ms"] for s in slowest), reverse=True)
    assert {s["rerun"] for s in slowest} == {2, 3}


def test_the_break_menu_can_hand_the_write_to_the_developers_debugger(trace_dir, monkeypatch):
    """Issue 16 item 1 from the panel: "break on callback, then open my debugger"
    calls breakpoint() before the write; the write lands and the app runs on."""
    from tests.apps import break_hook

    monkeypatch.setenv("PYTHONBREAKPOINT", "tests.apps.break_hook.hook")
    monkeypatch.setattr(break_hook, "CALLS", [])
    monkeypatch.setattr(break_hook, "KEY", "total")
    at = app("callbacks.py").run()
    at.button(key="add3").click().run()  # total = 3
    panel_request(at, {"break_on": {"key": "total", "source": "callback", "action": "breakpoint"}})
    (watched,) = panel_data(at)["watch"]
    assert (watched["key"], watched["break_on"], watched["break_action"]) == ("total", "callback", "breakpoint")
    assert panel_data(at)["break_actions"] == ["raise", "breakpoint"]
    at.button(key="add3").click().run()
    (call,) = break_hook.CALLS
    assert call["value"] == 3  # the debugger sees the value before the write
    assert not at.exception and at.session_state["total"] == 6  # then the write lands, no StateBreakpoint
    # an action the panel does not know is a plain break (raise), never anything else
    panel_request(at, {"break_on": {"key": "total", "source": "callback", "action": "os.system"}})
    assert panel_data(at)["watch"][0]["break_action"] == "raise"
