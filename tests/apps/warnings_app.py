import streamlit as st

import st_state_debugger
from tests.apps import _channel

st_state_debugger.enable()
ss = st.session_state
if "cfg" not in ss:
    ss.cfg = _channel.SHARED_CFG  # the bug: every session gets the same dict
if st.checkbox("Show note", key="show", value=True):
    st.text_input("Note", key="note")
if st.button("Late write", key="late"):
    st.text_input("Name", key="name")
    try:
        ss.name = "too late"
    except Exception as exc:
        st.write(type(exc).__name__)
def preset():
    ss.qty = 5


st.button("Preset", key="preset", on_click=preset)
st.number_input("Qty", value=1, key="qty")
