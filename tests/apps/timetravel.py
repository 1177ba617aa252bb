"""Time travel: plain values, a list mutated in place, widget keys, a key added
later, an unpicklable value and a secret."""
import threading

import streamlit as st

import st_state_debugger

st_state_debugger.enable()
ss = st.session_state
ss.setdefault("count", 0)
ss.setdefault("todos", [])
ss.setdefault("lock", threading.Lock())
if st.button("add", key="add"):
    ss.count += 1
    ss.todos.append(f"item {ss.count}")
    ss.api_token = f"tok-{ss.count}"
    ss.lock = threading.Lock()
st.text_input("name", key="name")
st.slider("level", 0, 10, key="level")
if ss.count >= 2:
    ss.extra = "added later"
st.write(f"count={ss.count} todos={ss.todos} name={ss.name!r} level={ss.level}")
