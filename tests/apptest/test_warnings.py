"""Warnings before Streamlit bites, with the line that causes them."""

from __future__ import annotations

import gc

from streamlit.testing.v1 import AppTest

from st_state_debugger import load_trace
from st_state_debugger.testing import trace_of
from tests.conftest import APPS, panel_data


def _notices(at):
    return panel_data(at)["notices"]


def test_widget_cleanup_is_warned_with_the_widget_line(trace_dir):
    at = AppTest.from_file(str(APPS / "warnings_app.py")).run()
    at.checkbox(key="show").uncheck().run()
    (w,) = [w for w in trace_of(at).reruns[-1].warnings if w.kind == "widget_cleanup"]
    assert w.key == "note" and w.file == "warnings_app.py" and w.line == 11
    assert w.message.startswith("Streamlit removed 'note' at the end of rerun 2 because its widget was not rendered")
    at.run()
    assert any("Streamlit removed 'note'" in n for n in _notices(at))


def test_a_write_after_the_widget_is_explained_and_the_app_sees_the_same_exception(trace_dir):
    at = AppTest.from_file(str(APPS / "warnings_app.py")).run()
    at.button(key="late").click().run()
    assert [m.value for m in at.markdown] == ["StreamlitWidgetAlreadyInstantiatedError"]
    (w,) = [w for w in trace_of(at).reruns[-1].warnings if w.kind == "write_after_widget"]
    assert w.key == "name" and (w.file, w.line) == ("warnings_app.py", 15)
    assert "after its widget (created at warnings_app.py:13) was created in this run" in w.message
    assert any("'name' is written at warnings_app.py:15" in n for n in _notices(at))


def test_an_object_shared_by_two_sessions_is_flagged(trace_dir):
    gc.collect()  # sessions of earlier tests (reference cycles) must not count
    first = AppTest.from_file(str(APPS / "warnings_app.py")).run()
    second = AppTest.from_file(str(APPS / "warnings_app.py")).run()
    (w,) = [w for w in trace_of(second).reruns[-1].warnings if w.kind == "shared_object"]
    assert w.key == "cfg" and "another browser session holds as 'cfg'" in w.message
    assert trace_of(first).reruns[0].warnings == []  # nothing was shared yet when it ran
    files = sorted(trace_dir.glob("*.jsonl"))
    assert any(r.warnings for f in files for r in load_trace(f).reruns)


def test_a_widget_given_value_and_a_session_state_value_is_warned_with_both_lines(trace_dir):
    at = AppTest.from_file(str(APPS / "warnings_app.py")).run()
    assert not [w for w in trace_of(at).reruns[-1].warnings if w.kind == "value_and_state"]
    at.button(key="preset").click().run()
    assert at.number_input(key="qty").value == 5  # Streamlit's behaviour, unchanged
    (w,) = [w for w in trace_of(at).reruns[-1].warnings if w.kind == "value_and_state"]
    assert w.key == "qty" and (w.file, w.line) == ("warnings_app.py", 23)
    assert "with a value= default, but 'qty' was also set through st.session_state by callback preset() (widget 'preset') at warnings_app.py:19" in w.message
    at.run()
    assert not [w for w in trace_of(at).reruns[-1].warnings if w.kind == "value_and_state"]
    assert any("'qty' is created at warnings_app.py:23 with a value= default" in n for n in _notices(at))
    warnings = load_trace(next(trace_dir.glob("*.jsonl"))).reruns[1].warnings
    assert [w.kind for w in warnings] == ["value_and_state"]
