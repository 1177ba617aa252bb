import os

import numpy as np
import pandas as pd
import streamlit as st

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()

ss = st.session_state
if "todos" not in ss:
    ss.todos = [{"title": "a", "done": False}, {"title": "b", "done": False}]
    ss.df = pd.DataFrame({"a": range(5), "b": [0.5] * 5})
    ss.arr = np.zeros(4)
    ss.counter = 0
if st.button("Mutate", key="mutate"):
    ss.todos[1]["done"] = True
    ss.df.iloc[3, 0] = -1
    ss.arr[2] = 7.0
if st.button("Assign", key="assign"):
    ss.counter = ss.counter + 1
    ss.todos = ss.todos + [{"title": "c", "done": False}]
st.write(len(ss.todos))
