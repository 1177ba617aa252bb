"""Password boxes the debugger must recognise (issue 11 item 3): one made by an
installed UI kit's helper, and one whose key held a value before the box appeared."""

import streamlit as st
import ui_kit_ssd

import st_state_debugger

st_state_debugger.enable()
ss = st.session_state

ui_kit_ssd.secret_input("API password", key="kit_box")
if st.button("remember", key="remember"):
    ss.remembered = "S3CRET-xyz"  # e.g. read back from a cookie or a config file
if st.button("login", key="login"):
    ss.show_login = True
if ss.get("show_login"):
    st.text_input("Password", key="remembered", type="password")
