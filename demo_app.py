"""A small to-do app with the classic session-state bugs, to try st_state_debugger on.

    pip install .
    streamlit run demo_app.py

Things to try, then look at the debugger panel in the sidebar (or at the trace
file when ST_STATE_DEBUGGER_TRACE_DIR is set):
1. "Add" runs a callback: its writes are attributed to add_todo() and the button.
2. "Mark first done" mutates a list in place: the diff flags it.
3. Untick "Show note", then "Read note": Streamlit removed the widget's key, and
   the KeyError view explains where it went.
4. "Greet" reads a misspelled key: the debugger suggests the right one.
5. The fragment's button reruns only the fragment.
6. Time travel: select an earlier rerun in the timeline and press "Restore state
   after #N"; the to-do list and the widgets go back to that rerun.
7. Pin "todos" in the panel's State (the circle beside it) to watch it change, then
   set its "break on" to callback and press "Add": the run stops at add_todo().
"""

import pandas as pd
import streamlit as st

import st_state_debugger

st_state_debugger.enable()

st.title("To-do list")

ss = st.session_state
if "todos" not in ss:
    ss.todos = [{"title": "Write the report", "done": False}]
    ss.user_name = "Ada"
    ss.api_token = "tok-demo-not-a-real-secret"  # redacted in the panel and every trace
    ss.scores = pd.DataFrame({"player": ["ada", "bob"], "points": [3, 5]})


def add_todo() -> None:
    title = ss.new_title.strip()
    if title:
        ss.todos = ss.todos + [{"title": title, "done": False}]
        ss.new_title = ""


st.text_input("New to-do", key="new_title")
st.button("Add", key="add", on_click=add_todo)

if st.button("Mark first done", key="mark"):
    ss.todos[0]["done"] = True  # an in-place mutation: nobody assigns ss.todos
    ss.scores.loc[0, "points"] += 1  # a DataFrame cell changed in place

for item in ss.todos:
    st.checkbox(item["title"], value=item["done"], disabled=True)

with st.form("settings"):
    st.selectbox("Theme", ["light", "dark"], key="theme")
    st.form_submit_button("Save settings")

show = st.checkbox("Show note", key="show", value=True)
if show:
    st.text_area("Note", key="note")
if st.button("Read note", key="read"):
    try:
        st.info(ss["note"])
    except KeyError as exc:  # the app handles it; the debugger still explains it
        st.error(f"KeyError: {exc}")

if st.button("Greet", key="greet"):
    try:
        st.write(f"Hello {ss.username}!")  # the typo: the key is user_name
    except AttributeError as exc:
        st.error(f"AttributeError: {exc}")


@st.fragment
def clicker() -> None:
    ss.setdefault("clicks", 0)
    if st.button("Click (fragment)", key="frag_click"):
        ss.clicks += 1
    st.write("Fragment clicks:", ss.clicks)


clicker()
st.dataframe(ss.scores)
