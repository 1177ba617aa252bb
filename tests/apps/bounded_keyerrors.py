"""Caught KeyErrors in loops: one key looked up N times, N distinct missing keys,
and a key with many earlier events before its failed lookup (SSD_N, default 400)."""

import os

import streamlit as st

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()

N = int(os.environ.get("SSD_N", "400"))
ss = st.session_state
ss.setdefault("user_name", "ada")
caught = 0
for _ in range(N):
    try:
        ss["missing"]
    except KeyError:
        caught += 1
for i in range(N):
    try:
        ss[f"gone_{i}"]
    except KeyError:
        caught += 1
for i in range(120):  # earlier events on the key that then fails
    if os.environ.get("SSD_PROBE") == "writes":  # 240 events: writes are never merged
        ss["probed"] = i
        del ss["probed"]
    else:  # one event x120: the same failed lookup again is counted on its first event
        ss.get("probed")
try:
    ss["probed"]
except KeyError:
    caught += 1
st.write("caught", caught)
