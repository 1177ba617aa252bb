"""What an app can see of st.session_state's type: the same as without the debugger."""
import os
import pickle

import streamlit as st
from streamlit.runtime.state import SessionStateProxy

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()

st.session_state.setdefault("count", 0)
st.session_state.count += 1
st.text(f"type is SessionStateProxy: {type(st.session_state) is SessionStateProxy}")
st.text(f"class: {st.session_state.__class__.__module__}.{st.session_state.__class__.__qualname__}")
st.text(f"pickles back to: {type(pickle.loads(pickle.dumps(st.session_state))).__name__}")
other = SessionStateProxy()  # a second proxy reads the same state
st.text(f"other proxy sees count: {other['count']}")
