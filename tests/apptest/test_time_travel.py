"""Restoring the state as of an earlier rerun (the panel's time travel)."""

from __future__ import annotations

from st_state_debugger import load_trace
from st_state_debugger.testing import panel_request, trace_of
from tests.conftest import app, only_trace_file, panel_data


def _session(at):
    at.run()  # 1
    at.button(key="add").click().run()  # 2: count 1, todos ['item 1']
    at.text_input(key="name").input("bob").run()  # 3
    at.button(key="add").click().run()  # 4: count 2, 'extra' appears
    at.slider(key="level").set_value(7).run()  # 5
    return at


def test_restore_brings_back_values_widget_keys_and_removes_keys_added_since(trace_dir):
    at = _session(app("timetravel.py"))
    assert at.markdown[0].value == "count=2 todos=['item 1', 'item 2'] name='bob' level=7"
    panel_request(at, {"restore": 2})
    assert not at.exception
    assert at.markdown[0].value == "count=1 todos=['item 1'] name='' level=0"
    assert at.text_input(key="name").value == "" and at.slider(key="level").value == 0  # the widgets show it
    assert "extra" not in at.session_state
    assert at.session_state["todos"] == ["item 1"]


def test_restore_is_a_rerun_with_its_own_trigger_and_debugger_events(trace_dir):
    at = _session(app("timetravel.py"))
    panel_request(at, {"restore": 2})
    last = trace_of(at).reruns[-1]
    assert last.trigger.kind == "restore" and last.trigger.restored_from == 2
    assert last.trigger.text() == "restore of #2"
    done = [(e.op, e.key, e.value) for e in last.events if e.source == "debugger"]
    assert done == [("write", "count", "1"), ("write", "level", "0"), ("write", "name", "''"),
                    ("write", "todos", "['item 1']"), ("delete", "extra", None)]
    assert all(e.reason == "restored from the end of rerun 2" for e in last.events if e.source == "debugger")
    assert last.diff.removed == ["extra"] and "count" in last.diff.changed
    assert last.diff.mutated_in_place == []  # the debugger's writes are writes
    saved = load_trace(only_trace_file(trace_dir)).reruns[-1]
    assert saved.trigger.kind == "restore" and saved.trigger.restored_from == 2


def test_values_that_cannot_be_restored_are_listed_and_left_as_they_are(trace_dir):
    at = _session(app("timetravel.py"))
    lock = at.session_state["lock"]
    panel_request(at, {"restore": 2})
    assert at.session_state["api_token"] == "tok-2"  # redacted: never kept, never restored
    assert at.session_state["lock"] is lock  # not picklable: no copy
    skipped = {w.key: w.message for w in trace_of(at).reruns[-1].warnings if w.kind == "restore_skipped"}
    assert set(skipped) == {"api_token", "lock"}
    assert "redacted" in skipped["api_token"] and "tok-" not in skipped["api_token"]
    assert "not picklable" in skipped["lock"] and skipped["lock"].endswith("It keeps its current value.")
    notices = panel_data(at.run())["notices"]
    assert any("'lock' was not restored from rerun 2" in n for n in notices)


def test_a_restored_value_is_a_fresh_copy_and_later_edits_do_not_change_history(trace_dir):
    at = _session(app("timetravel.py"))
    panel_request(at, {"restore": 2})
    at.button(key="add").click().run()  # appends to the restored list in place
    assert at.session_state["todos"] == ["item 1", "item 2"]
    panel_request(at, {"restore": 2})
    assert at.session_state["todos"] == ["item 1"]


def test_the_panel_offers_restore_for_recorded_reruns_with_the_side_effect_note(trace_dir):
    at = _session(app("timetravel.py"))
    data = panel_data(at)
    assert [r["restorable"] for r in data["timeline"]] == [True] * 4 + [False]  # the running rerun: not yet
    assert "not undone" in data["restore_note"]
    panel_request(at, {"restore": 3})
    rows = panel_data(at)["timeline"]
    assert rows[-1]["trigger_kind"] == "restore" and rows[-1]["trigger_text"] == "restore of #3"


def test_a_restore_request_for_an_unknown_rerun_is_ignored(trace_dir):
    at = _session(app("timetravel.py"))
    before = len(trace_of(at).reruns)
    panel_request(at, {"restore": 99})
    panel_request(at, {"restore": "2"})
    reruns = trace_of(at).reruns
    assert len(reruns) == before + 2 and all(r.trigger.kind != "restore" for r in reruns)
    assert at.session_state["count"] == 2


def test_no_restore_is_offered_or_done_while_paused(trace_dir):
    at = _session(app("timetravel.py"))
    panel_request(at, {"pause": True})
    assert not any(r["restorable"] for r in panel_data(at)["timeline"])
    panel_request(at, {"restore": 2})
    assert at.session_state["count"] == 2 and "extra" in at.session_state
    panel_request(at, {"resume": True})
    at.run()  # the request made while paused is not carried over
    assert at.session_state["count"] == 2 and all(r.trigger.kind != "restore" for r in trace_of(at).reruns)
