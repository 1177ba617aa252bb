"""loops.LoopWatch: reruns in, at most one rerun_loop warning per loop out (pure)."""

from __future__ import annotations

from st_state_debugger.loops import LoopWatch, threshold_of
from st_state_debugger.model import Diff, Event, Rerun, Trigger

SITE = ("app.py", 7)


def _run(index: int, trigger: Trigger, t0: float, *, changed=("n",), status="ok", events=()) -> Rerun:
    return Rerun(index=index, trigger=trigger, started_at=t0, duration_ms=20.0, status=status,
                 diff=Diff(changed=list(changed)), events=list(events))


def _feed(watch: LoopWatch, runs, sites=None):
    sites = sites or [None] * len(runs)
    return [watch.see(r, s) for r, s in zip(runs, sites, strict=True)]


def test_st_rerun_loop_named_at_the_threshold_and_only_once():
    watch = LoopWatch(threshold=3)
    runs = [_run(1, Trigger("initial"), 0.0, status="rerun_requested")]
    runs += [_run(i, Trigger("rerun"), i * 0.05, status="rerun_requested") for i in range(2, 8)]
    out = _feed(watch, runs, [SITE] * len(runs))
    assert [i for i, w in enumerate(out, 1) if w is not None] == [4]
    warning = out[3]
    assert (warning.kind, warning.key, warning.file, warning.line) == ("rerun_loop", "n", "app.py", 7)
    assert "reruns #2–#4 (3 in a row) were started by st.rerun() at app.py:7" in warning.message
    assert "keys changed on each turn: #2 n; #3 n; #4 n. " in warning.message


def test_a_click_in_between_ends_the_loop_and_the_next_loop_is_named_again():
    watch = LoopWatch(threshold=2)
    runs = [_run(1, Trigger("initial"), 0.0), _run(2, Trigger("rerun"), 1.0), _run(3, Trigger("rerun"), 2.0),
            _run(4, Trigger("rerun"), 3.0), _run(5, Trigger("widget", widget_key="b", widget="button"), 9.0),
            _run(6, Trigger("rerun"), 10.0), _run(7, Trigger("rerun"), 11.0)]
    sites = [SITE, SITE, SITE, None, SITE, SITE, None]
    out = _feed(watch, runs, sites)
    assert [i for i, w in enumerate(out, 1) if w is not None] == [3, 7]


def test_the_panels_own_runs_neither_count_nor_break_a_loop():
    watch = LoopWatch(threshold=3)
    runs = [_run(1, Trigger("initial"), 0.0), _run(2, Trigger("rerun"), 1.0), _run(3, Trigger("debugger"), 1.5),
            _run(4, Trigger("rerun"), 2.0), _run(5, Trigger("rerun"), 3.0)]
    out = _feed(watch, runs, [SITE, SITE, None, SITE, SITE])
    assert [i for i, w in enumerate(out, 1) if w is not None] == [5]


def test_a_browser_rerun_with_no_st_rerun_is_a_person():
    watch = LoopWatch(threshold=2)
    runs = [_run(i, Trigger("rerun", detail="no widget changed"), float(i)) for i in range(1, 6)]
    assert _feed(watch, runs) == [None] * 5


def test_a_component_echoing_its_value_is_a_loop_named_by_the_widget_and_its_line():
    watch = LoopWatch(threshold=3)
    echo = Trigger("widget", widget_key="chart", widget=None)
    created = Event(seq=0, op="write", key="chart", source="widget", file="app.py", line=11)
    runs = [_run(i, echo, i * 0.1, changed=("chart", "zoom"), events=[created]) for i in range(1, 6)]
    out = _feed(watch, runs)
    # the first is the person's own input; the next three, 80 ms after the previous ended, are echoes
    assert [i for i, w in enumerate(out, 1) if w is not None] == [4]
    warning = out[3]
    assert (warning.key, warning.file, warning.line) == ("chart", "app.py", 11)
    assert ("reruns #2–#4 (3 in a row) were started by widget 'chart' (created at app.py:11) whose value "
            "changed with no user input") in warning.message
    assert "keys changed on each turn: #2 chart, zoom; #3 chart, zoom; #4 chart, zoom. " in warning.message


def test_streamlits_own_widgets_and_slow_repeats_are_people():
    slider = Trigger("widget", widget_key="s", widget="slider")
    component = Trigger("widget", widget_key="c", widget=None)
    fast_slider = [_run(i, slider, i * 0.1) for i in range(1, 8)]
    slow_component = [_run(i, component, i * 5.0) for i in range(1, 8)]
    assert _feed(LoopWatch(threshold=2), fast_slider) == [None] * 7
    assert _feed(LoopWatch(threshold=2), slow_component) == [None] * 7


def test_the_threshold_comes_from_the_option_then_the_environment(monkeypatch):
    class Options:
        rerun_loop_threshold = 8

    assert threshold_of(Options()) == 8
    monkeypatch.setenv("ST_STATE_DEBUGGER_RERUN_LOOP_THRESHOLD", "7")
    assert threshold_of(object()) == 7
    monkeypatch.setenv("ST_STATE_DEBUGGER_RERUN_LOOP_THRESHOLD", "many")
    assert threshold_of(object()) == 5
    monkeypatch.delenv("ST_STATE_DEBUGGER_RERUN_LOOP_THRESHOLD")
    assert threshold_of(object()) == 5
