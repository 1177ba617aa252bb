"""pause()/resume() leave a gap in the timeline; callbacks are timed."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from st_state_debugger import load_trace
from st_state_debugger.report import markdown_report
from st_state_debugger.testing import trace_of
from tests.conftest import only_trace_file

APP = """
import time
import streamlit as st, st_state_debugger
st_state_debugger.enable()
ss = st.session_state
ss.setdefault("n", 0)
ss.n += 1
def slow():
    time.sleep(0.05)
    ss.slow_done = True
st.button("slow", key="slow", on_click=slow)
if st.button("pause", key="pause"):
    st_state_debugger.pause()
if st.button("resume", key="resume"):
    st_state_debugger.resume()
"""


def test_paused_reruns_are_a_gap_and_resume_diffs_what_changed_meanwhile(trace_dir, tmp_path):
    script = tmp_path / "app.py"
    script.write_text(APP)
    at = AppTest.from_file(str(script)).run()
    at.button(key="pause").click().run()  # rerun 2 is recorded (pause takes effect after it)
    at.run()  # 3: paused
    at.run()  # 4: paused
    at.button(key="resume").click().run()  # 5: paused (resume takes effect after it)
    at.run()  # 6: recorded again
    reruns = trace_of(at).reruns
    assert [r.index for r in reruns] == [1, 2, 6]
    assert reruns[-1].diff.changed and "n" in reruns[-1].diff.changed
    assert reruns[-1].diff.values["n"] == ["2", "6"]  # the change made while paused
    assert [r.index for r in load_trace(only_trace_file(trace_dir)).reruns] == [1, 2, 6]


def test_callbacks_are_timed_in_the_trace_and_the_report(trace_dir, tmp_path):
    script = tmp_path / "app.py"
    script.write_text(APP)
    at = AppTest.from_file(str(script)).run()
    at.button(key="slow").click().run()
    (cb,) = trace_of(at).reruns[-1].callbacks
    assert cb.callback == "slow" and cb.widget_key == "slow" and cb.duration_ms >= 50
    trace = load_trace(only_trace_file(trace_dir))
    assert trace.reruns[-1].callbacks[0].duration_ms == cb.duration_ms
    report = markdown_report(trace, "t.jsonl")
    assert "### Slowest callbacks" in report and "| slow() | slow |" in report
