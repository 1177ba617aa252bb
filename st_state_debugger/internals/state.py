"""Reading one session's state and its run: context, stores, widgets, pages, fragments.

Stage: **record**. Every read of Streamlit's ``SessionState`` stores and of the
``ScriptRunContext`` goes through here, without side effects (no deserialization,
no ``__getitem__``). Where Streamlit offers a public accessor
(``get_widget_metadata``, ``get_widget_id_from_key``: 1.67+) it is used.
"""

from __future__ import annotations

import functools
import os
import threading
from typing import Any

from .names import (
    BUF as _BUF,
)
from .names import (
    CTX_ATTR as SCRIPT_RUN_CONTEXT_ATTR_NAME,
)
from .names import (
    GENERATED_ELEMENT_ID_PREFIX,
    SessionState,
    Value,
    is_element_id,
    is_keyed_element_id,
)
from .names import (
    RERUN as _RERUN,
)
from .names import (
    ss_module as _ss_module,
)
from .values import NOT_READ, NOVAL

__all__ = ["NOT_READ", "NOVAL"]

_current_thread = threading.current_thread
#: Streamlit 1.67's public accessors, preferred when present (same results as the stores).
_PUBLIC_METADATA = callable(getattr(SessionState, "get_widget_metadata", None))
_PUBLIC_ID_FROM_KEY = callable(getattr(SessionState, "get_widget_id_from_key", None))
_TRIGGER_TYPES = frozenset({"trigger_value", "json_trigger_value", "string_trigger_value", "chat_input_value"})


def current_ctx() -> Any:
    """The running ScriptRunContext, or None (bare ``python app.py``, foreign thread)."""
    return getattr(_current_thread(), SCRIPT_RUN_CONTEXT_ATTR_NAME, None)


def inner_state(ctx: Any) -> SessionState:
    """The per-session ``SessionState`` (lives as long as the browser session)."""
    return ctx.session_state._state


def run_buffer(ctx: Any) -> Any:
    return ctx.__dict__.get(_BUF)


def set_run_buffer(ctx: Any, buf: Any) -> None:
    if buf is None:
        ctx.__dict__.pop(_BUF, None)
    else:
        ctx.__dict__[_BUF] = buf


def applies_browser_values(rerun_data: Any) -> bool:
    """Will this run apply browser widget values (and compact the state) before the
    script? Not for ``st.rerun()``: then values set before the run reach the widgets."""
    return any(getattr(rerun_data, name, None) is not None
               for name in ("widget_states", "replay_trigger_states", "replay_trigger_values"))


def set_in_this_run(inner: SessionState, user_key: str) -> bool:
    """Was ``user_key`` set through session state since the run's values were applied
    (what makes Streamlit prefer it over a widget's ``value=``)?"""
    return inner.is_new_state_value(user_key)


def rerun_data_of(ctx: Any) -> Any:
    return ctx.__dict__.get(_RERUN)


def page_of(ctx: Any) -> tuple[str | None, str | None]:
    """(page_script_hash, page name) of the page this run executes."""
    page_hash = getattr(ctx, "page_script_hash", None)
    name = None
    try:
        pages = ctx.pages_manager.get_pages()
        info = pages.get(page_hash) if page_hash else None
        if info:
            name = info.get("page_name") or info.get("url_pathname")
    except Exception:
        name = None
    return page_hash, name




def main_script_dir(ctx: Any) -> str | None:
    try:
        return os.path.dirname(os.path.abspath(ctx.pages_manager.main_script_path))
    except Exception:
        return None


def fragment_name(runner: Any, fragment_id: str) -> str | None:
    """The user's function name of a fragment, read from Streamlit's wrapper closure."""
    try:
        wrapped = runner._fragment_storage.lookup(fragment_id)
        code = wrapped.__code__
        for name, cell in zip(code.co_freevars, wrapped.__closure__ or ()):
            if name == "non_optional_func":
                return cell.cell_contents.__qualname__
        return getattr(wrapped, "__qualname__", None)
    except Exception:
        return None


def widget_key_of(inner: SessionState, widget_id: str) -> str | None:
    """The user key of a widget id, or None for keyless and internal widgets."""
    if not is_keyed_element_id(widget_id) and is_element_id(widget_id):
        return None
    if _ss_module._is_internal_key(widget_id):
        return None
    return inner._key_id_mapper.id_key_mapping.get(widget_id)


def widget_value_type(inner: SessionState, widget_id: str) -> str | None:
    meta = widget_metadata(inner, widget_id)
    return getattr(meta, "value_type", None)


def is_trigger_widget(inner: SessionState, widget_id: str) -> bool:
    return widget_value_type(inner, widget_id) in _TRIGGER_TYPES


def trigger_widget_keys(inner: SessionState) -> set[str]:
    """User keys of buttons and other trigger widgets: Streamlit resets their values
    itself between runs, so a change there is never the app's in-place mutation."""
    keys = set()
    for wid, meta in inner._new_widget_state.widget_metadata.items():
        if getattr(meta, "value_type", None) in _TRIGGER_TYPES:
            key = inner._key_id_mapper.id_key_mapping.get(wid)
            if key is not None:
                keys.add(key)
    return keys




_MISSING = object()
_ELEMENT_PREFIX = GENERATED_ELEMENT_ID_PREFIX
_INTERNAL_PREFIX = _ss_module.STREAMLIT_INTERNAL_KEY_PREFIX


def raw_value(inner: SessionState, user_key: str) -> Any:
    """A user key's value as ``st.session_state[key]`` would give it, without side effects.

    Serialized browser values are never deserialized here (chat_input deserialization
    consumes uploads); such an entry reads as :data:`NOT_READ`.
    """
    try:
        return inner._new_session_state[user_key]
    except KeyError:
        pass
    wid: Any = inner._key_id_mapper.get_id_from_key(user_key, user_key)
    entry = inner._new_widget_state.states.get(wid)
    if entry is not None:
        return entry.value if isinstance(entry, Value) else NOT_READ
    value = inner._old_state.get(wid, _MISSING)
    if value is _MISSING:
        value = inner._old_state.get(user_key, _MISSING)
    return value




def user_keys(inner: SessionState) -> set[str]:
    """User-visible keys (as ``st.session_state`` lists them), read without ``__getitem__``:
    the keys :func:`user_state` gives, without reading a value. It runs twice per
    rerun, around Streamlit's widget cleanup, to see what the cleanup removed.

    Every candidate comes from one of the three stores and so has a value there:
    a user key from ``_new_session_state`` or ``_old_state``, a widget id from the
    widget states or ``_old_state``, where :func:`user_state` finds it again.

    The filter below is :func:`user_state`'s, written out again on purpose: one
    generator serving both costs ``user_state`` 15% (3 µs at 30 keys, 50 µs at
    1,000), and ``set(user_state(...))`` costs this 1.6x. Change both together;
    ``tests/apptest/test_user_keys.py`` checks they agree.
    """
    key_id = inner._key_id_mapper._key_id_mapping
    id_key = inner._key_id_mapper.id_key_mapping
    keys: set[str] = set()
    for k in (*inner._old_state, *inner._new_session_state, *inner._new_widget_state.states):
        if k.startswith(_ELEMENT_PREFIX):
            if k.endswith("-None") or k.startswith(_INTERNAL_PREFIX):
                continue
            user = id_key.get(k)
            if user is not None:
                keys.add(user)
        elif not key_id.get(k, k).startswith(_INTERNAL_PREFIX):
            keys.add(k)
    return keys


def user_state(inner: SessionState) -> dict[str, Any]:
    """User-visible key → value, as at the end of a run (each value as :func:`raw_value`
    reads it), in one pass over Streamlit's three stores: this runs at the end of
    every rerun."""
    new_ss = inner._new_session_state
    states = inner._new_widget_state.states
    old = inner._old_state
    key_id = inner._key_id_mapper._key_id_mapping
    id_key = inner._key_id_mapper.id_key_mapping
    state: dict[str, Any] = {}
    for k in (*old, *new_ss, *states):
        if k.startswith(_ELEMENT_PREFIX):
            if k.endswith("-None") or k.startswith(_INTERNAL_PREFIX):
                continue
            user = id_key.get(k)
            if user is None:
                continue
            wid = k
        else:
            user = k
            wid = key_id.get(k, k)
            if wid.startswith(_INTERNAL_PREFIX):
                continue
        if user in state:
            continue
        if user in new_ss:
            value = new_ss[user]
        else:
            entry = states.get(wid)
            if entry is not None:
                value = entry.value if isinstance(entry, Value) else NOT_READ
            else:
                value = old.get(wid, _MISSING)
                if value is _MISSING:
                    value = old.get(user, _MISSING)
                    if value is _MISSING:
                        continue
        state[user] = value
    return state


def has_key_raw(inner: SessionState, user_key: str, widget_id: str) -> bool:
    return (
        user_key in inner._new_session_state
        or widget_id in inner._new_widget_state.states
        or widget_id in inner._old_state
        or user_key in inner._old_state
    )


def key_widget_id(inner: SessionState, user_key: str) -> str | None:
    if _PUBLIC_ID_FROM_KEY:
        return inner.get_widget_id_from_key(user_key)  # type: ignore[no-any-return]
    return inner._key_id_mapper.get_id_from_key(user_key, None)


def widget_metadata(inner: SessionState, widget_id: str) -> Any:
    """A widget's metadata (callbacks, value type), or None: the public accessor when
    this Streamlit has one, else the store it reads."""
    if _PUBLIC_METADATA:
        return inner.get_widget_metadata(widget_id)
    return inner._new_widget_state.widget_metadata.get(widget_id)


def recorder_of_apptest(app_test: Any) -> Any:
    """The recorder of an ``AppTest`` session (None if the app never enabled it)."""
    safe = getattr(app_test, "_session_state", None)  # AppTest wraps one SessionState per instance
    inner = getattr(safe, "_state", safe)
    return getattr(type(inner), "_ssd_recorder", None)


def callback_target(inner: SessionState, run: Any) -> tuple[Any, str | None]:
    """(callback function, widget id) behind Streamlit's ``run`` partial (path 1)."""
    if isinstance(run, functools.partial) and getattr(run.func, "__name__", "") == "call_callback" and run.args:
        wid = run.args[0]
        meta = widget_metadata(inner, wid)
        return getattr(meta, "callback", None), wid
    return None, None


def callback_name(fn: Any) -> str:
    while isinstance(fn, functools.partial):
        fn = fn.func
    name = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or type(fn).__qualname__
    module = getattr(fn, "__module__", None)
    if module and module not in ("__main__",) and not module.startswith("streamlit"):
        # Scripts run by Streamlit have module "__main__"; library callbacks keep theirs.
        return f"{module}.{name}"
    return str(name)


def drop_browser_value(inner: SessionState, widget_id: str) -> None:
    """Take back the value the browser just sent for ``widget_id`` (a break_on()
    stops before it lands): the widget's value from before this run applies again."""
    inner._new_widget_state.states.pop(widget_id, None)


def widget_value(inner: SessionState, widget_id: str) -> Any:
    entry = inner._new_widget_state.states.get(widget_id)
    if isinstance(entry, Value):
        return entry.value
    return NOT_READ



def fragment_ids_this_run(ctx: Any) -> list[str]:
    return list(getattr(ctx, "fragment_ids_this_run", None) or [])


def is_panel_widget(inner: SessionState, widget_id: str) -> bool:
    """Whether ``widget_id`` is one of the panel's own widgets, by identity: the
    panel's component (and its trigger aggregator) is registered with the panel's
    callback (``sidebar.on_request``, marked ``_ssd_panel``), which no app widget
    can carry. Streamlit keeps a widget's metadata until its end-of-run cleanup."""
    metadata = widget_metadata(inner, widget_id)
    callbacks = getattr(metadata, "callbacks", None) or {}
    return any(getattr(fn, "_ssd_panel", False) for fn in callbacks.values())


def forget_panel_widget(inner: SessionState, widget_id: str) -> None:
    """Drop an old panel widget's metadata.

    Streamlit keeps a widget's metadata for the life of the session (its end-of-run
    cleanup drops stale widgets' values, not their metadata), and the panel's
    component gets a new id whenever its data changes: it has no key, so that it adds
    nothing to ``st.session_state``. Without this, two entries per rerun would pile
    up. Only a panel widget (by identity) whose value Streamlit has already dropped
    is forgotten; an app's widget never is."""
    store = inner._new_widget_state
    if widget_id not in store.states and is_panel_widget(inner, widget_id):
        store.widget_metadata.pop(widget_id, None)


def state_after_run_end(inner: SessionState, ctx: Any) -> SessionState | None:
    """A copy of the session state as Streamlit's end-of-run will leave it.

    Streamlit's own ``_reset_triggers`` and ``_remove_stale_widgets`` run on a copy
    of the stores (the values are shared, only the dicts are copied; the URL
    bindings are left out, so the copy sends nothing), with the widgets this run
    registered. The panel is drawn before that cleanup; what it shows is what the
    cleanup will do, computed by the same code on the same inputs. None when a
    store cannot be copied (the panel then shows the state as it is).
    """
    import copy

    try:
        dry = object.__new__(SessionState)
        dry._old_state = dict(inner._old_state)
        dry._new_session_state = dict(inner._new_session_state)
        widgets = copy.copy(inner._new_widget_state)
        widgets.states = dict(inner._new_widget_state.states)
        widgets.widget_metadata = dict(inner._new_widget_state.widget_metadata)
        dry._new_widget_state = widgets
        dry._key_id_mapper = _copy_of_flat(inner._key_id_mapper)
        dry.query_params = _NoQueryParams()  # pyright: ignore[reportAttributeAccessIssue] - a dry run's stand-in
        dry._query_param_bound_widget_ids = set(inner._query_param_bound_widget_ids)
        dry._persist_tracker = _copy_of_flat(inner._persist_tracker)
        dry._current_interaction_widget_states = None
        shared = getattr(ctx, "shared", None)
        ids = shared.widget_ids_this_run.snapshot() if shared is not None else frozenset(ctx.widget_ids_this_run)
        SessionState._reset_triggers(dry)
        SessionState._remove_stale_widgets(dry, frozenset(ids))
        return dry
    except Exception:
        return None


def _copy_of_flat(obj: Any) -> Any:
    """``copy.deepcopy(obj)`` for an object whose every field is a dict or set of
    strings (the key-id mapper, the persisted-widget tracker: the cleanup's dry run
    deletes from them): a new object with copies of its containers, several times
    cheaper than deepcopy's walk. Both are slotted dataclasses from 1.64 on, so the
    fields are read from ``__slots__`` as well as ``__dict__``. Anything else (a field
    this code does not know, an unset slot) is deep-copied."""
    import copy

    names = _field_names(obj)
    if names is None:
        return copy.deepcopy(obj)
    flat = (str, type(None))
    values: dict[str, Any] = {}
    for name in names:
        value = getattr(obj, name, _MISSING)
        if type(value) is dict:
            if not all(type(k) in flat and type(v) in flat for k, v in value.items()):
                return copy.deepcopy(obj)
        elif type(value) is set:
            if not all(type(k) in flat for k in value):
                return copy.deepcopy(obj)
        else:
            return copy.deepcopy(obj)
        values[name] = value
    new = copy.copy(obj)
    for name, value in values.items():
        setattr(new, name, value.copy())
    return new


def _field_names(obj: Any) -> list[str] | None:
    """The names of ``obj``'s fields: its ``__dict__`` and every ``__slots__`` entry
    of its class and bases (``__dict__``/``__weakref__`` aside); None if it has none."""
    names = list(vars(obj)) if type(getattr(obj, "__dict__", None)) is dict else []
    for cls in type(obj).__mro__:
        slots = cls.__dict__.get("__slots__", ())
        for name in (slots,) if isinstance(slots, str) else slots:
            if name not in ("__dict__", "__weakref__") and name not in names:
                names.append(name)
    return names or None


class _NoQueryParams:
    """Stands in for the URL's query params in :func:`state_after_run_end`'s copy."""

    def remove_stale_bindings(self, *args: Any, **kwargs: Any) -> None:
        return None


def current_fragment_id() -> str | None:
    """The fragment whose body is running on this thread (None outside fragments)."""
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState

        return ThreadState.get().fragment_id
    except Exception:
        return None



