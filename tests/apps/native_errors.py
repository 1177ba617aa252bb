"""The most common session-state errors, each raised twice: once caught (the app
writes its own ``traceback.format_exc()`` with st.text) and once uncaught (Streamlit
shows it in the page). Which error is chosen by the ``SSD_CASE`` variable."""
import os
import traceback

import streamlit as st

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()

ss = st.session_state


def widget_already_instantiated():
    st.session_state.name = ""


def pop_missing():
    ss.pop("missing")


def getitem_missing():
    return ss["missing"]


def getattr_missing():
    return ss.missing


def del_missing():
    del ss["missing"]


CASES = {
    "widget": widget_already_instantiated,
    "pop": pop_missing,
    "getitem": getitem_missing,
    "getattr": getattr_missing,
    "del": del_missing,
}


def fail(case):
    try:
        CASES[case]()
    except Exception:
        st.text(traceback.format_exc())
    CASES[case]()


def in_callback():
    fail("getitem")


@st.fragment
def in_fragment():
    fail("del")


st.text_input("Name", key="name")
case = os.environ.get("SSD_CASE", "getitem")
if case == "callback":
    st.button("Go", key="go", on_click=in_callback)
elif case == "fragment":
    in_fragment()
else:
    fail(case)
