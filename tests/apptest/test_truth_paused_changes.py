"""Changes made while paused are "changed while paused", and an immutable value is
never "mutated in place" (issue 12 item 9)."""

from __future__ import annotations

from st_state_debugger import load_trace
from st_state_debugger.diff import StateTracker
from st_state_debugger.redact import Redactor
from st_state_debugger.testing import trace_of
from tests.conftest import only_trace_file


def test_changes_made_while_paused_are_marked_changed_while_paused_not_mutated_in_place(paused_session, trace_dir):
    at = paused_session
    first = trace_of(at).reruns[-1]
    assert first.index == 6
    assert {"clicks", "show"} <= set(first.diff.changed)
    assert first.diff.mutated_in_place == []
    assert first.diff.changed_while_paused == ["clicks", "show"]
    saved = load_trace(only_trace_file(trace_dir)).reruns[-1]
    assert saved.diff.changed_while_paused == ["clicks", "show"] and saved.diff.mutated_in_place == []


def test_after_the_first_recorded_rerun_an_in_place_append_is_mutated_in_place_again(paused_session):
    at = paused_session
    at.button(key="tag").click().run()  # 7
    last = trace_of(at).reruns[-1]
    assert last.diff.mutated_in_place == ["tags"] and last.diff.changed_while_paused == []


def test_an_immutable_value_changed_without_a_write_is_never_mutated_in_place():
    tracker = StateTracker(Redactor(()), value_chars=80, snapshot_max_bytes=1 << 20, key_budget_ms=1000)
    tracker.diff_run({"n": 1, "t": ("a", 1), "s": "x", "lst": [1]}, set())
    diff = tracker.diff_run({"n": 2, "t": ("a", 2), "s": "y", "lst": [1, 2]}, set())
    assert diff.changed == ["lst", "n", "s", "t"]
    assert diff.mutated_in_place == ["lst"]  # only the list can have been changed in place
