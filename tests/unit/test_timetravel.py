"""StateHistory: versions per key, the state as of a rerun, restore plans, memory bound."""

from __future__ import annotations

import threading

from st_state_debugger.fingerprint import take_fingerprint
from st_state_debugger.timetravel import StateHistory


def _record(history: StateHistory, index: int, before: dict, after: dict, limit: int = 10_000_000) -> None:
    fps = {k: take_fingerprint(v, snapshot_max_bytes=limit) for k, v in after.items()}
    old = {k: take_fingerprint(v, snapshot_max_bytes=limit).digest for k, v in before.items()}
    added = [k for k in after if k not in before]
    changed = [k for k in after if k in before and old[k] != fps[k].digest]
    removed = [k for k in before if k not in after]
    history.record(index, added, changed, removed, fps)


def _history(states: list[dict], **kw) -> StateHistory:
    h = StateHistory(lambda key: "secret" in key, **kw)
    prev: dict = {}
    for i, state in enumerate(states, 1):
        _record(h, i, prev, state)
        prev = state
    return h


def test_state_at_a_rerun_is_each_keys_last_version_by_then():
    h = _history([{"a": 1}, {"a": 1, "b": [1]}, {"a": 2, "b": [1, 2]}, {"a": 2}])
    assert {k: v.rerun for k, v in h.state_at(2).items()} == {"a": 1, "b": 2}
    assert set(h.state_at(4)) == {"a"}
    assert len(h.versions["a"]) == 2  # an unchanged value costs nothing more


def test_plan_writes_changed_keys_deletes_new_ones_and_skips_what_it_cannot():
    lock = threading.Lock()
    h = _history([{"a": 1, "l": [1], "secret_x": "s1", "lock": lock}, {"a": 2, "l": [1, 2], "secret_x": "s2", "lock": threading.Lock(), "new": 0}])
    plan = h.plan(1, {"a", "l", "secret_x", "lock", "new"}, lambda key: None)
    assert plan.writes == {"a": 1, "l": [1]} and plan.deletes == ["new"]
    assert set(plan.skipped) == {"secret_x", "lock"}


def test_plan_leaves_keys_that_refuse_writes_and_says_why():
    h = _history([{"btn": False, "a": 1}, {"btn": True, "a": 2}])
    plan = h.plan(1, {"btn", "a"}, lambda key: "a button" if key == "btn" else None)
    assert plan.writes == {"a": 1} and plan.skipped == {} and plan.never == ["btn"]


def test_every_restore_gets_a_fresh_object():
    h = _history([{"l": [1]}, {"l": [1, 2]}])
    first, second = h.plan(1, {"l"}, lambda k: None).writes["l"], h.plan(1, {"l"}, lambda k: None).writes["l"]
    first.append(99)
    assert second == [1] and first is not second


def test_bytearrays_come_back_as_bytearrays():
    h = _history([{"b": bytearray(b"ab")}, {"b": bytearray(b"abc")}])
    value = h.plan(1, {"b"}, lambda k: None).writes["b"]
    assert type(value) is bytearray and value == b"ab"


def test_memory_bound_drops_oldest_copies_but_never_a_current_value():
    big = [bytes(1000) * 1, bytes(1000) + b"x", bytes(1000) + b"y"]
    h = _history([{"k": big[0], "keep": "v"}, {"k": big[1], "keep": "v"}, {"k": big[2], "keep": "v"}], keep_bytes=2200)
    assert h.bytes <= 2200
    assert "dropped" in (h.plan(1, {"k", "keep"}, lambda k: None).skipped.get("k") or "")
    assert h.plan(2, {"k", "keep"}, lambda k: None).writes == {"k": big[1]}
    assert h.state_at(3)["keep"].copy == "v"


def test_forget_before_keeps_the_state_at_the_first_kept_rerun():
    h = _history([{"a": 1}, {"a": 2}, {"a": 3}, {"a": 3, "b": 1}])
    h.forget_before(2)
    assert [v.rerun for v in h.versions["a"]] == [2, 3]
    assert h.plan(2, {"a", "b"}, lambda k: None).writes == {"a": 2}
