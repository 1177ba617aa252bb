"""break_on(): the run stops with a labelled exception at the write that matters."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from st_state_debugger.testing import trace_of

APP = """
import streamlit as st, st_state_debugger
st_state_debugger.enable()
st_state_debugger.break_on("total", source="callback")
ss = st.session_state
ss.total = ss.get("total", 0)          # a script write: not a break
def add():
    ss.total = ss.total + 3             # the culprit
st.button("Add", key="add", on_click=add)
st.write("after the button")
"""


def test_write_from_the_watched_source_raises_with_the_culprit_line(trace_dir, tmp_path):
    script = tmp_path / "app.py"
    script.write_text(APP)
    at = AppTest.from_file(str(script)).run()
    assert not at.exception  # script writes do not break
    at.button(key="add").click().run()
    (exc,) = at.exception
    assert exc.message == ("st_state_debugger: 'total' is about to be changed by callback add() of widget 'add' at app.py:8 "
                           "(break_on('total', source='callback')); stopped before the change, which did not happen")
    assert any("app.py" in line and "line 8" in line for line in exc.stack_trace)  # the stack of the culprit
    assert [m.value for m in at.markdown] == []  # the run stopped there
    assert trace_of(at).reruns[-1].status == "exception"


WIDGET_APP = """
import streamlit as st, st_state_debugger
st_state_debugger.enable()
st_state_debugger.break_on("name", source="{source}")
def changed():
    st.session_state.seen = st.session_state.name
st.text_input("Name", key="name", on_change=changed)
st.write("after", st.session_state.name)
"""


def test_a_value_from_the_browser_breaks_before_any_callback_runs(trace_dir, tmp_path):
    script = tmp_path / "app.py"
    script.write_text(WIDGET_APP.format(source="widget"))
    at = AppTest.from_file(str(script)).run()
    assert not at.exception
    at.text_input(key="name").input("ann").run()
    (exc,) = at.exception
    assert exc.message == ("st_state_debugger: 'name' is about to be changed by the browser (widget 'name') at app.py:7 "
                           "(break_on('name', source='widget')); stopped before the change, which did not happen")
    assert "seen" not in at.session_state  # stopped before the callback and the script
    assert [m.value for m in at.markdown] == []
    assert trace_of(at).reruns[-1].warnings[0].kind == "breakpoint"


def test_a_widget_default_breaks_at_the_line_creating_the_widget(trace_dir, tmp_path):
    script = tmp_path / "app.py"
    script.write_text(WIDGET_APP.format(source="streamlit"))
    at = AppTest.from_file(str(script)).run()
    (exc,) = at.exception
    assert exc.message == ("st_state_debugger: 'name' is about to be changed by Streamlit (default value of new widget "
                           "'name') at app.py:7 (break_on('name', source='streamlit')); stopped before the change, "
                           "which did not happen")
    assert any("app.py" in line and "line 7" in line for line in exc.stack_trace)


def test_an_unknown_source_is_refused_with_the_accepted_ones():
    import pytest

    import st_state_debugger

    with pytest.raises(ValueError, match="source must be script, callback, widget, streamlit or None, not 'browser'"):
        st_state_debugger.break_on("total", source="browser")
