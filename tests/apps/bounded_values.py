"""Hostile values: a repr with a side effect, a value slow to pickle, a set whose
iteration never ends (tests/apps/bounded_kinds.py counts what the debugger does)."""

import os

import streamlit as st

import st_state_debugger
from tests.apps import bounded_kinds as kinds

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()

ss = st.session_state
which = os.environ.get("SSD_VALUE", "noisy")
if which == "noisy":
    if "noisy" not in ss:
        ss.noisy = kinds.Noisy()
    ss.noisy.n += 1  # changed in place every rerun
    ss.noisy_list = [kinds.Noisy()]  # a new object (added/changed) every rerun
elif which == "slow":
    if "slow" not in ss:
        ss.slow = kinds.SlowPickle()
    ss.slow.n += 1
elif which == "endless":
    if "endless" not in ss:
        ss.endless = kinds.Endless({1, 2, 3})
    ss.endless.add(len(ss.endless) + 1)
st.write("reprs", kinds.COUNTS["repr"], "pickles", kinds.COUNTS["pickle"])
