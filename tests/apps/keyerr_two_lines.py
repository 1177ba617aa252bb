"""Failed lookups at two lines in turn (SSD_N times): the same key at both, and a
different key per pass at both (past each line's budget)."""
import os

import streamlit as st

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()

N = int(os.environ.get("SSD_N", "100"))
ss = st.session_state
caught = 0
for _ in range(N):
    try:
        ss["missing"]
    except KeyError:
        caught += 1
    try:
        ss["missing"]
    except KeyError:
        caught += 1
for i in range(N):
    try:
        ss[f"gone_{i}"]
    except KeyError:
        caught += 1
    try:
        ss[f"other_{i}"]
    except KeyError:
        caught += 1
st.write("caught", caught)
