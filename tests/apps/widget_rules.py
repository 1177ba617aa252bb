"""Streamlit's widget rules: value= plus a session-state value (a warning), and a
button's key set through session state (StreamlitValueAssignmentNotAllowedError)."""
import os

import streamlit as st

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()

if st.checkbox("preset", key="preset"):
    st.session_state.qty = 7
st.number_input("Qty", value=1, key="qty")
if st.checkbox("break the button", key="bad"):
    st.session_state.go = True
st.button("Go", key="go")
