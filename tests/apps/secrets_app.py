import os

import streamlit as st

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()

ss = st.session_state
ss.setdefault("API_KEY", "sk-live-1234567890")
ss.setdefault("db", {"host": "localhost", "password": "hunter2"})
ss.setdefault("userToken", "tok-abcdef")
ss.setdefault("<img src=x onerror=alert(1)>", "</div><b onmouseover=alert(2)>")
st.text_input("Login", key="login_box", type="password")
st.write(len(ss))
