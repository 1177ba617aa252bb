import numpy as np
import pandas as pd
import streamlit as st

import st_state_debugger
from tests.apps._channel import ITEMS

st_state_debugger.enable()
ss = st.session_state
if "big_df" not in ss:
    ss.blob = "x" * 10_000_000  # a 10 MB str
    ss.buffer = bytearray(10_000_000)  # a 10 MB mutable value
    ss.big_df = pd.DataFrame({"a": np.arange(1_000_000), "b": np.ones(1_000_000)})
    ss.big_dict = {f"id{i}": {"v": i} for i in range(100_000)}
    for i in range(1000):
        ss[f"k{i:04d}"] = i
for action in ITEMS:
    action(ss)  # the test's mutation for this rerun
ITEMS.clear()
