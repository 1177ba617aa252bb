"""Telling the session's listener what a hook saw, decoded from Streamlit's objects.

Stage: **record** (entry points from Streamlit). Each function below takes what a
hook in ``session.py`` or ``runner.py`` holds (the ``SessionState``, a widget id,
the callback's ``run`` partial, a frame), reads what the recorder needs from it and
calls one typed method of ``listener.SessionListener``. ``tell`` runs it inside the
guard: a failure turns the debugger off for this session and the app runs on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from .. import guard
from .listener import Callback, CreationFrame, SessionListener
from .relabel import _hide_own_frame
from .state import (
    callback_name,
    callback_target,
    has_key_raw,
    is_panel_widget,
    raw_value,
    set_in_this_run,
    user_keys,
    widget_key_of,
    widget_value,
)
from .values import NOVAL

__all__ = ["_hide_own_frame"]  # ``tell`` is relabelled (relabel.py): its code names it

T = TypeVar("T")


def tell(inner: Any, decode: Callable[..., T], *args: Any) -> T | None:
    """``decode(listener, inner, *args)`` for the session whose ``SessionState`` is
    ``inner``, inside the guard: None when the session is not recorded or the call
    fails (which switches the debugger off for that session, with one warning naming
    the event)."""
    rec: SessionListener | None = getattr(type(inner), "_ssd_recorder", None)  # None once detached mid-call
    if rec is None or rec.dead:
        return None
    try:
        return decode(rec, inner, *args)
    except Exception as err:
        guard.trip(rec, decode.__name__, err)  # pyright: ignore[reportArgumentType] - the recorder is Killable
        return None


# --------------------------------------------------------------------------- decoders
# One per event, named after it (the guard's warning names it too); the hooks name
# them directly, so the fault tests find each as the work behind its hook.
def widget_changed(rec: SessionListener, inner: Any, widget_id: str) -> str | None:
    return rec.on_widget_changed(widget_id, widget_key_of(inner, widget_id), widget_value(inner, widget_id),
                                 is_panel_widget(inner, widget_id))


def browser_values_applied(rec: SessionListener, inner: Any) -> None:
    rec.on_browser_values_applied()


def _callback(inner: Any, fn: Any, widget_id: str | None) -> Callback:
    return Callback(callback_name(fn) if fn is not None else None, widget_id,
                    widget_key_of(inner, widget_id) if widget_id is not None else None,
                    bool(getattr(fn, "_ssd_panel", False)))


def callback_pending(rec: SessionListener, inner: Any, fn: Any, widget_id: str | None) -> None:
    callback = _callback(inner, fn, widget_id)
    request = widget_value(inner, widget_id) if callback.panel and widget_id is not None else None
    rec.on_callback_pending(callback, request)


def callback_start(rec: SessionListener, inner: Any, run: Any) -> Any:
    fn, widget_id = callback_target(inner, run)
    return rec.on_callback_start(_callback(inner, fn, widget_id))


def callback_end(rec: SessionListener, inner: Any, token: Any) -> None:
    rec.on_callback_end(token)


def widget_will_default(rec: SessionListener, inner: Any, widget_id: str | None, user_key: str, frame: Any) -> str | None:
    return rec.on_widget_will_default(widget_id, user_key, CreationFrame(frame).user_site())


def widget_registered(rec: SessionListener, inner: Any, widget_id: str | None, user_key: str | None, existed: bool,
                      frame: Any) -> None:
    if widget_id is None:
        return
    value = NOVAL
    if user_key is not None and not existed and has_key_raw(inner, user_key, widget_id):
        value = raw_value(inner, user_key)
    rec.on_widget_registered(widget_id, user_key, existed, is_panel_widget(inner, widget_id), value, CreationFrame(frame))


def widget_rules(rec: SessionListener, inner: Any, default_value: Any, key: str, writes_allowed: bool,
                 frame: Any) -> bool:
    set_this_run = default_value is not None and writes_allowed and set_in_this_run(inner, key)
    return rec.on_widget_rules(key, default_value is not None, writes_allowed, set_this_run, CreationFrame(frame))


def value_reset(rec: SessionListener, inner: Any, key: str, value: Any, frame: Any) -> str | None:
    return rec.on_value_reset(key, value, CreationFrame(frame).user_site())


def streamlit_write(rec: SessionListener, inner: Any, key: str, value: Any, reason: str) -> None:
    rec.on_streamlit_write(key, value, reason)


def streamlit_delete(rec: SessionListener, inner: Any, key: str, reason: str) -> None:
    rec.on_streamlit_delete(key, reason)


def run_flag(rec: SessionListener, inner: Any, ran_without_errors: bool) -> None:
    rec.on_run_flag(ran_without_errors)


def finish_start(rec: SessionListener, inner: Any, remove_stale: bool) -> Any:
    return rec.on_finish_start(remove_stale)


def keys_before_cleanup(rec: SessionListener, inner: Any) -> set[str]:
    """The user keys before Streamlit's widget cleanup (read only for a recorded session)."""
    return user_keys(inner)


def cleanup_done(rec: SessionListener, inner: Any, before: set[str] | None, active_ids: frozenset[str]) -> None:
    if before is None:
        return
    rec.on_cleanup_done(before - user_keys(inner), active_ids)


def finish_end(rec: SessionListener, inner: Any, token: Any, remove_stale: bool) -> None:
    rec.on_finish_end(token, remove_stale)


def after_body(rec: SessionListener, inner: Any, ctx: Any) -> None:
    rec.after_body(ctx)
