import os

import streamlit as st

import st_state_debugger
from tests.apps._channel import ITEMS

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()

ss = st.session_state
for key, value in ITEMS:
    ss[key] = value
seen = [key in ss for key, _ in ITEMS]
for key, _ in ITEMS[::2]:
    if key in ss:
        del ss[key]
st.write(len(ss), sorted(ss.keys()), seen, [ss.get(k, "-") is v for k, v in ITEMS[1::2]])
