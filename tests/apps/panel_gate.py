"""A login gate: every run before the right password ends in st.stop()."""

import streamlit as st

import st_state_debugger

st_state_debugger.enable()

ss = st.session_state
ss.setdefault("tries", 0)
password = st.text_input("Password", type="password", key="password")
if password != "open sesame":
    if password:
        ss.tries += 1
        st.error("wrong password")
    st.stop()
st.write("welcome")
