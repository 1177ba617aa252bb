import os

import streamlit as st

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()


def add(step):
    st.session_state.total = st.session_state.get("total", 0) + step


def save():
    st.session_state.saved = st.session_state.name


def submit_order():
    st.session_state.orders = st.session_state.get("orders", 0) + 1


def name_changed():
    st.session_state.name_changes = st.session_state.get("name_changes", 0) + 1


st.text_input("Name", key="name", on_change=name_changed)
st.button("Add 3", key="add3", on_click=add, args=(3,))
st.button("Save", on_click=save)
with st.form("order"):
    st.number_input("Quantity", key="qty", value=1)
    st.form_submit_button("Order", on_click=submit_order)
if st.button("Again", key="again"):
    st.session_state.reruns = st.session_state.get("reruns", 0) + 1
    if st.session_state.reruns < 2:
        st.rerun()
st.write("total", st.session_state.get("total", 0))
