"""Where the session's browser is: the client-address hook (fails closed).

Stage: **set-up** (who may see the panel). Reads the client address and the
WebSocket handshake's headers Streamlit keeps for a session; anything it cannot
read counts as remote.
"""

from __future__ import annotations

import os
from typing import Any


def remote_ip(ctx: Any) -> str | None:
    """None when the session's browser is on this machine (or the session is AppTest's);
    else why it is not: its address, a header naming a client elsewhere, or "unknown".

    The rule is :func:`st_state_debugger.locality.remote_client` over the client
    address the server reports and the WebSocket handshake's headers. When they
    cannot be read (no runtime, no client, Streamlit moved them) the session is
    remote: no panel, no data.
    """
    try:
        if running_under_apptest():
            return None
        from streamlit import runtime

        client = runtime.get_instance().get_client(ctx.session_id)
        context = client.client_context if client is not None else None
        if context is None:
            return "unknown: no client connection"
        peer, headers = context.remote_ip, list(context.headers)
    except Exception as exc:  # the hook that tells is missing or broken: fail closed
        return f"unknown: {type(exc).__name__}"
    from ..locality import DEFAULT_TRUSTED_PROXIES, remote_client

    # uvicorn reads the same variable for its X-Forwarded-For trust (streamlit passes none).
    return remote_client(peer, headers, os.environ.get("FORWARDED_ALLOW_IPS", DEFAULT_TRUSTED_PROXIES))


def running_under_apptest() -> bool:
    """Whether this run is an ``AppTest`` run, which has no browser to protect.

    AppTest has no client connection (its Runtime is a ``MagicMock(spec=Runtime)``
    and the client a mock), so "no address" cannot tell it apart from a real
    session whose address is unknown, which must fail closed. Two facts together
    can: Streamlit's own ``global.appTest`` option, which AppTest sets for the
    duration of each run, and a Runtime that is not a real ``Runtime`` (``type``,
    not ``isinstance``: a spec'd mock passes ``isinstance``). A real server with
    ``global.appTest`` forced on in its config still gets the full check.
    """
    from streamlit import config
    from streamlit.runtime import Runtime

    instance = Runtime._instance
    return bool(config.get_option("global.appTest")) and instance is not None and type(instance) is not Runtime



