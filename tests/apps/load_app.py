import os
import time

import streamlit as st

t0 = time.perf_counter()
ss = st.session_state
ss.setdefault("runs", 0)
ss.runs += 1
ss.setdefault("things", [])


def add():
    ss["things"].append(len(ss["things"]))  # in place, from a callback


st.text_input("Token", key="token")
st.button("Add", key="add", on_click=add)
st.checkbox("Flag", key="flag")
st.write(f"runs: {ss.runs}")
st.write(f"things: {len(ss['things'])} token: {ss.token}")
sink = os.environ.get("SSD_LOAD_TIMES")
if sink:
    with open(sink, "a") as f:
        f.write(f"{(time.perf_counter() - t0) * 1000:.4f}\n")
