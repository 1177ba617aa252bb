"""The app `st-state-debugger view TRACE.jsonl` runs (the trace path is in ST_STATE_DEBUGGER_VIEW).

Stage: trace → **render**, behind the same local-only rule as the live panel: a
browser that is not on this machine (``internals.remote_ip``) gets a message and
nothing of the trace, not even its file name, unless the developer opted in
(``--allow-remote`` or ``ST_STATE_DEBUGGER_ALLOW_REMOTE=1``).
"""

from __future__ import annotations

import streamlit as st

from st_state_debugger import internals as hooks
from st_state_debugger.config import build_options

REMOTE_MESSAGE = (
    "st_state_debugger's trace viewer shows traces only to a browser on the machine "
    "running it. To show it to other machines, restart it with "
    "`st-state-debugger view TRACE.jsonl --allow-remote` "
    "(or ST_STATE_DEBUGGER_ALLOW_REMOTE=1)."
)


def viewer_allowed() -> bool:
    """Whether this session may see the trace: opted in, or its browser is local."""
    if build_options().allow_remote:
        return True
    return hooks.remote_ip(hooks.current_ctx()) is None


if viewer_allowed():
    from st_state_debugger.viewer import main

    main()
else:
    st.set_page_config(page_title="st_state_debugger viewer")
    st.error(REMOTE_MESSAGE)
