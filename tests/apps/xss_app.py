import streamlit as st

import st_state_debugger
from tests.browser.xss_payloads import PAYLOADS

st_state_debugger.enable()

ss = st.session_state
for i, payload in enumerate(PAYLOADS):
    ss.setdefault(payload, f"value {i}: {payload}")


def named_callback():
    ss.clicked = PAYLOADS[0]


named_callback.__qualname__ = PAYLOADS[1]  # a callback name that is markup
st.button("Go", key="go", on_click=named_callback)
# an operation whose file name is markup (code compiled under that name)
exec(compile("ss['from_odd_file'] = 1", PAYLOADS[0] + ".py", "exec"), {"ss": ss})
