"""Change detection sees every in-place mutation of the perf-baselines matrix."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from st_state_debugger.config import REDACTED
from st_state_debugger.diff import StateTracker
from st_state_debugger.fingerprint import take_fingerprint
from st_state_debugger.redact import Redactor


class Obj:
    def __init__(self):
        self.x = 1


def _state():
    return {
        "count": 0,
        "small": [1, 2, 3],
        "lst": list(range(100_000)),
        "nested": {f"id{i}": {"name": "a", "score": i} for i in range(10_000)},
        "df": pd.DataFrame({"a": np.arange(200_000), "b": np.ones(200_000)}),
        "sdf": pd.DataFrame({"s": ["x"] * 1000}),
        "obj": Obj(),
        "arr": np.zeros(10),
    }


def _set_count(s):
    s["count"] += 1


def _set_cell(s):
    s["df"].iloc[0, 0] = -1


def _set_far_cell(s):
    s["df"].iloc[123_457, 1] = -1


def _add_col(s):
    s["df"]["a"] = s["df"]["a"] + 1


def _add_row(s):
    s["df"].loc[len(s["df"])] = [1, 1.0]


MUTATIONS = {
    "count += 1": _set_count,
    "small[1] = 99": lambda s: s["small"].__setitem__(1, 99),
    "lst.append": lambda s: s["lst"].append(-1),
    "lst[50_001] = -1": lambda s: s["lst"].__setitem__(50_001, -1),
    "nested id5.name": lambda s: s["nested"]["id5"].__setitem__("name", "zz"),
    "nested id5003.score": lambda s: s["nested"]["id5003"].__setitem__("score", -1),
    "df.iloc[0,0]": _set_cell,
    "df.iloc[123457,1]": _set_far_cell,
    "df['a'] = df['a'] + 1": _add_col,
    "df.loc[len] = row": _add_row,
    "str df .iloc[0,0]": lambda s: s["sdf"].iloc.__setitem__((0, 0), "zz"),
    "obj.x = 2": lambda s: setattr(s["obj"], "x", 2),
    "arr[7] = -1": lambda s: s["arr"].__setitem__(7, -1),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_full_mode_detects_every_in_place_mutation(name):
    state = _state()
    tracker = StateTracker(Redactor(()), value_chars=80, snapshot_max_bytes=50_000_000, key_budget_ms=10_000)
    tracker.diff_run(state, set())
    key = {"count += 1": "count"}.get(name)
    MUTATIONS[name](state)
    diff = tracker.diff_run(state, set())
    assert len(diff.changed) == 1, diff.changed
    key = diff.changed[0]
    # an int cannot be mutated in place: a new int with no write is a change, never "mutated in place"
    assert diff.mutated_in_place == ([] if name == "count += 1" else [key])
    assert diff.details[key], "every change comes with a detail"


def test_a_written_key_is_changed_but_not_mutated_in_place():
    tracker = StateTracker(Redactor(()), value_chars=80, snapshot_max_bytes=10**7, key_budget_ms=5)
    tracker.diff_run({"a": [1]}, set())
    diff = tracker.diff_run({"a": [1, 2]}, {"a"})
    assert diff.changed == ["a"] and diff.mutated_in_place == []


def test_unchanged_state_reports_nothing_and_equal_replacement_is_not_a_change():
    tracker = StateTracker(Redactor(()), value_chars=80, snapshot_max_bytes=10**7, key_budget_ms=5)
    tracker.diff_run({"a": [1, {"b": 2}], "df": pd.DataFrame({"x": [1]})}, set())
    diff = tracker.diff_run({"a": [1, {"b": 2}], "df": pd.DataFrame({"x": [1]})}, {"a"})
    assert diff.empty


def test_slow_big_key_switches_to_sampled_detection_and_still_sees_appends():
    tracker = StateTracker(Redactor(()), value_chars=80, snapshot_max_bytes=10**8, key_budget_ms=0.0)
    big = {"rows": [{"i": i} for i in range(20_000)]}
    tracker.diff_run(big, set())
    assert "rows" in tracker.sampled_keys
    big["rows"].append({"i": -1})
    diff = tracker.diff_run(big, set())
    assert diff.sampled == ["rows"] and diff.mutated_in_place == ["rows"]


def test_removed_and_added_keys_carry_before_and_after_summaries():
    tracker = StateTracker(Redactor(("token",)), value_chars=80, snapshot_max_bytes=10**7, key_budget_ms=5)
    tracker.diff_run({"old": 1, "token": "abc"}, set())
    diff = tracker.diff_run({"new": [1], "token": "xyz"}, {"token"})
    assert diff.added == ["new"] and diff.removed == ["old"]
    assert diff.values["old"] == ["1", None] and diff.values["new"] == [None, "[1]"]
    assert diff.values["token"] == [REDACTED, REDACTED]
    assert [(c.old, c.new) for c in diff.details["token"]] == [(REDACTED, REDACTED)]


def test_nested_secret_paths_are_redacted_in_details():
    tracker = StateTracker(Redactor(("password",)), value_chars=80, snapshot_max_bytes=10**7, key_budget_ms=5)
    cfg = {"db": {"password": "a", "host": "h"}}
    tracker.diff_run({"cfg": cfg}, set())
    cfg["db"]["password"] = "b"
    cfg["db"]["host"] = "k"
    details = {c.path: (c.old, c.new) for c in tracker.diff_run({"cfg": cfg}, set()).details["cfg"]}
    assert details == {"cfg['db']['password']": (REDACTED, REDACTED), "cfg['db']['host']": ("'h'", "'k'")}


def test_fingerprint_of_unpicklable_value_falls_back_without_raising():
    import threading

    fp = take_fingerprint({"lock": threading.Lock(), "n": 1}, snapshot_max_bytes=10**6)
    assert fp.mode == "identity" and fp.snapshot is None
    gen = take_fingerprint((i for i in range(3)), snapshot_max_bytes=10**6)
    assert gen.mode == "identity"


def test_snapshot_is_a_private_copy():
    value = {"a": [1]}
    fp = take_fingerprint(value, snapshot_max_bytes=10**6)
    value["a"].append(2)
    import pickle

    assert pickle.loads(fp.snapshot) == {"a": [1]}
    df = pd.DataFrame({"a": [1]})
    fp2 = take_fingerprint(df, snapshot_max_bytes=10**6)
    df.iloc[0, 0] = 5
    assert fp2.snapshot.iloc[0, 0] == 1
    assert copy.copy(fp2.digest) == fp2.digest
