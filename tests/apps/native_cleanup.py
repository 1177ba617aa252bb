"""Keyed widgets Streamlit cleans up when they are not rendered, read afterwards:
one that takes persist_state= (a text box) and one that does not (a button)."""
import os

import streamlit as st

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()

if st.checkbox("Show", key="show", value=True):
    st.text_input("Note", key="note")
    st.button("Go", key="go")
what = st.radio("Read", ["nothing", "note", "go"], key="what")
if what != "nothing":
    st.write(st.session_state[what])
