"""The app ``st-state-debugger view --follow DIR|FILE`` runs (the target is in ST_STATE_DEBUGGER_FOLLOW).

Stage: trace → **render**, behind the live panel's local-only rule: a browser that is
not on this machine gets a message and nothing of the traces unless the developer
opted in (``--allow-remote`` or ``ST_STATE_DEBUGGER_ALLOW_REMOTE=1``).
"""

from __future__ import annotations

import streamlit as st

from st_state_debugger import internals as hooks
from st_state_debugger.config import build_options

REMOTE_MESSAGE = (
    "st_state_debugger's inspector shows traces only to a browser on the machine running it. "
    "To show it to other machines, restart it with `st-state-debugger view --follow DIR --allow-remote` "
    "(or ST_STATE_DEBUGGER_ALLOW_REMOTE=1)."
)

if build_options().allow_remote or hooks.remote_ip(hooks.current_ctx()) is None:
    from st_state_debugger.follow import main

    main()
else:
    st.set_page_config(page_title="st_state_debugger inspector")
    st.error(REMOTE_MESSAGE)
