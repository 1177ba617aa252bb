"""Many operations of every kind in one rerun, under a small event cap (CAP)."""

import os

import streamlit as st

import st_state_debugger

st_state_debugger.enable(max_events_per_rerun=int(os.environ.get("CAP", "100000")), panel=False)

show = st.checkbox("Show boxes", key="show", value=True)
if show:
    for i in range(5):
        st.text_input(f"Box {i}", key=f"box{i}")
st.session_state.setdefault("count", 0)
st.session_state["count"] += 1
