import streamlit as st

import st_state_debugger

st_state_debugger.enable()
qp = st.query_params
st_state_debugger.break_on(qp.get("key", "count"), source=qp.get("source", "callback"), action="breakpoint")
ss = st.session_state
if "count" not in ss:
    ss.count = 0  # a script write (line 10)


def add():
    ss.count = ss.count + 1  # the culprit (line 14)


st.button("Add", key="add", on_click=add)
st.text_input("Name", key="name")  # line 18
st.write(f"count is {ss.count}")
