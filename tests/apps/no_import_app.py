import streamlit as st


def bump():
    st.session_state.count = st.session_state.get("count", 0) + 1


st.button("Bump", key="bump", on_click=bump)
st.write("count", st.session_state.get("count", 0))
