import streamlit as st

import st_state_debugger

st_state_debugger.enable()

st.session_state.setdefault("visits", 0)
st.session_state.visits += 1
page = st.navigation([st.Page("page_a.py", title="Form"), st.Page("page_b.py", title="Summary")])
page.run()
