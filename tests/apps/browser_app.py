import streamlit as st

import st_state_debugger

st_state_debugger.enable()

ss = st.session_state
ss.setdefault("user_name", "ada")
ss.setdefault("db_password", "hunter2-do-not-show")
ss.setdefault("<img src=x onerror=\"window.__xss=1\">", "</div><b onmouseover=\"window.__xss=2\">bold?</b>")


def add():
    ss.total = ss.get("total", 0) + 3


st.text_input("Who", key="who")
st.button("Add", key="add3", on_click=add)
if st.checkbox("Show note", key="show", value=True):
    st.text_input("Note", key="note")
if st.button("Read note", key="read"):
    try:
        st.write(ss["note"])
    except KeyError:
        st.write("note is gone")
if st.button("Greet", key="greet"):
    try:
        st.write(ss.username)
    except AttributeError:
        st.write("no username")


@st.fragment
def panel_counter():
    ss.setdefault("clicks", 0)
    if st.button("Frag click", key="frag"):
        ss.clicks += 1
    st.write("clicks", ss.clicks)


panel_counter()
