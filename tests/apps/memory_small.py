"""A small app that uses neither numpy nor pandas (tests/cli/test_memory_imports.py).

SSD_MEMORY_DEBUG=1 enables the debugger (SSD_MEMORY_PANEL=1: with its panel, whose
data must not make Streamlit's component serializer import numpy, pandas and pyarrow);
otherwise the app runs natively and never imports st_state_debugger.
"""

import os

import streamlit as st

if os.environ.get("SSD_MEMORY_DEBUG") == "1":
    import st_state_debugger

    st_state_debugger.enable(panel=os.environ.get("SSD_MEMORY_PANEL") == "1")


class Profile:
    def __init__(self) -> None:
        self.name = "ada"
        self.langs = ["py"]


ss = st.session_state
ss.setdefault("cfg", {"tags": {"a"}, "n": 0})
ss.setdefault("profile", Profile())
if st.button("change"):
    ss["cfg"]["tags"].add("b")  # a set inside a dict, changed in place
    ss["profile"].langs.append("ts")  # an object's attribute
st.text(", ".join(sorted(ss["cfg"]["tags"])) + " / " + ", ".join(ss["profile"].langs))
