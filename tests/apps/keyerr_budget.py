"""Distinct missing keys at one line, twice over (SSD_N keys, default 300): the
line's budget of recorded keys is spent on the first pass."""
import os

import streamlit as st

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()

N = int(os.environ.get("SSD_N", "300"))
ss = st.session_state
ss.setdefault("present", 1)
caught = 0
for _ in range(2):
    for i in range(N):
        try:
            ss[f"gone_{i}"]
        except KeyError:
            caught += 1
st.write("caught", caught)
