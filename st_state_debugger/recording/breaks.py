"""Break on change at the run: is a write that has not happened yet under a ``break_on()``?

Stage: **record**. Asked before the write lands, by every writer: the proxy (the
script and callbacks, through ``Recorder.break_message``), a browser value, a new
widget's default and Streamlit's own value correction (the recorder's listener
methods). ``breakpoints.break_message`` words the stop; the run keeps a warning
saying why it stopped, shown beside the app's error.
"""

from __future__ import annotations

from typing import Any

from .. import attribution, breakpoints, pitfalls
from ..model import RerunWarning
from .buffer import RunBuffer
from .build import SiteCache


def check(sites: SiteCache, breaks: dict[str, Any], buf: RunBuffer, key: Any, site: tuple[Any, int],
          attr: attribution.Attribution | None = None) -> str | None:
    """The StateBreakpoint message if the write (or delete) of ``key`` at ``site``
    (code, offset) by ``attr`` (default: the running phase's) hits a breakpoint, else None."""
    key = key if type(key) is str else str(key)
    if key not in breaks:
        return None
    file, line = sites.site(*site)
    message = breakpoints.break_message(breaks, key, attr or buf.attr, file, line)
    if message is not None:
        text = f"stopped by break on change: {message.removeprefix(breakpoints.PREFIX)}"
        pitfalls.add_warning(buf, RerunWarning("breakpoint", key, text, file, line))
    return message


def streamlit_write(sites: SiteCache, breaks: dict[str, Any], buf: RunBuffer, key: str, site: tuple[Any, int],
                    reason: str, widget_key: str | None) -> str | None:
    """The message if Streamlit's own write of ``key`` (a widget's default, a value it
    corrects), made for the user's line at ``site``, hits a breakpoint."""
    return check(sites, breaks, buf, key, site, attribution.streamlit(reason, widget_key))
