"""H2, the per-session hooks: a ``SessionState`` subclass for each enabled session.

Stage: **record** (entry points from Streamlit). Browser widget values, callbacks,
widget defaults, Streamlit's own cleanup and the end of each run's body are seen
here. Every override hands Streamlit's arguments on unchanged (``*args, **kwargs``)
and reads what it needs inside the guard; an override whose hook point failed the
start-up probe is not installed at all.
"""

from __future__ import annotations

from typing import Any

from .. import guard
from . import proxy as _proxy
from .names import (
    CORE,
    SessionState,
)
from .names import (
    CTX_ATTR as SCRIPT_RUN_CONTEXT_ATTR_NAME,
)
from .names import (
    RUN_FLAG_KEY as _RUN_FLAG_KEY,
)
from .names import (
    get_ident as _get_ident,
)
from .names import (
    getframe as _getframe,
)
from .names import (
    ss_module as _ss_module,
)
from .names import (
    thread_by_ident as _thread_by_ident,
)
from .notify import (
    after_body,
    browser_values_applied,
    callback_end,
    callback_pending,
    callback_start,
    cleanup_done,
    finish_end,
    finish_start,
    keys_before_cleanup,
    run_flag,
    streamlit_delete,
    streamlit_write,
    tell,
    value_reset,
    widget_changed,
    widget_registered,
    widget_will_default,
)
from .probe import probe
from .proxy import _break, _contained
from .relabel import _hide_own_frame
from .state import drop_browser_value, has_key_raw

__all__ = ["_hide_own_frame"]  # the relabelled code below names it


class SessionHooks:
    """Mixin placed in front of ``SessionState`` for one enabled session.

    The recorder lives on the per-session subclass (``_ssd_recorder``): the dataclass
    has slots and no weakref support, so the class is the only place to hang it.
    """

    __slots__ = ()
    _ssd_recorder: Any = None
    #: False when the probe left ``on_script_finished`` out (see ``__setitem__``).
    _ssd_cleanup_hooked = True

    def _widget_changed(self, *args: Any, **kwargs: Any) -> bool:
        changed = SessionState._widget_changed(self, *args, **kwargs)  # type: ignore[arg-type]
        if changed:
            widget_id = _arg(self, args, kwargs, 0, "widget_id")
            stop = tell(self, widget_changed, widget_id)
            if stop:  # break_on(key, source="widget"): before any callback or script line,
                _contained(self, "break_on", drop_browser_value, self, widget_id)  # and the value
                _break(stop)
        return changed

    def _run_callback_and_record_rerun(self, *args: Any, **kwargs: Any) -> None:
        token = tell(self, callback_start, _arg(self, args, kwargs, 1, "run"))
        try:
            SessionState._run_callback_and_record_rerun(self, *args, **kwargs)  # type: ignore[arg-type]
        finally:
            tell(self, callback_end, token)

    def _execute_widget_callback(self, *args: Any, **kwargs: Any) -> None:
        metadata = _arg(self, args, kwargs, 2, "cb_metadata")
        tell(self, callback_pending, _arg(self, args, kwargs, 1, "callback_fn"),
             getattr(metadata, "id", None))
        SessionState._execute_widget_callback(self, *args, **kwargs)  # type: ignore[arg-type]

    def register_widget(self, *args: Any, **kwargs: Any) -> Any:
        wid = getattr(_arg(self, args, kwargs, 0, "metadata"), "id", None)
        user_key = _arg(self, args, kwargs, 1, "user_key")
        before = user_key is not None and bool(_contained(self, "widget registration", has_key_raw, self, user_key, wid))
        if _proxy._breaks_armed and user_key is not None and not before:
            stop = tell(self, widget_will_default, wid, user_key, _getframe(1))
            if stop:  # break_on(key, source="streamlit"): at the line creating the widget, before its default lands
                _break(stop)
        result = SessionState.register_widget(self, *args, **kwargs)  # type: ignore[arg-type]
        tell(self, widget_registered, wid, user_key, before, _getframe(1))
        return result

    def reset_state_value(self, *args: Any, **kwargs: Any) -> None:
        user_key = _arg(self, args, kwargs, 0, "user_key")
        value = _arg(self, args, kwargs, 1, "value")
        if _proxy._breaks_armed and user_key is not None:
            stop = tell(self, value_reset, user_key, value, _getframe(1))
            if stop:  # break_on(key, source="streamlit"): before Streamlit's correction lands
                _break(stop)
        SessionState.reset_state_value(self, *args, **kwargs)  # type: ignore[arg-type]
        tell(self, streamlit_write, user_key, value,
             f"Streamlit reset the value of widget '{user_key}'")

    def on_script_will_rerun(self, *args: Any, **kwargs: Any) -> None:
        SessionState.on_script_will_rerun(self, *args, **kwargs)  # type: ignore[arg-type]
        tell(self, browser_values_applied)

    def _remove_stale_widgets(self, *args: Any, **kwargs: Any) -> None:
        before = tell(self, keys_before_cleanup)
        SessionState._remove_stale_widgets(self, *args, **kwargs)  # type: ignore[arg-type]
        tell(self, cleanup_done, before, _arg(self, args, kwargs, 0, "active_widget_ids"))

    def on_script_finished(self, *args: Any, **kwargs: Any) -> None:
        remove_stale = _arg(self, (), kwargs, 0, "remove_stale_widgets", True)
        token = tell(self, finish_start, remove_stale)
        SessionState.on_script_finished(self, *args, **kwargs)  # type: ignore[arg-type]
        tell(self, finish_end, token, remove_stale)

    def maybe_check_serializable(self, *args: Any, **kwargs: Any) -> None:
        # Called at the end of every run's body (fragment runs included), inside
        # Streamlit's error handling: where the panel is rendered.
        SessionState.maybe_check_serializable(self, *args, **kwargs)  # type: ignore[arg-type]
        ctx = getattr(_thread_by_ident(_get_ident()), SCRIPT_RUN_CONTEXT_ATTR_NAME, None)
        if ctx is not None:
            tell(self, after_body, ctx)

    def __setitem__(self, user_key: str, value: Any) -> None:
        SessionState.__setitem__(self, user_key, value)  # type: ignore[arg-type]
        if user_key == _RUN_FLAG_KEY:
            # ScriptRunner stores "ran without errors" right after every run: the end
            # of the run that enable() was first called in, which H3 did not wrap.
            tell(self, run_flag, bool(value))
            if not self._ssd_cleanup_hooked:  # no on_script_finished hook: the run ends with its flag
                tell(self, finish_end, tell(self, finish_start, True), True)
            return
        if getattr(_thread_by_ident(_get_ident()), SCRIPT_RUN_CONTEXT_ATTR_NAME, None) is None and not _ss_module._is_internal_key(user_key):
            tell(self, streamlit_write, user_key, value,
                 "set outside a script run (AppTest or a thread without a script context)")

    def __delitem__(self, key: str) -> None:
        SessionState.__delitem__(self, key)  # type: ignore[arg-type]
        if getattr(_thread_by_ident(_get_ident()), SCRIPT_RUN_CONTEXT_ATTR_NAME, None) is None:
            tell(self, streamlit_delete, key,
                 "deleted outside a script run (AppTest or a thread without a script context)")


#: The feature each override serves (names.FEATURES): an override whose hook point
#: failed the probe is left out of the session's class, so Streamlit's own method runs.
METHOD_FEATURES = {
    "_widget_changed": "browser", "on_script_will_rerun": "browser",
    "_run_callback_and_record_rerun": "callbacks", "_execute_widget_callback": "callbacks",
    "register_widget": "widgets", "reset_state_value": "widgets",
    "_remove_stale_widgets": "cleanup", "on_script_finished": "cleanup",
    "maybe_check_serializable": "panel", "__setitem__": CORE, "__delitem__": CORE,
}


def _arg(inner: Any, args: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str, default: Any = None) -> Any:
    """An argument Streamlit passed to an override, by position or by keyword.

    Overrides take ``*args, **kwargs`` and hand them to Streamlit unchanged, so a
    release that adds or moves a parameter never breaks Streamlit's own call; what
    the debugger needs is read here, inside the guard.
    """
    try:
        return args[index] if len(args) > index else kwargs.get(name, default)
    except Exception as err:
        guard.trip(recorder_of(inner), "arguments", err)
        return default


def attach(inner: SessionState, recorder: Any) -> None:
    """Give one session's SessionState its own subclass carrying ``recorder``."""
    if type(inner) is not SessionState:
        type(inner)._ssd_recorder = recorder  # pyright: ignore[reportAttributeAccessIssue] - re-enable: reuse the subclass
        return
    cls = type("SessionState", (_hooks_class(), SessionState), {"__slots__": (), "_ssd_recorder": recorder})
    cls.__module__ = SessionState.__module__
    inner.__class__ = cls


_hooks_classes: dict[frozenset[str], type] = {}


def _hooks_class() -> type:
    """SessionHooks with only the overrides whose feature the probe kept."""
    off = frozenset(probe().off)
    if not off:
        return SessionHooks
    cls = _hooks_classes.get(off)
    if cls is None:
        kept = {name: fn for name, fn in vars(SessionHooks).items() if METHOD_FEATURES.get(name) not in off
                and (name in METHOD_FEATURES or not callable(fn))}
        kept.pop("__dict__", None)
        kept.pop("__weakref__", None)
        kept["_ssd_cleanup_hooked"] = "on_script_finished" in kept
        cls = _hooks_classes[off] = type("SessionHooks", (), {**kept, "__slots__": ()})
    return cls


def detach(inner: SessionState) -> None:
    """Put the session back on the plain SessionState (the subclass is then collected)."""
    if type(inner) is not SessionState and isinstance(inner, SessionState):
        type(inner)._ssd_recorder = None  # pyright: ignore[reportAttributeAccessIssue] - our subclass
        inner.__class__ = SessionState


def recorder_of(inner: Any) -> Any:
    """The recorder attached to ``inner``'s session (dead or alive), or None."""
    return getattr(type(inner), "_ssd_recorder", None)

