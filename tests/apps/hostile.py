import os
import threading

import numpy as np
import pandas as pd
import streamlit as st

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()


class Hostile:
    """Cannot be printed, compared, hashed, copied or pickled."""

    def __init__(self):
        self.n = 0

    def __repr__(self):
        raise RuntimeError("no repr")

    def __eq__(self, other):
        raise RuntimeError("no eq")

    __hash__ = None

    def __reduce_ex__(self, protocol):
        raise TypeError("no pickle")

    def __deepcopy__(self, memo):
        raise TypeError("no copy")


ss = st.session_state
if "lock" not in ss:
    ss.lock = threading.Lock()
    ss.gen = (i for i in range(3))
    loop = {"name": "loop"}
    loop["self"] = loop
    ss.loop = loop
    ss.hostile = Hostile()
    ss.bag = {"lock": threading.Lock(), "n": 0}
    ss.big = pd.DataFrame({"x": np.arange(200_000), "y": np.ones(200_000)})
ss.big.iloc[7, 0] = ss.big.iloc[7, 0] + 1
ss.bag["n"] += 1
ss.hostile.n += 1
st.write("runs", int(ss.big.iloc[7, 0]))
