"""A failed lookup repeated in a loop is one event with a count (issue 11 item 10):
the same key, line and way of asking, missed N times in a rerun, is recorded once
(at the first miss) with ``count`` N, and every consumer says N: the rerun's read
count, the error's count, the trace file (a ``count`` column) read back, the panel's
timeline. Distinct keys stay distinct events; found reads are never merged."""

from __future__ import annotations

import json

from st_state_debugger import load_trace
from st_state_debugger.panel.view import timeline_row
from st_state_debugger.recording.buffer import MISSED_KEYS_PER_LINE
from st_state_debugger.testing import trace_of
from tests.conftest import app, only_trace_file


def test_a_key_missed_n_times_at_one_line_is_one_event_counted_n_everywhere(trace_dir, monkeypatch):
    monkeypatch.setenv("SSD_N", "300")
    at = app("hotpath_misses.py").run()
    assert not at.exception and at.markdown[0].value.startswith("caught")
    rerun = trace_of(at).reruns[0]
    missing = [e for e in rerun.events if e.key == "missing"]
    assert [(e.api, e.found, e.error, e.count) for e in missing] == [("getitem", False, "KeyError", 300)]
    absent = [e for e in rerun.events if e.key == "absent"]
    assert [(e.api, e.found, e.error, e.count) for e in absent] == [("contains", False, None, 300)]
    present = [e for e in rerun.events if e.key == "present" and e.api == "getattr"]
    assert len(present) == 300 and {e.count for e in present} == {1}  # found reads: one event each
    # distinct missing keys at one line: the first MISSED_KEYS_PER_LINE are events,
    # the rest are counted on a warning (tests/apptest/test_keyerr_budget.py)
    gone = [e for e in rerun.events if e.key and e.key.startswith("gone_")]
    assert len(gone) == MISSED_KEYS_PER_LINE and {e.count for e in gone} == {1}
    (budget,) = [w for w in rerun.warnings if w.kind == "missing_keys_not_recorded"]
    assert budget.message.startswith(f"{300 - MISSED_KEYS_PER_LINE} more failed lookups")
    reads, _, _ = rerun.counts()
    assert reads == 300 + 300 + 300 + MISSED_KEYS_PER_LINE + 1  # missing, absent, present, gone_i, and the .get
    assert timeline_row(rerun)["reads"] == reads
    (report,) = [e for e in rerun.errors if e.key == "missing"]
    assert report.count == 300
    (line,) = only_trace_file(trace_dir).read_bytes().splitlines()[1:]
    rows = json.loads(line)["events"]
    header = json.loads(only_trace_file(trace_dir).read_bytes().splitlines()[0])
    column = header["event_fields"].index("count")
    assert sorted(r[column] for r in rows if len(r) > column) == [300, 300]
    assert load_trace(only_trace_file(trace_dir)).reruns == trace_of(at).reruns


def test_the_count_grows_across_reruns_only_within_each(trace_dir, monkeypatch):
    monkeypatch.setenv("SSD_N", "40")
    at = app("hotpath_misses.py").run()
    at.run()
    for rerun in trace_of(at).reruns:
        (missing,) = [e for e in rerun.events if e.key == "missing"]
        assert missing.count == 40


def test_traces_written_before_the_count_column_still_load_with_count_one():
    from pathlib import Path

    data = Path(__file__).parents[1] / "data"
    for name in ("trace_v1.jsonl", "trace_v2.jsonl"):
        trace = load_trace(data / name)
        assert trace.reruns and all(e.count == 1 for r in trace.reruns for e in r.events)
