import streamlit as st

st.text_input("Name on page A", key="a_name")
