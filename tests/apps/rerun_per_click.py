import streamlit as st

import st_state_debugger

st_state_debugger.enable()
ss = st.session_state
ss.setdefault("clicks", 0)


def clicked():
    ss.clicks += 1
    ss.go = True


st.button("Go", key="go_button", on_click=clicked)
if ss.get("go"):
    ss.go = False
    st.rerun()  # line 18: once per click
st.write(f"clicks {ss.clicks}")
