"""What a rerun reuses from the one before stays true: an unchanged value's private
copy is not taken again, a big dict's sample keys are looked up again, and neither
hides a change."""

from __future__ import annotations

import numpy as np
import pandas as pd

from st_state_debugger.diff import StateTracker
from st_state_debugger.fingerprint import take_fingerprint
from st_state_debugger.redact import Redactor


def _tracker(budget_ms: float = 5) -> StateTracker:
    return StateTracker(Redactor(()), value_chars=80, snapshot_max_bytes=10**7, key_budget_ms=budget_ms)


def test_an_unchanged_frame_array_and_bytearray_keep_last_reruns_copy():
    state = {"df": pd.DataFrame({"a": np.arange(1000)}), "arr": np.zeros(1000), "buf": bytearray(1000)}
    tracker = _tracker()
    tracker.diff_run(state, set())
    first = {key: tracker.fps[key].snapshot for key in state}
    assert tracker.diff_run(state, set()).empty
    assert all(tracker.fps[key].snapshot is first[key] for key in state)


def test_a_changed_value_gets_a_fresh_copy_and_its_diff_is_against_the_old_one():
    df = pd.DataFrame({"a": [1, 2, 3]})
    buf = bytearray(b"abc")
    tracker = _tracker()
    tracker.diff_run({"df": df, "buf": buf}, set())
    tracker.diff_run({"df": df, "buf": buf}, set())  # unchanged: the copy is reused
    kept = tracker.fps["df"].snapshot
    df.iloc[1, 0] = 20
    buf[0] = ord("z")
    diff = tracker.diff_run({"df": df, "buf": buf}, set())
    assert diff.mutated_in_place == ["buf", "df"]
    assert kept.iloc[1, 0] == 2  # the copy held for the diff was never the app's frame
    assert tracker.fps["df"].snapshot is not kept and tracker.fps["df"].snapshot.iloc[1, 0] == 20
    assert tracker.fps["buf"].snapshot == b"zbc"
    paths = [c.path for c in diff.details["df"]]
    assert any("1" in p for p in paths), paths


def test_nan_and_nullable_na_changes_in_a_frame_are_seen():
    df = pd.DataFrame({"f": [1.0, np.nan, 3.0], "i": pd.array([1, None, 3], dtype="Int64")})
    before = take_fingerprint(df, snapshot_max_bytes=0).digest
    df.iloc[1, 0] = 2.0
    after_float = take_fingerprint(df, snapshot_max_bytes=0).digest
    df.iloc[1, 1] = 7
    after_int = take_fingerprint(df, snapshot_max_bytes=0).digest
    assert len({before, after_float, after_int}) == 3


def test_a_sampled_dict_sees_a_key_swapped_at_the_same_length():
    big = {f"id{i}": {"v": i} for i in range(20_000)}
    tracker = _tracker(budget_ms=0.0)  # every big key is sampled from the next rerun on
    tracker.diff_run({"big": big}, set())
    tracker.diff_run({"big": big}, set())
    assert tracker.fps["big"].mode == "sampled" and tracker.fps["big"].sample_keys is not None
    del big["id12345"]  # not a sampled key, and the length does not move
    big["new"] = {"v": -1}
    assert tracker.diff_run({"big": big}, set()).mutated_in_place == ["big"]


def test_a_sampled_dict_sees_a_sampled_value_change_and_respaces_when_a_sampled_key_goes():
    big = {f"id{i}": {"v": i} for i in range(20_000)}
    tracker = _tracker(budget_ms=0.0)
    tracker.diff_run({"big": big}, set())
    tracker.diff_run({"big": big}, set())
    sampled = tracker.fps["big"].sample_keys
    assert sampled is not None
    keys = sampled[1]
    big[keys[1]]["v"] = -5
    assert tracker.diff_run({"big": big}, set()).mutated_in_place == ["big"]
    del big[keys[2]]
    big[keys[2] + "x"] = {"v": 0}
    assert tracker.diff_run({"big": big}, set()).mutated_in_place == ["big"]
    assert tracker.fps["big"].sample_keys[1] != keys  # a sampled key is gone: a fresh sample from here on
    assert tracker.diff_run({"big": big}, set()).empty  # ... and the new spacing is no change
    assert tracker.diff_run({"big": big}, set()).empty


def test_a_new_dict_of_the_same_length_is_equal_or_changed_by_its_content():
    tracker = _tracker(budget_ms=0.0)
    tracker.diff_run({"big": {f"a{i}": i for i in range(5000)}}, set())
    tracker.diff_run({"big": {f"a{i}": i for i in range(5000)}}, set())
    assert tracker.diff_run({"big": {f"a{i}": i for i in range(5000)}}, set()).empty  # rebuilt, equal
    assert tracker.diff_run({"big": {f"b{i}": i for i in range(5000)}}, set()).changed == ["big"]
    assert tracker.diff_run({"big": {f"b{i}": i for i in range(5000)}}, set()).empty  # the fresh spacing is no change
