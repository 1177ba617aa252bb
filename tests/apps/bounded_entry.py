"""Every entry point from Streamlit into the debugger, in one app: each
session_state operation, callbacks, a widget cleanup, refused writes and a
selectbox whose value Streamlit resets (tests/apptest/test_faults.py)."""

import os

import streamlit as st
from streamlit.errors import StreamlitAPIException

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()

ss = st.session_state


def bump():
    ss.bumps = ss.get("bumps", 0) + 1


if ss.get("wipe"):  # the button below was clicked: wipe before any widget is created
    ss.clear()
    ss["z"] = 0
    ss.popitem()
ss["a"] = 1
ss.b = 2
total = ss["a"] + ss.b
try:
    ss["nope"]
except KeyError:
    total += 1
try:
    ss.nope_attr  # noqa: B018 - the read under test
except AttributeError:
    total += 1
probes = (hasattr(ss, "nope2"), getattr(ss, "nope3", 0), "a" in ss, ss.get("a"))
ss.setdefault("c", 3)
ss.pop("c")
ss.pop("zz", None)
ss["d"] = 4
del ss["d"]
ss.e = 5
del ss.e
ss.update({"f": 6})
whole = (len(ss), sorted(ss), len(str(ss)) > 0, sorted(ss.keys()), len(list(ss.items())), len(list(ss.values())), len(ss.to_dict()))
if "pick" not in ss:
    ss.pick = "not an option"  # Streamlit resets it (reset_state_value)
st.selectbox("Pick", ["x", "y"], key="pick")
st.text_input("Name", key="name", on_change=bump)
try:
    ss.name = "overwritten"
except StreamlitAPIException:
    st.write("refused setattr")
try:
    ss["name"] = "overwritten"
except StreamlitAPIException:
    st.write("refused setitem")
st.button("Go", key="go", on_click=bump)
if not ss.get("hide"):
    st.checkbox("Shown", key="shown", value=True)
if st.button("Hide", key="hide_btn"):
    ss.hide = True
st.button("Wipe", key="wipe")
st.write("total", total, "probes", str(probes), "keys", str(whole[1]), "bumps", ss.get("bumps", 0))
