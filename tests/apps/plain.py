import os

import streamlit as st

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()

st.title("Counter")
st.session_state.setdefault("n", 0)
if st.button("+1", key="inc"):
    st.session_state.n += 1
choice = st.selectbox("Pick", ["a", "b", "c"], key="pick")
st.slider("Level", 0, 10, 5, key="level")
st.metric("n", st.session_state.n)
st.write(choice, st.session_state.level)
