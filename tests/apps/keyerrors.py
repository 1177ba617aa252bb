import os

import streamlit as st

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()

try:
    st.session_state["not_there"]
except KeyError as exc:
    st.write("caught", str(exc))
try:
    st.session_state.also_missing
except AttributeError as exc:
    st.write("caught attr", str(exc))
st.write(hasattr(st.session_state, "nope"), getattr(st.session_state, "nope", "dflt"))
if st.button("Crash", key="crash"):
    st.session_state["typo_key"]
