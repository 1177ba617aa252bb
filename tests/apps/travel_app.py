"""Browser app for time travel, pause, watch, break and timing."""
import time

import streamlit as st

import st_state_debugger

st_state_debugger.enable()
ss = st.session_state
ss.setdefault("count", 0)
ss.setdefault("todos", [])


def add():
    time.sleep(0.03)  # a callback slow enough to show in "Slowest callbacks"
    ss.count += 1
    ss.todos.append(f"item {ss.count}")


def preset():
    ss.qty = 5


st.button("Add", key="add", on_click=add)
st.text_input("Name", key="name")
st.button("Preset", key="preset", on_click=preset)
st.number_input("Qty", value=1, key="qty")
if ss.count >= 2:
    ss.extra = "added later"
st.markdown(f"count={ss.count} name={ss.name or '-'} extra={'extra' in ss}")
