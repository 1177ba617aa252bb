"""An int over Python's digit limit in the state (tests/unit/test_memory_summaries.py)."""

import streamlit as st

import st_state_debugger

st_state_debugger.enable()
ss = st.session_state
ss.setdefault("n", 0)
if st.button("grow", key="grow"):
    ss.n += 1
    ss["big"] = 10**5000 + ss.n
st.text(f"n={ss.n} digits={len(str(ss['big'] % 10**9)) if 'big' in ss else 0}")
