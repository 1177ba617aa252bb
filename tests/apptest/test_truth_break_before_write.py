"""break_on() stops BEFORE the write lands, for every source (issue 12 item 8).

A developer breaks on a key to see the state as it was just before the culprit
changed it: the value must still be the old one when the run stops.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from st_state_debugger.testing import trace_of

SCRIPT_APP = """
import streamlit as st, st_state_debugger
st_state_debugger.enable()
ss = st.session_state
ss.setdefault("todos", [])
ss.setdefault("x", 0)
st_state_debugger.break_on("todos", source="script")
st_state_debugger.break_on("x", source="script")
if st.button("Add", key="add"):
    ss.todos = ss.todos + ["milk"]
if st.button("Set", key="set"):
    st.session_state.x = 1
if st.button("Drop", key="drop"):
    del st.session_state.x
st.write("todos", len(ss.todos))
"""


def _run(tmp_path, text):
    script = tmp_path / "app.py"
    script.write_text(text)
    return AppTest.from_file(str(script), default_timeout=60).run()


def test_break_on_script_write_stops_before_the_value_lands(trace_dir, tmp_path):
    at = _run(tmp_path, SCRIPT_APP)
    assert not at.exception
    at.button(key="set").click().run()
    (exc,) = at.exception
    assert at.session_state["x"] == 0  # the write did not happen
    assert exc.message.startswith("st_state_debugger: 'x' is about to be changed by script at app.py:12")
    last = trace_of(at).reruns[-1]
    assert not [e for e in last.events if e.key == "x" and e.op == "write"]  # and is not recorded as done


def test_break_on_script_append_leaves_the_todo_list_unchanged(trace_dir, tmp_path):
    at = _run(tmp_path, SCRIPT_APP)
    at.button(key="add").click().run()
    assert at.exception
    assert at.session_state["todos"] == []  # natively (without the break) it would be ['milk']


def test_break_on_delete_stops_before_the_key_is_deleted(trace_dir, tmp_path):
    at = _run(tmp_path, SCRIPT_APP)
    at.button(key="drop").click().run()
    (exc,) = at.exception
    assert at.session_state["x"] == 0
    assert "'x' is about to be changed by script at app.py:14" in exc.message


CALLBACK_APP = """
import streamlit as st, st_state_debugger
st_state_debugger.enable()
ss = st.session_state
ss.setdefault("total", 5)
st_state_debugger.break_on("total", source="callback")
def add():
    ss.total = ss.total + 3
st.button("Add", key="add", on_click=add)
"""


def test_break_on_callback_write_stops_before_the_value_lands(trace_dir, tmp_path):
    at = _run(tmp_path, CALLBACK_APP)
    at.button(key="add").click().run()
    (exc,) = at.exception
    assert at.session_state["total"] == 5
    assert exc.message.startswith("st_state_debugger: 'total' is about to be changed by callback add() of widget 'add' at app.py:8")


WIDGET_APP = """
import streamlit as st, st_state_debugger
st_state_debugger.enable()
st_state_debugger.break_on("name", source="{source}")
st.text_input("Name", key="name")
st.write("after", st.session_state.name)
"""


def test_break_on_browser_value_stops_before_the_value_lands(trace_dir, tmp_path):
    at = _run(tmp_path, WIDGET_APP.format(source="widget"))
    assert not at.exception
    at.text_input(key="name").input("ann").run()
    (exc,) = at.exception
    assert at.session_state["name"] == ""  # the value from before the break
    assert exc.message.startswith("st_state_debugger: 'name' is about to be changed by the browser (widget 'name') at app.py:5")
    last = trace_of(at).reruns[-1]
    assert not [e for e in last.events if e.key == "name" and e.op == "write"]


def test_break_on_widget_default_stops_before_the_default_lands(trace_dir, tmp_path):
    at = _run(tmp_path, WIDGET_APP.format(source="streamlit"))
    (exc,) = at.exception
    assert "name" not in at.session_state  # the default never landed
    assert exc.message.startswith("st_state_debugger: 'name' is about to be changed by Streamlit "
                                  "(default value of new widget 'name') at app.py:5")


RESET_APP = """
import streamlit as st, st_state_debugger
st_state_debugger.enable()
if st.session_state.get("shrunk"):  # not before: the widget's first default is Streamlit's too
    st_state_debugger.break_on("pick", source="streamlit")
options = ["x", "y"] if st.session_state.get("shrunk") else ["a", "b", "c"]
st.selectbox("Pick", options, key="pick")
st.checkbox("Shrink the options", key="shrunk")
"""


def test_break_on_streamlit_stops_before_streamlit_corrects_a_widget_value(trace_dir, tmp_path):
    """Streamlit's own correction of a widget value (``reset_state_value``: the
    selected option is gone from the options) breaks before it lands."""
    at = _run(tmp_path, RESET_APP)
    at.selectbox(key="pick").set_value("c").run()
    assert not at.exception and at.session_state["pick"] == "c"
    at.checkbox(key="shrunk").check().run()
    (exc,) = at.exception
    assert exc.message.startswith("st_state_debugger: 'pick' is about to be changed by Streamlit "
                                  "(Streamlit reset the value of widget 'pick') at app.py:7")
    assert at.session_state["pick"] == "c"  # natively Streamlit has set it to "x" by now
