import streamlit as st

st.title("Home")
st.session_state.setdefault("home_visits", 0)
st.session_state.home_visits += 1
st.text_input("Home field", key="home_field")
