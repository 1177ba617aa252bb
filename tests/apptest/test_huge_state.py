"""Huge state: in-place changes are caught where the documentation says they are,
and keys too slow to check fully switch to (announced) sampled detection."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from st_state_debugger import internals
from st_state_debugger.panel import wire
from st_state_debugger.testing import trace_of
from tests.apps import _channel
from tests.conftest import APPS, panel_element


def _rerun(at, action=None):
    if action is not None:
        _channel.ITEMS.append(action)
    at.run()
    assert not at.exception
    return trace_of(at).reruns[-1].diff


def test_huge_values_are_tracked_and_big_dicts_switch_to_sampling(trace_dir):
    at = AppTest.from_file(str(APPS / "huge_state.py"), default_timeout=120).run()
    assert not at.exception
    first = trace_of(at).reruns[0].diff
    assert len(first.added) == 1004
    rec = internals.recorder_of_apptest(at)
    assert _rerun(at).empty  # nothing changed: nothing reported

    # full detection: a DataFrame cell, a byte in a 10 MB bytearray, a 1,000-key app
    d = _rerun(at, lambda ss: ss.big_df.iloc[999_999, 1].__class__ and ss.big_df.iloc.__setitem__((999_999, 1), 5.0))
    assert d.mutated_in_place == ["big_df"]
    # 16 MB is over snapshot_max_bytes (10 MB): caught, but no copy to show the cell
    (detail,) = d.details["big_df"]
    assert detail.change.startswith("changed (no copy kept")
    d = _rerun(at, lambda ss: ss.buffer.__setitem__(9_999_999, 1))
    assert d.mutated_in_place == ["buffer"]
    d = _rerun(at, lambda ss: ss.__setitem__("k0999", -1))
    assert d.changed == ["k0999"] and d.mutated_in_place == []

    # the 100,000-entry dict is over the per-key budget: sampled from then on
    assert "big_dict" in rec.debug.tracker.sampled_keys
    d = _rerun(at, lambda ss: ss.big_dict.__setitem__("new_key", {"v": -1}))
    assert d.mutated_in_place == ["big_dict"] and "big_dict" in d.sampled  # a new entry: caught
    d = _rerun(at, lambda ss: ss.big_dict["id0"].__setitem__("v", -5))
    assert d.mutated_in_place == ["big_dict"]  # a sampled entry (the first): caught
    notices = wire.unpack(json.loads(panel_element(at).proto.json))["notices"]
    assert any(n.startswith("checked by sampling") and "big_dict" in n for n in notices)
