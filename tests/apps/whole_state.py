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
# Streamlit derives the key order from a set (it varies between processes), so
# the page shows order-independent views (st.write(ss) is compared as parsed JSON).
st.write(count, keys, pairs, values, sorted(snapshot.items()), sorted(copied.items()), sorted(names), has_a, missing, popped, pickled, len(str(ss)))
