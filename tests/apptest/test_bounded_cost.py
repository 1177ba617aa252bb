"""Bounded cost: what the debugger keeps and computes per rerun has a cap that does
not grow with what the app does in a loop (sizes and counts, never times)."""

from __future__ import annotations

import difflib
import json

from st_state_debugger.recording.buffer import MISSED_KEYS_PER_LINE
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
    monkeypatch.setenv("SSD_PROBE", "writes")
    at = app("bounded_keyerrors.py").run()
    at.run()
    (probed,) = [e for e in trace_of(at).reruns[-1].errors if e.key == "probed"]
    # 480 earlier writes and deletes of 'probed' in this session: only the last 50 are kept
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
    assert len(gone) == MISSED_KEYS_PER_LINE  # the line's other 380 keys: counted on a warning
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


def test_a_caught_lookup_failure_does_not_keep_the_frames_it_passed_alive(trace_dir, monkeypatch):
    # natively each helper's frame (and its local Token) is released as soon as the
    # app is done with the exception; the recorder keeps (type, args), not the
    # exception and its traceback, so the same holds with the debugger on
    monkeypatch.setenv("SSD_NATIVE", "1")
    native = app("keyerror_frames.py").run()
    monkeypatch.delenv("SSD_NATIVE")
    at = app("keyerror_frames.py").run()
    assert not at.exception and not native.exception
    assert [m.value for m in at.markdown] == [m.value for m in native.markdown]
    assert at.markdown[0].value == "alive `0`"
    # and the trace still has every failure, with its type and the app's message
    errors = trace_of(at).reruns[0].errors
    seen = {(e.key, e.type, e.count) for e in errors}
    assert seen == {("missing", "KeyError", 3), ("absent_attr", "AttributeError", 3), ("never_set", "KeyError", 3)}
    for e in errors:
        assert e.message in at.markdown[1].value and e.key in e.message


def test_a_lookup_failing_the_same_way_every_rerun_is_explained_once_not_every_rerun(trace_dir, monkeypatch):
    from st_state_debugger import explain as explain_module
    from st_state_debugger import recorder

    calls = {"n": 0}
    original = explain_module.explain

    def counted(*args, **kwargs):
        calls["n"] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(explain_module, "explain", counted)
    monkeypatch.setattr(recorder, "explain", counted, raising=False)  # where an older recorder called it
    monkeypatch.setenv("SSD_N", "300")
    at = app("bounded_keyerrors.py").run()
    at.run()
    per_rerun = []
    for _ in range(3):
        before = calls["n"]
        at.run()
        per_rerun.append(calls["n"] - before)
    assert not at.exception
    # 302 distinct failed lookups per rerun (of which MISSED_KEYS_PER_LINE + 2 are
    # recorded); only 'probed' (with 120 reads of it in the same rerun) is explained
    # again, in the panel's preview and at the end of the rerun: the loops' lookups
    # reuse their reports
    assert per_rerun == [2, 2, 2], per_rerun
    reruns = trace_of(at).reruns
    last, before_last = reruns[-1].errors, reruns[-2].errors
    assert len(last) == len(before_last) == MISSED_KEYS_PER_LINE + 2 and last[-1].key == before_last[-1].key == "probed"
    assert last[-1].history[-1].rerun == reruns[-1].index  # its history is this rerun's reads
    last, before_last = last[:-1], before_last[:-1]  # the loops' lookups: the same report again
    as_text = [(e.key, e.type, e.message, e.file, e.line, e.explanation, e.suggestions, e.count,
                [(h.rerun, h.event.seq) for h in e.history]) for e in last]
    assert as_text == [(e.key, e.type, e.message, e.file, e.line, e.explanation, e.suggestions, e.count,
                        [(h.rerun, h.event.seq) for h in e.history]) for e in before_last]
