import os
import traceback

import streamlit as st

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()
try:
    st.rerun("no_such_fragment")  # a fragment key from the script body: Streamlit refuses
except Exception:
    st.text(traceback.format_exc())
st.rerun("no_such_fragment")
