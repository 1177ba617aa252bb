"""Time travel over widgets given value= defaults, and a button and a form submit
button that appear only once a quantity is chosen."""
import streamlit as st

import st_state_debugger

st_state_debugger.enable()
st.number_input("Qty", value=1, key="qty")
st.text_input("Name", value="anon", key="name")
if st.session_state.qty > 1:
    st.button("Reset", key="reset")
    with st.form("order"):
        st.text_input("Note", key="note")
        st.form_submit_button("Send", key="send")
st.write(f"qty={st.session_state.qty} name={st.session_state.name}")
