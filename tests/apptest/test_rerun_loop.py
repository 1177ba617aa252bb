"""rerun_loop: reruns that keep starting themselves are named once, with the line."""

from __future__ import annotations

from st_state_debugger import load_trace
from st_state_debugger.loops import ENV_THRESHOLD
from st_state_debugger.report import markdown_report
from st_state_debugger.testing import trace_of
from tests.conftest import app, only_trace_file, panel_data

TURNS = "; ".join(f"#{i} log, n" for i in range(2, 13)) + "; #13 none"  # the last run changes nothing


def _loops(trace):
    return [(r.index, w) for r in trace.reruns for w in r.warnings if w.kind == "rerun_loop"]


def test_twelve_st_rerun_calls_in_a_row_are_named_once_with_the_line(trace_dir):
    at = app("rerun_loop.py").run()
    assert not at.exception and [m.value for m in at.markdown] == ["n is 12"]  # the app is unchanged
    trace = trace_of(at)
    assert [r.trigger.text() for r in trace.reruns] == ["initial"] + ["st.rerun()"] * 12
    ((index, warning),) = _loops(trace)  # once per loop, at the fifth rerun in a row
    assert index == 6
    assert (warning.file, warning.line, warning.key) == ("rerun_loop.py", 12, "log")
    assert warning.message.startswith(
        "rerun loop: reruns #2–#6 (5 in a row) were started by st.rerun() at rerun_loop.py:12 with no browser "
        "interaction in between; keys changed on each turn: #2 log, n; #3 log, n; #4 log, n; #5 log, n; #6 log, n. ")


def test_the_threshold_is_configurable_and_the_warning_reaches_trace_panel_and_report(trace_dir, monkeypatch):
    monkeypatch.setenv(ENV_THRESHOLD, "12")
    at = app("rerun_loop.py").run()
    ((index, warning),) = _loops(trace_of(at))
    assert index == 13 and warning.line == 12
    assert "reruns #2–#13 (12 in a row) were started by st.rerun() at rerun_loop.py:12" in warning.message
    assert f"keys changed on each turn: {TURNS}. " in warning.message
    # the panel of the rerun that names the loop says so
    assert f"#13: {warning.message}" in panel_data(at)["notices"]
    # the trace file, and the Markdown report made from it
    saved = load_trace(only_trace_file(trace_dir))
    assert [(i, w.message, w.file, w.line) for i, w in _loops(saved)] == [(13, warning.message, "rerun_loop.py", 12)]
    report = markdown_report(saved, "trace.jsonl")
    assert "### Rerun loops" in report
    assert "| 13 | rerun\\_loop\\.py\\:12 | rerun loop\\: reruns \\#2–\\#13 \\(12 in a row\\) were started by st\\.rerun\\(\\) " in report


def test_one_st_rerun_per_click_is_no_loop(trace_dir):
    at = app("rerun_per_click.py").run()
    for _ in range(7):
        at.button(key="go_button").click().run()
    assert not at.exception and [m.value for m in at.markdown] == ["clicks 7"]
    trace = trace_of(at)
    assert sum(r.trigger.text() == "st.rerun()" for r in trace.reruns) == 7  # one per click
    assert _loops(trace) == []


def test_a_refused_st_rerun_keeps_its_native_traceback(trace_dir, monkeypatch):
    """The st.rerun() hook leaves no frame of its own in the app's tracebacks."""
    from st_state_debugger import internals

    def observe(native: bool):
        monkeypatch.setenv("SSD_NATIVE", "1" if native else "0")
        if native:
            internals.uninstall()
        at = app("rerun_bad_scope.py").run()
        return [(e.message, list(e.stack_trace)) for e in at.exception], [t.value for t in at.text], at

    native = observe(True)
    debugged = observe(False)
    assert trace_of(debugged[2]).reruns  # recorded, with the hook installed
    assert debugged[:2] == native[:2]
    assert "st_state_debugger" not in " ".join(debugged[1])


def test_uninstall_puts_streamlits_rerun_request_back(trace_dir):
    from st_state_debugger import internals
    from st_state_debugger.internals import rerun_site
    from st_state_debugger.internals.names import execution_control

    app("rerun_loop.py").run()
    assert execution_control._new_fragment_id_queue is rerun_site._queue_noting_site
    internals.uninstall()
    assert execution_control._new_fragment_id_queue is rerun_site._original
