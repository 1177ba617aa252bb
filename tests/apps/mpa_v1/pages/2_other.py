import streamlit as st

st.title("Other")
st.write("home visits", st.session_state.get("home_visits"))
