"""Caught lookup failures raised inside helpers (``ss[k]``, ``ss.k``, ``del ss[k]``).

Each helper holds a local ``Token``: once the app is done with the exception, the
helper's frame and its locals are released, with or without the debugger (a
recorder that kept the exception would keep its traceback's frames alive).
"""

import os
import weakref

import streamlit as st

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()


class Token:
    """A helper's local whose lifetime shows whether the helper's frame is alive."""


refs = []
messages = []


def by_item(key):
    token = Token()
    refs.append(weakref.ref(token))
    return st.session_state[key]


def by_attribute():
    token = Token()
    refs.append(weakref.ref(token))
    return st.session_state.absent_attr


def by_delete(key):
    token = Token()
    refs.append(weakref.ref(token))
    del st.session_state[key]


for call in (lambda: by_item("missing"), by_attribute, lambda: by_delete("never_set")):
    for _ in range(3):
        try:
            call()
        except (KeyError, AttributeError) as exc:
            messages.append(exc.args[0])
st.write("alive", sum(r() is not None for r in refs))
st.write("messages", " | ".join(sorted(set(messages))))
