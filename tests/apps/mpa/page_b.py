import streamlit as st

try:
    st.write("name was", st.session_state["a_name"])
except KeyError:
    st.write("a_name is gone")
