import os

import streamlit as st

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()

if "user_name" not in st.session_state:
    st.session_state.user_name = "ada"
show = st.checkbox("Show note", key="show", value=True)
if show:
    st.text_input("Note", key="note")
if st.button("Read note", key="read"):
    st.write(st.session_state["note"])
if st.button("Greet", key="greet"):
    st.write("hello", st.session_state.username)
