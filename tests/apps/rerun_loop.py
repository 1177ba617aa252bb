import streamlit as st

import st_state_debugger

st_state_debugger.enable()
ss = st.session_state
ss.setdefault("n", 0)
ss.setdefault("log", [])
if ss.n < 12:
    ss.n += 1
    ss.log = [*ss.log, ss.n]
    st.rerun()  # line 12: reached on every run until n is 12
st.write(f"n is {ss.n}")
