"""Bounded cost: what the debugger keeps and computes per rerun has a cap that does
not grow with what the app does in a loop (sizes and counts, never times)."""

from __future__ import annotations

import difflib
import json

from st_state_debugger.testing import trace_of
from tests.conftest import app, only_trace_file


def _rerun_lines(trace_dir) -> list[bytes]:
    return only_trace_file(trace_dir).read_bytes().splitlines()[1:]


def test_repeated_caught_keyerror_of_one_key_and_line_is_one_report_counted(trace_dir, monkeypatch):
    monkeypatch.setenv("SSD_N", "400")
    at = app("bounded_keyerrors.py").run()
    assert not at.exception and at.markdown[0].value == "caught `801`"
    errors = trace_of(at).reruns[0].errors
    (missing,) = [e for e in errors if e.key == "missing"]
    assert missing.count == 400  # not 400 reports each copying the ones before
    assert len(missing.history) <= 50
    (line,) = _rerun_lines(trace_dir)
    (written,) = [e for e in json.loads(line)["errors"] if e["key"] == "missing"]
    assert written["count"] == 400 and len(written["history"]) <= 50


def test_caught_keyerror_history_is_capped_at_50_events(trace_dir, monkeypatch):
    monkeypatch.setenv("SSD_N", "5")
    at = app("bounded_keyerrors.py").run()
    at.run()
    (probed,) = [e for e in trace_of(at).reruns[-1].errors if e.key == "probed"]
    # 240 earlier reads of 'probed' in this session: only the last 50 are kept
    assert len(probed.history) == 50
    assert [h.rerun for h in probed.history] == [2] * 50


def test_trace_line_with_hundreds_of_caught_keyerrors_stays_small(trace_dir, monkeypatch):
    monkeypatch.setenv("SSD_N", "400")
    at = app("bounded_keyerrors.py").run()
    at.run()
    lines = _rerun_lines(trace_dir)
    assert len(lines) == 2
    # 801 failed lookups, 401 distinct: each report carries its own key's history only
    assert max(len(line) for line in lines) < 400_000, [len(line) for line in lines]
    assert sum(len(e.history) for e in trace_of(at).reruns[-1].errors) <= 401 * 3


def test_suggestions_for_many_missing_keys_cost_a_bounded_number_of_comparisons(trace_dir, monkeypatch):
    calls = {"n": 0}
    for name in ("ratio", "quick_ratio", "real_quick_ratio"):
        original = getattr(difflib.SequenceMatcher, name)

        def counted(self, _original=original):
            calls["n"] += 1
            return _original(self)

        monkeypatch.setattr(difflib.SequenceMatcher, name, counted)
    monkeypatch.setenv("SSD_N", "400")
    at = app("bounded_keyerrors.py").run()
    first = calls["n"]
    for _ in range(3):
        at.run()
    assert not at.exception
    # the same missing keys and the same known keys: suggestions are not recomputed
    assert calls["n"] == first, (first, calls["n"])
    assert first <= 3 * 20_000
    gone = [e for e in trace_of(at).reruns[-1].errors if e.key.startswith("gone_")]
    assert len(gone) == 400
    # a key that was only ever looked up (and missing) is never suggested
    assert all(not s.startswith("gone_") for e in gone for s in e.suggestions)


def test_a_session_that_ends_without_shutdown_leaves_no_trace_file_open(trace_dir):
    import gc
    import sys
    import warnings

    unraisable = []
    previous_hook = sys.unraisablehook
    sys.unraisablehook = unraisable.append
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ResourceWarning)
            at = app("plain.py").run()
            at.button(key="inc").click().run()
            path = only_trace_file(trace_dir)
            del at  # the session ends as AppTest sessions (and closed tabs) do: no shutdown
            for _ in range(3):
                gc.collect()
    finally:
        sys.unraisablehook = previous_hook
    leaks = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    leaks += [repr(u.exc_value) for u in unraisable]
    assert not [m for m in leaks if "trace-" in m or str(trace_dir) in m], leaks
    assert len(path.read_bytes().splitlines()) == 3  # header + both reruns, flushed


def test_no_trace_file_is_open_between_reruns(trace_dir):
    import os

    at = app("plain.py").run()
    at.run()
    path = str(only_trace_file(trace_dir))
    open_files = {os.path.realpath(os.path.join("/proc/self/fd", fd)) for fd in os.listdir("/proc/self/fd")
                  if os.path.exists(os.path.join("/proc/self/fd", fd))}
    assert os.path.realpath(path) not in open_files


def _value_runs(monkeypatch, which: str, reruns: int) -> tuple[object, list[dict[str, int]]]:
    """Run tests/apps/bounded_values.py with one hostile value; what each rerun cost."""
    from tests.apps import bounded_kinds as kinds

    monkeypatch.setenv("SSD_VALUE", which)
    at = app("bounded_values.py")
    deltas = []
    for _ in range(reruns):
        before = dict(kinds.COUNTS)
        at.run()
        assert not at.exception, at.exception
        deltas.append({k: kinds.COUNTS[k] - before[k] for k in before})
    return at, deltas


def test_a_repr_with_a_side_effect_runs_at_most_once_per_value_per_rerun(trace_dir, monkeypatch):
    at, deltas = _value_runs(monkeypatch, "noisy", 4)
    # two Noisy values per rerun (one changed in place, one new): the panel's
    # preview, the diff, the events and the panel's state share one repr each
    assert [d["repr"] for d in deltas] == [2, 2, 2, 2], deltas
    last = trace_of(at).reruns[-1]
    assert last.diff.values["noisy"][1] == "Noisy(n=4)"


def test_a_value_that_blew_the_time_budget_is_pickled_in_at_most_one_later_rerun(trace_dir, monkeypatch):
    at, deltas = _value_runs(monkeypatch, "slow", 5)
    pickles = [d["pickle"] for d in deltas]
    first = next(i for i, n in enumerate(pickles) if n)
    assert sum(pickles[first + 1:]) <= 1, pickles  # not once per rerun for ever
    reruns = trace_of(at).reruns
    assert "slow" in reruns[-1].diff.unchecked  # the switch to identity is said
    assert "slow" not in reruns[-1].diff.changed  # and is not mistaken for a change


def test_a_set_whose_iteration_never_ends_does_not_hang_the_rerun(trace_dir, monkeypatch):
    at, deltas = _value_runs(monkeypatch, "endless", 3)
    assert all(0 < d["iter_steps"] <= 1_000 for d in deltas), deltas
    reruns = trace_of(at).reruns
    assert len(reruns) == 3 and "endless" in reruns[0].diff.added
