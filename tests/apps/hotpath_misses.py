"""Failed lookups in loops: one key missed N times at one line (caught KeyError,
``in`` and ``.get``), and N distinct missing keys (SSD_N, default 300)."""
import os

import streamlit as st

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()

N = int(os.environ.get("SSD_N", "300"))
ss = st.session_state
ss.setdefault("present", 1)
caught = 0
for _ in range(N):
    try:
        ss["missing"]
    except KeyError:
        caught += 1
    if "absent" in ss:
        caught -= 1
    x = ss.present
for i in range(N):
    try:
        ss[f"gone_{i}"]
    except KeyError:
        caught += 1
st.write("caught", caught, "default", ss.get("nothing", "d"))
