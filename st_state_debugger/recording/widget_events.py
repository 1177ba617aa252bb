"""What a session's widgets and their callbacks tell the recorder: browser values,
callbacks, new widgets and their defaults, Streamlit's rules and corrections.

Stage: **record**. The widget half of the ``SessionListener`` contract
(internals/listener.py), a base class of ``Recorder``: each method gets values
``internals/notify.py`` decoded from Streamlit's objects and appends events to the
running ``RunBuffer``, fills the ``WidgetRegistry``, or answers whether a write that
has not happened yet hits a ``break_on()`` (``breaks.py``). The run lifecycle (begin,
finish, the panel) is ``recorder.py``.
"""

from __future__ import annotations

import threading
from typing import Any

from .. import attribution, pitfalls
from .. import internals as hooks
from ..config import REDACTED
from ..internals.listener import Callback, CreationFrame, Site
from ..panel.requests import take_request
from ..redact import Redactor
from . import breaks
from .buffer import RunBuffer
from .build import SiteCache
from .debug_session import DebugSession
from .widgets import WidgetRegistry

NOVAL = hooks.NOVAL


class WidgetEvents:
    """The widget and callback events of one session (``Recorder`` sets the attributes)."""

    inner: Any  # the session's SessionState, read only through ``internals``
    debug: DebugSession
    registry: WidgetRegistry
    #: the panel's widget ids (the registry's); they are never the app's
    internal_widget_ids: dict[str, None]
    redactor: Redactor
    sites: SiteCache
    open_buffer: RunBuffer | None
    view_cache: dict[int, dict[str, Any]]
    #: whether the panel is being drawn, per thread: a run Streamlit is stopping can
    #: still be drawing its panel while the next run starts on a new thread
    _panel_thread: threading.local

    def widget_function(self, key: str) -> str | None:
        """The Streamlit function that made ``key``'s widget (``text_input``), for advice
        that depends on it (``persist_state=``); None when unknown."""
        return self.registry.info_of_key(self.inner, key).get("widget")

    @property
    def rendering_panel(self) -> bool:
        return getattr(self._panel_thread, "on", False)

    @rendering_panel.setter
    def rendering_panel(self, on: bool) -> None:
        self._panel_thread.on = on

    def is_panel_widget(self, inner: Any, widget_id: str) -> bool:
        """The panel's widgets by identity (its callback), never by when they came."""
        return self.registry.is_panel_widget(inner, widget_id)

    def _sink(self) -> RunBuffer | None:
        ctx = hooks.current_ctx()
        buf = hooks.run_buffer(ctx) if ctx is not None else None
        return buf if buf is not None and buf.recorder is self else None

    def on_widget_changed(self, widget_id: str, key: str | None, value: Any, panel: bool) -> str | None:
        """A new value from the browser; returns a break_on() message to raise, if any."""
        buf = self._sink()
        if buf is None:
            return None
        buf.changed_widgets.append(widget_id)
        if panel or widget_id in self.registry.panel_ids:
            self.registry.note_panel_widget(self.inner, widget_id)
            return None
        if key is None:
            return None
        info = self.registry.info(widget_id)
        site, attr = (info.get("code"), info.get("lasti", -1)), attribution.widget(key)
        stop = breaks.check(self.sites, buf.breaks, buf, key, site, attr) if buf.breaks else None
        if stop is None:  # a break takes the value back (hooks.drop_browser_value): no write
            buf.add("write", key, "browser", attr, site, None, value)
        return stop

    def on_callback_pending(self, callback: Callback, request: Any) -> None:
        if callback.panel and callback.widget_id is not None:
            self.registry.note_panel_widget(self.inner, callback.widget_id)
            take_request(self.debug, request)
        buf = self._sink()
        if buf is not None:
            buf.pending_cb = (callback, callback.widget_id)

    def on_callback_start(self, callback: Callback) -> Any:
        buf = self._sink()
        if buf is None:
            return None
        if callback.name is None and buf.pending_cb is not None:
            callback = buf.pending_cb[0]
        buf.pending_cb = None
        wid = callback.widget_id
        return buf.start_callback(callback.name or "callback", self.registry.name(wid, callback.widget_key),
                                  timed=wid is None or wid not in self.internal_widget_ids)

    def on_callback_end(self, token: Any) -> None:
        if token is not None:
            RunBuffer.end_callback(token)

    def on_widget_registered(self, widget_id: str, user_key: str | None, existed: bool, panel: bool, value: Any,
                             frame: CreationFrame) -> None:
        if panel:  # the panel's own widgets: never the app's
            self.registry.note_panel_widget(self.inner, widget_id)
            return
        info = self.registry.register(widget_id, user_key, frame)
        if info.get("secret") and user_key is not None and self.redactor.active and user_key not in self.redactor.secret_keys:
            self.mark_secret(str(user_key))
        if user_key is None or existed or widget_id in self.internal_widget_ids or value is NOVAL:
            return
        buf = self._sink()
        if buf is not None:
            attr = attribution.streamlit(f"default value of new widget '{user_key}'", user_key)
            buf.add("write", user_key, "widget-default", attr, (info.get("code"), info.get("lasti", -1)), None, value)

    def mark_secret(self, key: str) -> None:
        """``key`` belongs to a password widget: redact it from now on, and what is
        already held about it (kept reruns, the running rerun's preview, summaries,
        time-travel copies, the panel's cached views). Trace lines already written
        are not rewritten (docs/security.md)."""
        was_secret = self.redactor.is_secret(key)
        self.redactor.secret_keys.add(key)
        if was_secret:
            return
        self.debug.forget_secret(key)
        self.view_cache.clear()
        if self.open_buffer is not None:
            self.open_buffer.redact_preview(key, REDACTED)

    def on_widget_will_default(self, widget_id: str | None, user_key: str, site: Site) -> str | None:
        """A keyed widget is about to give its key its default value: the break_on()
        message, if that write hits one, else None."""
        buf = self._sink()
        if buf is None or not buf.breaks or self.rendering_panel or widget_id in self.internal_widget_ids:
            return None
        return breaks.streamlit_write(self.sites, buf.breaks, buf, user_key, site,
                                      f"default value of new widget '{user_key}'", user_key)

    def on_value_reset(self, key: str, value: Any, site: Site) -> str | None:
        """Streamlit is about to correct ``key``'s value: the break_on() message, if
        that write hits one, else None."""
        buf = self._sink()
        if buf is None or not buf.breaks or self.rendering_panel:
            return None
        return breaks.streamlit_write(self.sites, buf.breaks, buf, key, site,
                                      f"Streamlit reset the value of widget '{key}'", None)

    def break_message(self, buf: RunBuffer, key: Any, code: Any, lasti: int, attr: Any = None) -> str | None:
        """The proxy's check before a write or delete (``recording.breaks.check``)."""
        return breaks.check(self.sites, self.debug.breakpoints, buf, key, (code, lasti), attr)

    def note_refused_write(self, buf: RunBuffer, key: str, frame: Any, exc: BaseException) -> None:
        pitfalls.refused_write(self.sites, buf, key, frame, exc, self.registry.info_of_key(self.inner, key))

    def on_widget_rules(self, key: str, has_default: bool, writes_allowed: bool, set_this_run: bool,
                        frame: CreationFrame) -> bool:
        """A keyed widget is being created (Streamlit checks its session-state rules).
        True when the key's session-state value is the debugger's restore alone: the
        app did not set it, so Streamlit's "value= and session state" warning is not its."""
        if self.rendering_panel:
            return False
        if not writes_allowed:
            self.registry.note_no_write(key, frame)
            return False
        buf = self._sink() if has_default and set_this_run else None
        return buf is not None and pitfalls.value_set_twice(self.sites, buf, key, frame.user_site())
