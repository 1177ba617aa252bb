import streamlit as st

import st_state_debugger

st_state_debugger.enable(panel=False)  # the inspector is in its own tab


def bump():
    st.session_state.count = st.session_state.get("count", 0) + 1


st.button("Bump", key="bump", on_click=bump)
st.write("count", st.session_state.get("count", 0))
