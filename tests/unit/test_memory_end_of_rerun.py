"""End-of-rerun shortcuts in diff.py keep every answer the same (issue 15, load).

Under load every rerun's end costs the server; an unchanged scalar (the very same
int or str object as last rerun) is known unchanged without fingerprinting it again.
"""

from __future__ import annotations

from st_state_debugger.config import DEFAULT_REDACT, REDACTED
from st_state_debugger.diff import StateTracker
from st_state_debugger.redact import Redactor


def _tracker() -> StateTracker:
    return StateTracker(Redactor(DEFAULT_REDACT), value_chars=120, snapshot_max_bytes=10_000_000, key_budget_ms=1e9)


def test_an_unchanged_scalar_keeps_its_fingerprint_and_is_not_taken_again():
    t = _tracker()
    state = {"n": 12345, "name": "ada" * 3, "flag": True, "none": None}
    t.diff_run(state, set())
    before = dict(t.fps)
    d = t.diff_run(dict(state), set())
    assert not (d.changed or d.added or d.removed or d.mutated_in_place)
    assert all(t.fps[k] is before[k] for k in state)


def test_equal_scalars_of_another_type_or_object_are_still_compared():
    t = _tracker()
    t.diff_run({"a": 1, "b": 10**20, "c": "x"}, set())
    d = t.diff_run({"a": True, "b": 10**20 + 0, "c": "".join(["x"])}, {"a"})
    assert d.changed == ["a"] and d.values["a"] == ["1", "True"]


def test_a_secret_scalar_is_never_kept_and_its_change_still_seen():
    t = _tracker()
    token = "tok-" + "9" * 8
    t.diff_run({"api_token": token}, set())
    assert t.fps["api_token"].snapshot is None
    assert t.diff_run({"api_token": token}, set()).changed == []
    d = t.diff_run({"api_token": token + "0"}, {"api_token"})
    assert d.changed == ["api_token"] and d.values["api_token"] == [REDACTED, REDACTED]


def test_a_preview_then_the_commit_agree_with_the_shortcut():
    t = _tracker()
    t.diff_run({"n": 7, "l": [1]}, set())
    state = {"n": 7, "l": [1, 2]}
    preview = t.diff_run(state, set(), commit=False)
    final = t.diff_run(state, set(), reuse=t.last_fps)
    assert preview.changed == final.changed == ["l"] and final.mutated_in_place == ["l"]
    assert t.diff_run(state, set()).changed == []


def test_a_replaced_scalars_detail_reuses_the_summaries_and_reads_the_same():
    t = _tracker()
    t.diff_run({"n": 41, "s": "short", "long": "x" * 80}, set())
    d = t.diff_run({"n": 42, "s": "other", "long": "y" * 80}, {"n", "s", "long"})
    (n,), (s,), (long,) = d.details["n"], d.details["s"], d.details["long"]
    assert (n.path, n.change, n.old, n.new) == ("n", "changed", "41", "42")
    assert n.old is d.values["n"][0] and n.new is d.values["n"][1]  # the same strings, not copies
    assert (s.old, s.new) == ("'short'", "'other'") and s.new is d.values["s"][1]
    assert long.new == "'" + "y" * 58 + "…" and long.new != d.values["long"][1]  # the detail's own 60-char limit
