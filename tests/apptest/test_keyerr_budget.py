"""Caught KeyErrors of many distinct keys cost a bounded amount per line (issue 11
item 10): one line records its first MISSED_KEYS_PER_LINE missing keys as events
(each explained); the failed lookups of further keys there are counted, and the
count is said (a rerun warning: trace file, panel notices, Markdown export), so
nothing is lost silently. The app sees the same KeyErrors."""

from __future__ import annotations

from st_state_debugger import load_trace
from st_state_debugger.recording.buffer import MISSED_KEYS_PER_LINE
from st_state_debugger.report import markdown_report, text_summary
from st_state_debugger.testing import trace_of
from tests.conftest import app, only_trace_file, panel_data

N = 300
OVER = 2 * (N - MISSED_KEYS_PER_LINE)  # two passes over the keys past the budget


def test_a_line_failing_for_many_keys_records_the_first_ones_and_counts_the_rest(trace_dir, monkeypatch):
    monkeypatch.setenv("SSD_N", str(N))
    at = app("keyerr_budget.py").run()
    assert not at.exception and at.markdown[0].value == f"caught `{2 * N}`"  # every KeyError raised
    rerun = trace_of(at).reruns[0]
    gone = [e for e in rerun.events if e.key and e.key.startswith("gone_")]
    assert [e.key for e in gone] == [f"gone_{i}" for i in range(MISSED_KEYS_PER_LINE)]
    assert {e.count for e in gone} == {2}  # a recorded key failing again is counted on its own event
    assert [e.key for e in rerun.errors] == [e.key for e in gone]
    (warning,) = [w for w in rerun.warnings if w.kind == "missing_keys_not_recorded"]
    assert (warning.key, warning.file, warning.line) == (f"gone_{MISSED_KEYS_PER_LINE}", "keyerr_budget.py", 19)
    assert warning.message.startswith(f"{OVER} more failed lookups (st.session_state[key]) at keyerr_budget.py:19")
    assert f"after {MISSED_KEYS_PER_LINE} distinct missing keys" in warning.message
    # every failed lookup is accounted for: events' counts plus the warning's
    assert sum(e.count for e in gone) + OVER == 2 * N


def test_the_count_of_lookups_not_recorded_is_in_the_trace_the_panel_and_the_export(trace_dir, monkeypatch):
    monkeypatch.setenv("SSD_N", str(N))
    at = app("keyerr_budget.py").run()
    at.run()
    trace = load_trace(only_trace_file(trace_dir))
    assert trace.reruns == trace_of(at).reruns
    for r in trace.reruns:  # each rerun counts its own
        (warning,) = [w for w in r.warnings if w.kind == "missing_keys_not_recorded"]
        assert warning.message.startswith(f"{OVER} more failed lookups")
    assert any(f"{OVER} more failed lookups" in n for n in panel_data(at)["notices"])
    md = markdown_report(trace, "app.py")
    assert md.count(f"{OVER} more failed lookups") == 2
    assert text_summary(trace, "app").count(f"{OVER} more failed lookups") == 2


def test_failed_lookups_alternating_between_two_lines_are_counted_per_line(trace_dir, monkeypatch):
    monkeypatch.setenv("SSD_N", "100")
    at = app("keyerr_two_lines.py").run()
    assert not at.exception and at.markdown[0].value == "caught `400`"
    rerun = trace_of(at).reruns[0]
    missing = [(e.line, e.count) for e in rerun.events if e.key == "missing"]
    assert missing == [(17, 100), (21, 100)]  # the same key object, counted on its own line's event
    warnings = sorted((w.line, w.key, w.message.split(" more")[0]) for w in rerun.warnings
                      if w.kind == "missing_keys_not_recorded")
    rest = str(100 - MISSED_KEYS_PER_LINE)
    assert warnings == [(26, f"gone_{MISSED_KEYS_PER_LINE}", rest), (30, f"other_{MISSED_KEYS_PER_LINE}", rest)]
    assert len([e for e in rerun.events if e.key and e.key.startswith(("gone_", "other_"))]) == 2 * MISSED_KEYS_PER_LINE
