import os
import pickle

import streamlit as st

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()

ss = st.session_state
ss["a"] = 1
ss.b = 2
ss.update({"c": 3}, d=4)
names = list(ss)
count = len(ss)
keys = sorted(ss.keys())
pairs = sorted(ss.items())
values = sorted(ss.values())
snapshot = ss.to_dict()
st.write(ss)
copied = dict(ss)
has_a = "a" in ss
missing = ss.get("zzz", "fallback")
popped = ss.pop("d")
del ss["c"]
del ss.b
ss.setdefault("e", 5)
pickled = len(pickle.dumps(ss))
st.write(count, keys, pairs, values, snapshot, copied, has_a, missing, popped, pickled, str(ss))
