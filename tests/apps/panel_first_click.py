"""Browser app for the panel's lifecycle: a password box, a counter button, a
checkbox that shows a keyed widget (unticking it makes Streamlit remove 'note' at
the end of that run) and a break target."""

import streamlit as st

import st_state_debugger

st_state_debugger.enable()

ss = st.session_state
ss.setdefault("n", 0)
st.text_input("Password", type="password", key="password")
if st.button("Inc", key="inc"):
    ss.n += 1
if st.checkbox("Show note", key="show", value=True):
    st.text_input("Note", key="note")
st.write("n =", ss.n)
