"""A key whose whole value was replaced (``n: 1 -> 2``) has its before/after in
``values``; its detail says the same, so it is kept once (memory per kept event) and
shown everywhere as before: ``details``/``detail()`` give it, the trace round trip
is equal, and a key with real inner changes keeps them."""

from __future__ import annotations

from st_state_debugger.diff import StateTracker
from st_state_debugger.model import Change, Diff
from st_state_debugger.redact import Redactor


def _tracker() -> StateTracker:
    return StateTracker(Redactor(("password",)), value_chars=120, snapshot_max_bytes=100_000, key_budget_ms=5.0)


def test_a_replaced_scalar_is_kept_once_and_still_shown():
    tracker = _tracker()
    tracker.diff_run({"n": 1, "todos": [1, 2]}, set())
    d = tracker.diff_run({"n": 2, "todos": [1, 3]}, {"n", "todos"})
    assert d.changed == ["n", "todos"]
    assert "n" not in d.detailed  # implied by values
    assert d.values["n"] == ["1", "2"]
    assert d.detail("n") == [Change("n", "changed", "1", "2")]
    assert d.details["n"] == [Change("n", "changed", "1", "2")]
    assert [(c.path, c.old, c.new) for c in d.detailed["todos"]] == [("todos[1]", "2", "3")]
    assert d.detail("todos") == d.detailed["todos"]


def test_setting_details_keeps_only_what_values_do_not_say():
    d = Diff(changed=["n", "z"], values={"n": ["1", "2"], "z": ["[1]", "[2]"]})
    d.details = {"n": [Change("n", "changed", "1", "2")], "z": [Change("z[0]", "changed", "1", "2")]}
    assert list(d.detailed) == ["z"]
    assert d.details == {"n": [Change("n", "changed", "1", "2")], "z": [Change("z[0]", "changed", "1", "2")]}
    assert d.detail("absent") == []
