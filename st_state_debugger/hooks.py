"""The ONLY module that touches Streamlit's private internals (verified on 1.67.x).

Stage: **record** (entry points). Four hooks, the first three as in shared/research/streamlit-internals.md:

* H1 — ``DebugProxy``'s methods are set on ``SessionStateProxy`` itself (restored at
  uninstall), so ``type(st.session_state) is SessionStateProxy`` stays true and no
  attribute name is added. Every user operation passes through them, then through
  the recorder of the session that is running (none: one ``None`` check).
* H2 — each enabled session's ``SessionState`` gets its own ``__slots__ = ()``
  subclass carrying its recorder: browser widget values, callbacks, widget
  defaults and Streamlit's own cleanup are seen there.
* H3 — ``script_runner.exec_func_with_error_handling`` is wrapped: run start (before
  callbacks), the ``RerunData`` and the outcome.
* H4 — ``policies.check_session_state_rules`` is wrapped: keyed widgets whose value
  may not be set (buttons, uploaders: time travel skips them) and widgets given both
  ``value=`` and a session-state value (a warning).

Every override calls the original first (H4 looks before it, as the original may
raise), and the app's own exceptions propagate as the very same objects. Each hook's
code is recompiled from its source at import with a handler that drops the hook's
own frame from an exception leaving it (_hide_own_frame), so the page, the server
log and the app's ``traceback.format_exc()`` show the native frames.
"""

from __future__ import annotations

import datetime
import decimal
import dis
import functools
import os
import sys
import threading
import uuid
from collections.abc import ItemsView, KeysView, MutableMapping, ValuesView
from typing import Any, Callable

import streamlit
from streamlit.elements.lib import policies as _policies
from streamlit.runtime.scriptrunner import script_runner as _script_runner
from streamlit.runtime.scriptrunner_utils.script_run_context import SCRIPT_RUN_CONTEXT_ATTR_NAME
from streamlit.commands import execution_control as _execution_control
from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequests as _ScriptRequests
from streamlit.runtime.state import session_state as _ss_module
from streamlit.runtime.state.common import GENERATED_ELEMENT_ID_PREFIX, is_element_id, is_keyed_element_id
from streamlit.runtime.state.session_state import SessionState, Value
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.metrics_util import gather_metrics
from streamlit.runtime.state.session_state_proxy import SessionStateProxy, _missing_attr_error_message

from . import guard

#: Streamlit releases whose internals these hooks were verified against.
#: MUST stay in sync with the streamlit range in pyproject.toml.
SUPPORTED_STREAMLIT = ">=1.67,<1.68"
_SUPPORTED = ((1, 67), (1, 68))

ENV_AUTO_ENABLE = "ST_STATE_DEBUGGER"  # "1": enable every session (set by the CLI)
_BUF = "_ssd_run"  # attribute on a ScriptRunContext: the RunBuffer of that run
_RUN_FLAG_KEY = getattr(_script_runner, "SCRIPT_RUN_WITHOUT_ERRORS_KEY", "$$STREAMLIT_INTERNAL_KEY_SCRIPT_RUN_WITHOUT_ERRORS")
_RERUN = "_ssd_rerun_data"  # attribute on a ScriptRunContext: its RerunData
_STREAMLIT_DIR = os.path.dirname(streamlit.__file__)
#: The file the hooks' frames name: this one (a real file, so a stack that shows one
#: names a file that exists; exceptions leaving a hook never show it, see _hide_own_frame).
_SHIM_FILE = os.path.abspath(__file__)
_OWN_DIR = os.path.dirname(os.path.abspath(__file__))


def _library_dirs() -> tuple[str, ...]:
    """Where the standard library and installed packages live: not the user's code."""
    import site
    import sysconfig

    dirs = {sysconfig.get_paths().get(name) for name in ("stdlib", "platstdlib", "purelib", "platlib")}
    try:
        dirs.update(site.getsitepackages())
        dirs.add(site.getusersitepackages())
    except Exception:
        pass
    return tuple(sorted(os.path.join(d, "") for d in dirs if d))


_LIBRARY_DIRS = _library_dirs()
_current_thread = threading.current_thread
# The hot path finds the running thread with two C calls instead of the
# pure-Python threading.current_thread() (~70 ns of a ~500 ns budget).
_thread_by_ident = threading._active.get  # type: ignore[attr-defined]
_get_ident = threading.get_ident
_getframe = sys._getframe

_TRIGGER_TYPES = frozenset({"trigger_value", "json_trigger_value", "string_trigger_value", "chat_input_value"})
_LOAD_ATTR_OPS = frozenset(op for name, op in dis.opmap.items() if name.startswith("LOAD_ATTR") or name == "LOAD_METHOD")


def streamlit_version_supported(version: str | None = None) -> bool:
    """True if ``version`` (default: the installed one) is in :data:`SUPPORTED_STREAMLIT`."""
    parts = (version or streamlit.__version__).split(".")
    try:
        major_minor = (int(parts[0]), int(parts[1]))
    except (ValueError, IndexError):
        return False
    return _SUPPORTED[0] <= major_minor < _SUPPORTED[1]


def missing_internals() -> list[str]:
    """Names these hooks rely on that this Streamlit does not have (empty when fine)."""
    needed = {
        SessionState: (
            "_widget_changed", "_run_callback_and_record_rerun", "_execute_widget_callback",
            "on_script_finished", "_remove_stale_widgets", "register_widget", "reset_state_value",
            "_keys", "_new_session_state", "_new_widget_state", "_old_state", "_key_id_mapper",
            "on_script_will_rerun", "is_new_state_value",
        ),
        SessionStateProxy: ("__getitem__", "__setitem__", "__delitem__", "__getattr__", "to_dict"),
    }
    missing = [f"{cls.__name__}.{name}" for cls, names in needed.items() for name in names if not hasattr(cls, name)]
    if not hasattr(_script_runner, "exec_func_with_error_handling"):
        missing.append("script_runner.exec_func_with_error_handling")
    if not hasattr(_policies, "check_session_state_rules"):
        missing.append("policies.check_session_state_rules")
    return missing


# --------------------------------------------------------------------------- context
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
    meta = inner._new_widget_state.widget_metadata.get(widget_id)
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
#: "This event carries no value" (a miss, a delete, a membership test): not None,
#: which is a value an app may store.
NOVAL = object()


def raw_value(inner: SessionState, user_key: str) -> Any:
    """A user key's value as ``st.session_state[key]`` would give it, without side effects.

    Serialized browser values are never deserialized here (chat_input deserialization
    consumes uploads); such an entry reads as :data:`NOT_READ`.
    """
    try:
        return inner._new_session_state[user_key]
    except KeyError:
        pass
    wid = inner._key_id_mapper.get_id_from_key(user_key, user_key)
    entry = inner._new_widget_state.states.get(wid)
    if entry is not None:
        return entry.value if isinstance(entry, Value) else NOT_READ
    value = inner._old_state.get(wid, _MISSING)
    if value is _MISSING:
        value = inner._old_state.get(user_key, _MISSING)
    return value


class _NotRead:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<browser value not yet read>"


NOT_READ = _NotRead()


def user_keys(inner: SessionState) -> set[str]:
    """User-visible keys (as ``st.session_state`` lists them), read without ``__getitem__``."""
    return set(user_state(inner))


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
    return inner._key_id_mapper.get_id_from_key(user_key, None)


def recorder_of_apptest(app_test: Any) -> Any:
    """The recorder of an ``AppTest`` session (None if the app never enabled it)."""
    safe = getattr(app_test, "_session_state", None)  # AppTest wraps one SessionState per instance
    inner = getattr(safe, "_state", safe)
    return getattr(type(inner), "_ssd_recorder", None)


# --------------------------------------------------------------------------- frames
#: id(code) -> "is not the user's code". Keyed by id because hashing a code object
#: rehashes its bytecode (~0.7 µs); the code objects are pinned in ``_pinned`` so an
#: id can never be reused by another code object while it is cached.
_internal_ids: dict[int, bool] = {}
_pinned: list[Any] = []
#: App directories (set from the running script): always user code, even inside a venv.
_APP_DIRS: tuple[str, ...] = ("\0",)


def add_app_dir(path: str | None) -> None:
    global _APP_DIRS
    if path and not path.startswith(_LIBRARY_DIRS + (_STREAMLIT_DIR, _OWN_DIR)):
        entry = os.path.join(path, "")
        if entry not in _APP_DIRS:
            _APP_DIRS = _APP_DIRS + (entry,)
            _internal_ids.clear()
            _pinned.clear()


def _classify(code: Any) -> bool:
    name = code.co_filename
    # The user's line is the nearest frame that is neither Streamlit, this package,
    # the standard library nor an installed package: a library that reads
    # st.session_state on the app's behalf is attributed to the app's call.
    # This package is never the app's, even when the app's folder contains it (an
    # app next to a source checkout of the debugger).
    hit = name.startswith(_OWN_DIR + os.sep) or (
        name.startswith(_STREAMLIT_DIR)
        or name.startswith(_LIBRARY_DIRS)
        or name.startswith("<frozen")
    ) and not name.startswith(_APP_DIRS)
    if len(_pinned) > 20_000:
        _internal_ids.clear()
        _pinned.clear()
    _pinned.append(code)
    _internal_ids[id(code)] = hit
    return hit


def _is_internal(code: Any) -> bool:
    hit = _internal_ids.get(id(code))
    return _classify(code) if hit is None else hit


def user_frame(frame: Any) -> Any:
    """The first frame from ``frame`` upward that is the user's code (or None)."""
    while frame is not None and _is_internal(frame.f_code):
        frame = frame.f_back
    return frame


def widget_proto(frame: Any, widget_id: Any, depth: int = 6) -> Any:
    """The element proto Streamlit is registering as ``widget_id``, or None.

    ``widgets.register_widget`` "should be called after the proto has been filled",
    so a widget's implementation (``_text_input``…) holds its proto in a local whose
    ``id`` is the widget id: Streamlit's own data, whichever helper (a UI kit's
    ``secret_input(label, key)``) called the public function. Only Streamlit's frames
    from the registration up are read. Never raises.
    """
    try:
        from google.protobuf.message import Message

        for _ in range(depth):
            if frame is None or not frame.f_code.co_filename.startswith(_STREAMLIT_DIR):
                return None
            for value in frame.f_locals.values():
                if isinstance(value, Message) and getattr(value, "id", None) == widget_id:
                    return value
            frame = frame.f_back
    except Exception:
        pass
    return None


def is_password_proto(proto: Any) -> bool:
    """True for the proto of ``st.text_input(type="password")``."""
    try:
        from streamlit.proto.TextInput_pb2 import TextInput

        return type(proto) is TextInput and proto.type == TextInput.PASSWORD
    except Exception:
        return False


def widget_site(frame: Any, widget_id: Any = None) -> dict[str, Any]:
    """What a widget registration's call stack says: user site, widget type, label,
    form, password (from the registered proto when ``widget_id`` is given). Read
    once per widget id; never raises."""
    info: dict[str, Any] = {"code": None, "lasti": -1, "widget": None, "label": None, "form": None, "secret": False,
                            "proto": None}
    try:
        if widget_id is not None:
            proto = widget_proto(frame, widget_id)
            info["proto"] = type(proto).__name__ if proto is not None else None
            info["secret"] = is_password_proto(proto)
        chain = []
        while frame is not None and _is_internal(frame.f_code):
            chain.append(frame)
            frame = frame.f_back
        if frame is not None:
            info["code"], info["lasti"] = frame.f_code, frame.f_lasti
        for f in reversed(chain):  # nearest to the user first
            code = f.f_code
            if code.co_name.startswith("_") or code.co_name == "wrapped_func":
                continue
            if "label" in code.co_varnames and info["widget"] is None:
                loc = f.f_locals
                info["widget"] = code.co_name
                label = loc.get("label")
                info["label"] = label if isinstance(label, str) else None
                if code.co_name == "text_input" and loc.get("type") == "password":
                    info["secret"] = True
                break
        for f in chain:  # the private implementation knows the form id
            if f.f_code.co_name == "_form_submit_button":
                form_id = f.f_locals.get("form_id")
                info["form"] = form_id if isinstance(form_id, str) and form_id else "form"
                break
    except Exception:
        pass
    return info


def code_line(code: Any, lasti: int) -> int | None:
    """Line of the instruction at byte offset ``lasti`` (resolved lazily, at run end)."""
    if code is None:
        return None
    for start, end, line in code.co_lines():
        if start <= lasti < end:
            return line
    return code.co_firstlineno


def is_attribute_access(code: Any, lasti: int) -> bool:
    """True if the instruction at ``lasti`` is ``obj.attr`` (not ``hasattr``/``getattr``)."""
    try:
        return code.co_code[lasti] in _LOAD_ATTR_OPS
    except Exception:
        return True


# --------------------------------------------------------------------------- H1: proxy
_ssp_getitem = SessionStateProxy.__getitem__
_ssp_setitem = SessionStateProxy.__setitem__
_ssp_delitem = SessionStateProxy.__delitem__
_ssp_delattr = SessionStateProxy.__delattr__
_ssp_iter = SessionStateProxy.__iter__
_ssp_len = SessionStateProxy.__len__
_ssp_str = SessionStateProxy.__str__
_ssp_to_dict = SessionStateProxy.to_dict
# ``ss.x = v`` natively is gather_metrics("session_state.set_attr") around ``self[k] = v``.
# Re-entering our own __setitem__ would pay the hook twice, so the same telemetry
# wrapper is built around the original item setter instead.
_ssp_setattr_body = getattr(SessionStateProxy.__setattr__, "__wrapped__", SessionStateProxy.__setattr__)


class _NativeItems(MutableMapping):  # type: ignore[type-arg]
    """A stand-in ``self`` for Streamlit's own proxy methods: SessionStateProxy keeps
    no instance state (every method goes through get_session_state()), so its
    original methods run on this object do exactly the native work through the
    original item methods, without re-entering the recording ones."""

    __slots__ = ()
    __getitem__ = _ssp_getitem
    __setitem__ = _ssp_setitem
    __delitem__ = _ssp_delitem
    __iter__ = _ssp_iter
    __len__ = _ssp_len


_NATIVE = _NativeItems()


def _native_setattr(self: Any, key: str, value: Any) -> None:
    _ssp_setattr_body(_NATIVE, key, value)


# The same telemetry wrapper as the native ``ss.x = v``, around Streamlit's own
# ``__setattr__`` body: the frames under the app's line are the native ones.
_setattr_impl = gather_metrics("session_state.set_attr", _native_setattr)
#: Streamlit's own ``ss.key`` and ``ss.pop(key)`` run on the stand-in: they raise
#: exactly the native exception, chained and with the native frames (the
#: ``<frozen _collections_abc>`` frame of ``pop`` included), and record nothing.
#: C-level partials: calling one adds no frame of its own.
_native_getattr = functools.partial(SessionStateProxy.__getattr__, _NATIVE)
_native_pop = functools.partial(MutableMapping.pop, _NATIVE)
_mm_update = MutableMapping.update
_mm_clear = MutableMapping.clear
_mm_popitem = MutableMapping.popitem


def _unwrap(fn: Any) -> Any:
    return getattr(fn, "__wrapped__", fn)


#: Streamlit/stdlib code whose inner item accesses are part of one outer operation
#: that the outer override records itself (``ss.x`` → ``ss["x"]``, ``items()`` → reads).
_SKIP_CALLERS = frozenset(
    id(_unwrap(f).__code__)
    for f in (
        SessionStateProxy.__getattr__, SessionStateProxy.__setattr__, SessionStateProxy.__delattr__,
        KeysView.__iter__, ItemsView.__iter__, ValuesView.__iter__, ItemsView.__contains__,
        ValuesView.__contains__, KeysView.__len__, ItemsView.__len__, ValuesView.__len__,
        MutableMapping.popitem, MutableMapping.clear,
    )
)

_marker = object()

def _record(op: str, key: Any, api: str, frame: Any, found: Any, value: Any, exc: Any = None) -> None:
    """HOT PATH: append one event tuple to the running session's RunBuffer.

    One ``None`` check when the session is not recorded. Inlined (no further call
    in the common case) because every Python call here costs ~0.1 µs against a
    native access of ~2 µs; file:line stay (code, offset) until the run ends.
    """
    ctx = getattr(_thread_by_ident(_get_ident()), SCRIPT_RUN_CONTEXT_ATTR_NAME, None)
    if ctx is None:
        return
    buf = ctx.__dict__.get(_BUF)
    if buf is None:  # a dead buffer has cap 0: its events only count as dropped
        return
    try:
        code = frame.f_code
        cid = id(code)
        if cid in _SKIP_CALLERS:
            return
        internal = _internal_ids.get(cid)
        if internal is None:
            internal = _classify(code)
        if internal:  # called through Streamlit or a library: find the user's frame
            frame = user_frame(frame.f_back)
            code = frame.f_code if frame is not None else None
        lasti = frame.f_lasti if code is not None else -1
        if value is not NOVAL and type(value) not in _ATOMS:  # what this access saw, not the run's end value
            value = at_access(value)
        if buf.last_whole is not None:
            # dict(ss) / st.write(ss): their per-key reads belong to one whole-state read
            if op == "read" and buf.last_whole == (code, lasti):
                return
            buf.last_whole = None
        events = buf.events
        if len(events) < buf.cap:
            # a failure keeps (type, args), not the exception: its traceback would keep
            # every frame it passed alive until the run ends (~2 µs per caught KeyError)
            events.append((op, key, api, buf.attr, code, lasti, found, value, exc if exc is None else (type(exc), exc.args)))
        else:
            buf.dropped += 1
    except Exception as err:
        guard.trip(buf.recorder, "recording", err)


#: Immutable values: an event may keep the object itself, it shows what the access saw.
_ATOMS = frozenset({str, int, float, bool, type(None), bytes, complex, datetime.date, datetime.datetime,
                    datetime.time, datetime.timedelta, decimal.Decimal, uuid.UUID, range})
_COPYABLE = frozenset({list, dict, set, tuple, frozenset})
#: Elements (nested ones included) copied at an access; a bigger value is summarized
#: at the end of the rerun and says so.
COPY_BUDGET = 32


class Copied(tuple):  # type: ignore[type-arg]
    """``(copy,)``: a small builtin container as an access saw it (an exact, private
    copy). A tuple subclass, so making one costs no Python-level ``__init__``."""

    __slots__ = ()


class AtEnd(tuple):  # type: ignore[type-arg]
    """``(value,)``: a value that could not be copied at its access (big, or not a
    builtin container): its summary is taken at the end of the rerun, and says so."""

    __slots__ = ()


_FAIL = object()


def at_access(value: Any) -> Any:
    """What an event keeps of a non-immutable ``value``: a :class:`Copied` for a small
    builtin container (at most :data:`COPY_BUDGET` elements in all, nested ones
    included), else an :class:`AtEnd`. Sentinels pass through. Never raises; a flat
    container of immutable values (the common case) costs one pass and a C-level copy."""
    tp = type(value)
    if tp in _COPYABLE:
        try:
            if len(value) <= COPY_BUDGET:
                copy = _flat_copy(value, tp)
                if copy is _FAIL:
                    copy = _copy_small(value, tp, [COPY_BUDGET])
                if copy is not _FAIL:
                    return Copied((copy,))
        except Exception:  # changed by another thread meanwhile
            return AtEnd((value,))
    elif value is NOVAL or value is NOT_READ:
        return value
    return AtEnd((value,))


def _flat_copy(value: Any, tp: type) -> Any:
    """A copy of a container whose elements are all immutable, else :data:`_FAIL`."""
    atoms = _ATOMS
    if tp is dict:
        for k, v in value.items():
            if type(v) not in atoms or type(k) not in atoms:
                return _FAIL
        return value.copy()
    for v in value:
        if type(v) not in atoms:
            return _FAIL
    return value if tp is tuple or tp is frozenset else value.copy()


def _copy_small(value: Any, tp: type, left: list[int]) -> Any:
    """A deep copy of nested builtin containers of immutable values within ``left[0]``
    elements in all, else :data:`_FAIL`."""
    left[0] -= len(value)
    if left[0] < 0:
        return _FAIL
    atoms = _ATOMS
    if tp is dict:
        out: dict[Any, Any] = {}
        for k, v in value.items():
            if type(k) not in atoms:
                return _FAIL
            tv = type(v)
            if tv not in atoms:
                if tv not in _COPYABLE:
                    return _FAIL
                v = _copy_small(v, tv, left)
                if v is _FAIL:
                    return _FAIL
            out[k] = v
        return out
    items = []
    for v in value:
        tv = type(v)
        if tv not in atoms:
            if tv not in _COPYABLE:
                return _FAIL
            v = _copy_small(v, tv, left)
            if v is _FAIL:
                return _FAIL
        items.append(v)
    return items if tp is list else tp(items)


#: True once any session has set a breakpoint (breakpoints.Breakpoints): until then
#: the proxy's writes skip the pre-write check with one global test.
_breaks_armed = False


def arm_breaks() -> None:
    global _breaks_armed
    _breaks_armed = True


def _break_first(key: Any, frame: Any) -> str | None:
    """The StateBreakpoint message if writing or deleting ``key`` now hits a
    ``break_on()`` of the running session, else None. Asked BEFORE the write, so a
    break leaves the state as it was; the caller raises (outside the guard)."""
    buf = _running_buffer()
    if buf is None or not buf.breaks:
        return None
    try:
        if (key if type(key) is str else str(key)) not in buf.breaks:
            return None
        frame = user_frame(frame)
        code, lasti = (frame.f_code, frame.f_lasti) if frame is not None else (None, -1)
        return buf.recorder.break_message(buf, key, code, lasti)
    except Exception as err:
        guard.trip(buf.recorder, "recording (break_on)", err)
        return None


def _break(message: str) -> None:
    from .breakpoints import StateBreakpoint

    raise StateBreakpoint(message)


def _problem(key: Any, frame: Any, exc: BaseException) -> None:
    """A write Streamlit refused (StreamlitAPIException): explained as a warning."""
    buf = _running_buffer()
    if buf is None:
        return
    try:
        buf.recorder.note_refused_write(buf, str(key), user_frame(frame), exc)
    except Exception as err:
        guard.trip(buf.recorder, "recording", err)


def _running_buffer() -> Any:
    """The live RunBuffer of the script run on this thread, or None: a dictionary
    lookup that cannot fail, so the guarded helpers below know whom to switch off."""
    ctx = getattr(_thread_by_ident(_get_ident()), SCRIPT_RUN_CONTEXT_ATTR_NAME, None)
    buf = ctx.__dict__.get(_BUF) if ctx is not None else None
    return None if buf is None or buf.dead else buf


def _keys_before_clear() -> list[str]:
    """The user keys ``clear()`` is about to delete, sorted; read inside the guard
    (reading Streamlit's stores is debugger work: a failure switches it off)."""
    buf = _running_buffer()
    if buf is None:
        return []
    try:
        return sorted(user_keys(inner_state(current_ctx())))
    except Exception as err:
        guard.trip(buf.recorder, "recording (clear)", err)
        return []


def _attr_miss(key: str, frame: Any, exc: AttributeError) -> None:
    """Record ``ss.key`` / ``hasattr`` / ``getattr(ss, key, default)`` finding nothing.

    A library probing the object is not the app's read; only ``ss.key`` in the
    app's own code raises for it (``hasattr``/``getattr`` with a default do not).
    Runs inside the guard: the caller re-raises the very same AttributeError.
    """
    buf = _running_buffer()
    if buf is None:
        return
    try:
        if _is_internal(frame.f_code):
            return
        user = user_frame(frame)
        raised = exc if user is None or is_attribute_access(user.f_code, user.f_lasti) else None
    except Exception as err:
        guard.trip(buf.recorder, "recording (attribute miss)", err)
        return
    _record("read", key, "getattr", frame, False, NOVAL, raised)


def _contained(inner: Any, stage: str, fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` for the session of ``inner``, inside the guard: None when the
    session is not recorded or ``fn`` fails (which switches the debugger off)."""
    rec = getattr(type(inner), "_ssd_recorder", None)
    if rec is None or rec.dead:
        return None
    try:
        return fn(*args)
    except Exception as err:
        guard.trip(rec, stage, err)
        return None


def _whole(api: str, frame: Any) -> None:
    ctx = getattr(_current_thread(), SCRIPT_RUN_CONTEXT_ATTR_NAME, None)
    if ctx is None:
        return
    buf = ctx.__dict__.get(_BUF)
    if buf is None or buf.dead:
        return
    try:
        if id(frame.f_code) in _SKIP_CALLERS:
            return
        buf.note_whole(api, frame)
    except Exception as err:
        guard.trip(buf.recorder, "recording", err)


class DebugProxy(SessionStateProxy):
    """``st.session_state`` with recording. Adds no attribute names (they would
    shadow keys under ``st.session_state.<name>``); ``__module__`` starts with
    ``streamlit`` so ``st.write(st.session_state)`` still renders it as a dict."""

    __slots__ = ()

    def __getitem__(self, key: Any) -> Any:
        try:
            value = _ssp_getitem(self, key)
        except KeyError as exc:
            _record("read", key, "getitem", _getframe(1), False, NOVAL, exc)
            raise
        _record("read", key, "getitem", _getframe(1), True, value)
        return value

    def __setitem__(self, key: Any, value: Any) -> None:
        if _breaks_armed and (stop := _break_first(key, _getframe(1))):
            _break(stop)  # break_on(): before the write lands
        try:
            _ssp_setitem(self, key, value)
        except StreamlitAPIException as exc:  # e.g. written after its widget was created
            _problem(key, _getframe(1), exc)
            raise
        _record("write", key, "setitem", _getframe(1), None, value)

    def __delitem__(self, key: Any) -> None:
        if _breaks_armed and (stop := _break_first(key, _getframe(1))):
            _break(stop)
        try:
            _ssp_delitem(self, key)
        except KeyError as exc:
            _record("delete", key, "delitem", _getframe(1), False, NOVAL, exc)
            raise
        _record("delete", key, "delitem", _getframe(1), True, NOVAL)

    def __getattr__(self, key: str) -> Any:
        # SessionStateProxy.__getattr__ is ``self[key]`` turning KeyError into this
        # AttributeError (with the KeyError as context); done here on the original
        # item getter so the hook runs once, with an identical exception.
        try:
            value = _native_getattr(key)
        except AttributeError as exc:
            _attr_miss(key, _getframe(1), exc)
            raise
        _record("read", key, "getattr", _getframe(1), True, value)
        return value

    def __setattr__(self, key: str, value: Any) -> None:
        if _breaks_armed and (stop := _break_first(key, _getframe(1))):
            _break(stop)
        try:
            _setattr_impl(self, key, value)
        except StreamlitAPIException as exc:
            _problem(key, _getframe(1), exc)
            raise
        _record("write", key, "setattr", _getframe(1), None, value)

    def __delattr__(self, key: str) -> None:
        if _breaks_armed and (stop := _break_first(key, _getframe(1))):
            _break(stop)
        try:
            _ssp_delattr(self, key)
        except AttributeError as exc:
            _record("delete", key, "delattr", _getframe(1), False, NOVAL, exc)
            raise
        _record("delete", key, "delattr", _getframe(1), True, NOVAL)

    def __contains__(self, key: object) -> bool:
        try:
            _ssp_getitem(self, key)
        except KeyError:
            _record("read", key, "contains", _getframe(1), False, NOVAL)
            return False
        _record("read", key, "contains", _getframe(1), True, NOVAL)
        return True

    def get(self, key: Any, default: Any = None) -> Any:
        try:
            value = _ssp_getitem(self, key)
        except KeyError:
            _record("read", key, "get", _getframe(1), False, NOVAL)
            return default
        _record("read", key, "get", _getframe(1), True, value)
        return value

    def setdefault(self, key: Any, default: Any = None) -> Any:
        try:
            value = _ssp_getitem(self, key)
        except KeyError:
            if _breaks_armed and (stop := _break_first(key, _getframe(1))):
                _break(stop)
            _ssp_setitem(self, key, default)
            _record("write", key, "setdefault", _getframe(1), False, default)
            return default
        _record("read", key, "setdefault", _getframe(1), True, value)
        return value

    def pop(self, key: Any, default: Any = _marker) -> Any:
        missing: KeyError | None = None
        try:
            value = _ssp_getitem(self, key)
        except KeyError as exc:
            if default is not _marker:
                _record("read", key, "pop", _getframe(1), False, NOVAL)
                return default
            missing = exc
        if missing is not None:
            # Streamlit's own pop raises the KeyError, with its native frames
            # (``<frozen _collections_abc>`` included), instead of a re-raise here.
            _record("delete", key, "pop", _getframe(1), False, NOVAL, missing)
            return _native_pop(key)
        if _breaks_armed and (stop := _break_first(key, _getframe(1))):
            _break(stop)
        _ssp_delitem(self, key)
        _record("delete", key, "pop", _getframe(1), True, value)
        return value

    def popitem(self) -> tuple[str, Any]:
        if _breaks_armed:
            first = next(iter(_ssp_iter(self)), None)
            if first is not None and (stop := _break_first(first, _getframe(1))):
                _break(stop)
        item = _mm_popitem(self)
        _record("delete", item[0], "popitem", _getframe(1), True, item[1])
        return item

    def update(self, other: Any = (), /, **kwds: Any) -> None:
        _mm_update(self, other, **kwds)  # each write is recorded at the user's line

    def clear(self) -> None:
        frame = _getframe(1)
        before = _keys_before_clear()
        if _breaks_armed:
            for key in before:
                if stop := _break_first(key, frame):
                    _break(stop)
        _mm_clear(self)
        for key in before:
            _record("delete", key, "clear", frame, True, NOVAL)

    def __iter__(self) -> Any:
        it = _ssp_iter(self)
        _whole("iter", _getframe(1))
        return it

    def __len__(self) -> int:
        n = _ssp_len(self)
        _whole("len", _getframe(1))
        return n

    def __str__(self) -> str:
        text = _ssp_str(self)
        _whole("str", _getframe(1))
        return text

    def keys(self) -> Any:
        _whole("keys", _getframe(1))
        return KeysView(self)

    def items(self) -> Any:
        _whole("items", _getframe(1))
        return ItemsView(self)

    def values(self) -> Any:
        _whole("values", _getframe(1))
        return ValuesView(self)

    def to_dict(self) -> dict[str, Any]:
        state = _ssp_to_dict(self)
        _whole("to_dict", _getframe(1))
        return state

    def __reduce_ex__(self, protocol: Any) -> Any:
        # Pickles exactly like the native proxy (a subclass of the same qualname
        # would otherwise raise PicklingError).
        return (SessionStateProxy, ())


DebugProxy.__module__ = SessionStateProxy.__module__
DebugProxy.__qualname__ = SessionStateProxy.__qualname__
DebugProxy.__name__ = SessionStateProxy.__name__


# --------------------------------------------------------------------------- H2: session
class SessionHooks:
    """Mixin placed in front of ``SessionState`` for one enabled session.

    The recorder lives on the per-session subclass (``_ssd_recorder``): the dataclass
    has slots and no weakref support, so the class is the only place to hang it.
    """

    __slots__ = ()
    _ssd_recorder: Any = None

    def _widget_changed(self, widget_id: str) -> bool:
        changed = SessionState._widget_changed(self, widget_id)  # type: ignore[arg-type]
        if changed:
            stop = _session_call(self, "widget_changed", widget_id)
            if stop:  # break_on(key, source="widget"): before any callback or script line,
                _contained(self, "break_on", drop_browser_value, self, widget_id)  # and the value
                _break(stop)
        return changed

    def _run_callback_and_record_rerun(self, votes: Any, run: Any) -> None:
        token = _session_call(self, "callback_start", run)
        try:
            SessionState._run_callback_and_record_rerun(self, votes, run)  # type: ignore[arg-type]
        finally:
            _session_call(self, "callback_end", token)

    def _execute_widget_callback(self, votes: Any, callback_fn: Any, cb_metadata: Any, cb_args: Any, cb_kwargs: Any) -> None:
        _session_call(self, "callback_pending", callback_fn, getattr(cb_metadata, "id", None))
        SessionState._execute_widget_callback(self, votes, callback_fn, cb_metadata, cb_args, cb_kwargs)  # type: ignore[arg-type]

    def register_widget(self, metadata: Any, user_key: Any) -> Any:
        wid = getattr(metadata, "id", None)
        before = user_key is not None and bool(_contained(self, "widget registration", has_key_raw, self, user_key, wid))
        if _breaks_armed and user_key is not None and not before:
            stop = _session_call(self, "widget_will_default", wid, user_key, _getframe(1))
            if stop:  # break_on(key, source="streamlit"): at the line creating the widget, before its default lands
                _break(stop)
        result = SessionState.register_widget(self, metadata, user_key)  # type: ignore[arg-type]
        _session_call(self, "widget_registered", wid, user_key, before, _getframe(1))
        return result

    def reset_state_value(self, user_key: str, value: Any) -> None:
        SessionState.reset_state_value(self, user_key, value)  # type: ignore[arg-type]
        _session_call(self, "streamlit_write", user_key, value, f"Streamlit reset the value of widget '{user_key}'")

    def on_script_will_rerun(self, *args: Any, **kwargs: Any) -> None:
        SessionState.on_script_will_rerun(self, *args, **kwargs)  # type: ignore[arg-type]
        _session_call(self, "browser_values_applied")

    def _remove_stale_widgets(self, active_widget_ids: frozenset[str]) -> None:
        before = _session_call(self, "keys_before_cleanup")
        SessionState._remove_stale_widgets(self, active_widget_ids)  # type: ignore[arg-type]
        _session_call(self, "cleanup_done", before, active_widget_ids)

    def on_script_finished(self, widget_ids_this_run: frozenset[str], *, remove_stale_widgets: bool = True) -> None:
        token = _session_call(self, "finish_start", remove_stale_widgets)
        SessionState.on_script_finished(self, widget_ids_this_run, remove_stale_widgets=remove_stale_widgets)  # type: ignore[arg-type]
        _session_call(self, "finish_end", token, remove_stale_widgets)

    def maybe_check_serializable(self) -> None:
        # Called at the end of every run's body (fragment runs included), inside
        # Streamlit's error handling: where the panel is rendered.
        SessionState.maybe_check_serializable(self)  # type: ignore[arg-type]
        ctx = getattr(_thread_by_ident(_get_ident()), SCRIPT_RUN_CONTEXT_ATTR_NAME, None)
        if ctx is not None:
            _session_call(self, "after_body_hook", ctx)

    def __setitem__(self, user_key: str, value: Any) -> None:
        SessionState.__setitem__(self, user_key, value)  # type: ignore[arg-type]
        if user_key == _RUN_FLAG_KEY:
            # ScriptRunner stores "ran without errors" right after every run: the end
            # of the run that enable() was first called in, which H3 did not wrap.
            _session_call(self, "run_flag", bool(value))
            return
        if getattr(_thread_by_ident(_get_ident()), SCRIPT_RUN_CONTEXT_ATTR_NAME, None) is None and not _ss_module._is_internal_key(user_key):
            _session_call(self, "streamlit_write", user_key, value, "set outside a script run (AppTest or a thread without a script context)")

    def __delitem__(self, key: str) -> None:
        SessionState.__delitem__(self, key)  # type: ignore[arg-type]
        if getattr(_thread_by_ident(_get_ident()), SCRIPT_RUN_CONTEXT_ATTR_NAME, None) is None:
            _session_call(self, "streamlit_delete", key, "deleted outside a script run (AppTest or a thread without a script context)")


def _session_call(inner: Any, name: str, *args: Any) -> Any:
    rec = getattr(type(inner), "_ssd_recorder", None)  # None once detached mid-call
    if rec is None or rec.dead:
        return None
    try:
        return getattr(rec, "on_" + name)(inner, *args)
    except Exception as err:
        guard.trip(rec, name, err)
        return None


def attach(inner: SessionState, recorder: Any) -> None:
    """Give one session's SessionState its own subclass carrying ``recorder``."""
    if type(inner) is not SessionState:
        type(inner)._ssd_recorder = recorder  # re-enable: reuse the subclass
        return
    cls = type("SessionState", (SessionHooks, SessionState), {"__slots__": (), "_ssd_recorder": recorder})
    cls.__module__ = SessionState.__module__
    inner.__class__ = cls


def detach(inner: SessionState) -> None:
    """Put the session back on the plain SessionState (the subclass is then collected)."""
    if type(inner) is not SessionState and isinstance(inner, SessionState):
        type(inner)._ssd_recorder = None
        inner.__class__ = SessionState


def recorder_of(inner: Any) -> Any:
    return getattr(type(inner), "_ssd_recorder", None)


# --------------------------------------------------------------------------- H3: run boundary
_original_exec = _script_runner.exec_func_with_error_handling


def _exec_with_debugger(func: Callable[[], Any], ctx: Any) -> Any:
    rec = None
    try:
        defaults = dict(zip(func.__code__.co_varnames, func.__defaults__ or ()))
        runner = None
        for name, cell in zip(func.__code__.co_freevars, func.__closure__ or ()):
            if name == "self":
                runner = cell.cell_contents
        ctx.__dict__[_RERUN] = (defaults.get("rerun_data"), runner)
        rec = recorder_of(ctx.session_state._state)
        if rec is None and os.environ.get(ENV_AUTO_ENABLE) == "1":
            # `st-state-debugger run app.py`: every session is enabled from the very
            # start of its first run, before callbacks, with no edit to the app.
            import st_state_debugger

            st_state_debugger.enable()
            rec = recorder_of(ctx.session_state._state)
            rec = rec if rec is not None and not rec.dead else None
        elif rec is not None and not rec.dead:
            rec.begin_run(ctx, defaults.get("rerun_data"), runner)
        else:
            rec = None
        if rec is not None and rec.options.panel:
            func = _panel_even_on_error(func, rec, ctx)
    except Exception as err:
        guard.trip(rec, "run start", err)
        rec = None
    result = _original_exec(func, ctx)
    if rec is not None and not rec.dead:
        try:
            rec.body_done(ctx, result)
        except Exception as err:
            guard.trip(rec, "run end", err)
    return result


_exec_with_debugger._ssd_wrapped = True  # type: ignore[attr-defined]


def _panel_even_on_error(func: Callable[[], Any], rec: Any, ctx: Any) -> Callable[[], Any]:
    """The script body, then (if it raised) the panel, then the same exception:
    an app that crashes on a KeyError still shows where the key went."""

    def body_then_panel() -> Any:
        try:
            return func()
        except Exception:
            try:
                if not rec.dead:
                    rec.after_body(ctx, failed=True)
            except Exception as err:
                guard.trip(rec, "panel", err)
            raise

    return body_then_panel


_original_request_stop = _ScriptRequests.request_stop
#: the code of ``st.stop`` (under its metrics wrapper): its call is how a run asks to end
_ST_STOP_CODE = getattr(getattr(_execution_control.stop, "__wrapped__", _execution_control.stop), "__code__", None)


def _request_stop_with_panel(self: Any) -> None:
    """``ScriptRequests.request_stop``, which ``st.stop()`` calls: when the caller is
    the app's ``st.stop()`` (identified by its code object, not by timing), the panel
    is drawn first, since nothing more of this run will be (a login gate). Stops that
    Streamlit requests itself (a replaced runner, a closed session) pass through."""
    caller = _getframe(1)
    if caller.f_code is _ST_STOP_CODE:
        ctx = current_ctx()
        rec = recorder_of(inner_state(ctx)) if ctx is not None else None
        if rec is not None and not rec.dead:
            try:
                rec.after_body(ctx, stopped=True)
            except Exception as err:
                guard.trip(rec, "panel", err)
    _original_request_stop(self)


# --------------------------------------------------------------------------- H4: widget rules
_original_rules = _policies.check_session_state_rules


def _rules_with_debugger(default_value: Any, key: str | None, writes_allowed: bool = True) -> None:
    """Streamlit checks a keyed widget's session-state rules as it creates it: seen
    here are widgets whose value may not be set (buttons, uploaders) and widgets
    given both ``value=`` and a session-state value. A value only the debugger's
    restore set is not the app's doing: Streamlit is not asked to warn about it."""
    if key is not None and (default_value is not None or not writes_allowed):  # else nothing to see
        ctx = getattr(_thread_by_ident(_get_ident()), SCRIPT_RUN_CONTEXT_ATTR_NAME, None)
        if ctx is not None:
            restored = _session_call(ctx.session_state._state, "widget_rules", default_value, key, writes_allowed, _getframe(1))
            if restored:
                default_value = None  # the rules still run; only the "value= and session state" warning is off
    return _original_rules(default_value, key, writes_allowed)


_rules_with_debugger._ssd_wrapped = True  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- install
_install_lock = threading.Lock()


def _hide_own_frame(exc: BaseException) -> None:
    """Drop the calling hook's frame from ``exc`` (and from the exceptions it was
    raised while handling) before the hook re-raises it.

    The app's ``traceback.format_exc()``, the page and the server log then show the
    frames they show without the debugger. A bare ``raise`` keeps the traceback it
    is given (CPython adds no entry for the re-raising frame), so the hook's frame
    is gone for good. Never raises.
    """
    try:
        frame = _getframe(1)
        seen = 0
        while exc is not None and seen < 8:
            tb = exc.__traceback__
            if tb is not None and tb.tb_frame is frame:
                exc.__traceback__ = tb.tb_next
            exc = exc.__context__  # type: ignore[assignment]
            seen += 1
    except Exception:
        pass


def _hiding_tree(fn: Any) -> Any:
    """``fn``'s source as an AST whose every function body is wrapped in
    ``try: ... except BaseException as e: _hide_own_frame(e); raise``; lines and
    columns are the source's own."""
    import ast
    import inspect
    import linecache

    linecache.checkcache(fn.__code__.co_filename)
    lines, first = inspect.getsourcelines(fn)
    source = "".join(lines)
    indented = source[:1].isspace()
    tree = ast.parse("if 1:\n" + source if indented else source)
    ast.increment_lineno(tree, first - 2 if indented else first - 1)
    node = tree.body[0].body[0] if indented else tree.body[0]  # type: ignore[attr-defined]
    for sub in ast.walk(node):
        if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)) and sub.body:
            name = "_ssd_exc"
            handler = ast.ExceptHandler(
                type=ast.Name("BaseException", ast.Load()), name=name,
                body=[ast.Expr(ast.Call(ast.Name("_hide_own_frame", ast.Load()), [ast.Name(name, ast.Load())], [])),
                      ast.Raise()])
            wrapped = ast.Try(body=sub.body, handlers=[handler], orelse=[], finalbody=[])
            ast.copy_location(wrapped, sub.body[0])
            wrapped.end_lineno, wrapped.end_col_offset = sub.body[-1].end_lineno, sub.body[-1].end_col_offset
            for part in ast.walk(handler):
                ast.copy_location(part, sub.body[-1])
            sub.body = [wrapped]
    node.decorator_list = []
    return ast.Module(body=[node], type_ignores=[])


def _hiding_code(fn: Any) -> Any:
    """The code of ``fn`` recompiled from its source with :func:`_hiding_tree`, or
    None when the source on disk is not the code that was loaded."""
    import __future__

    try:
        module = compile(_hiding_tree(fn), fn.__code__.co_filename, "exec",
                         flags=__future__.annotations.compiler_flag, dont_inherit=True)
        code = next(c for c in module.co_consts if isinstance(c, type(fn.__code__)))
    except Exception:
        return None
    old = fn.__code__
    same = (code.co_name == old.co_name and code.co_argcount == old.co_argcount
            and code.co_varnames[:len(old.co_varnames)] == old.co_varnames and code.co_freevars == old.co_freevars
            and set(old.co_names) <= set(code.co_names) and code.co_firstlineno == old.co_firstlineno)
    # compiled outside its class: the method keeps its qualified name (tracebacks, tools)
    return code.replace(co_qualname=old.co_qualname) if same else None


def _relabel(fn: Any) -> None:
    """Give a hook the code that hides its frame from the exceptions passing through
    it (once; kept as it is if its source cannot be matched)."""
    if getattr(fn, "_ssd_hidden", False):
        return
    code = _hiding_code(fn)
    if code is not None:
        fn.__code__ = code
    fn._ssd_hidden = True


def _relabel_all() -> None:
    for cls in (DebugProxy, SessionHooks):
        for value in vars(cls).values():
            if callable(value) and hasattr(value, "__code__"):
                _relabel(value)
    for fn in (_record, _whole, _problem, _attr_miss, _keys_before_clear, _contained, _running_buffer, _session_call,
               _exec_with_debugger, _panel_even_on_error, _rules_with_debugger, _break, _native_setattr):
        _relabel(fn)


# At import, while the source on disk is the code that was loaded.
_relabel_all()

#: SessionStateProxy's own attributes before any install: what uninstall puts back.
_NATIVE_PROXY_ATTRS = dict(vars(SessionStateProxy))
#: What install puts on SessionStateProxy itself: DebugProxy's methods, so the one
#: ``st.session_state`` keeps its class (``type(...) is SessionStateProxy``) and every
#: instance records (pass-through when no session is recorded on the thread).
_PATCHES = {name: value for name, value in vars(DebugProxy).items()
            if callable(value) and hasattr(value, "__code__") and name != "__reduce_ex__"}


def installed() -> bool:
    return any(SessionStateProxy.__dict__.get(name) is value for name, value in _PATCHES.items())


def install() -> None:
    """Install H1, H3 and H4 once per process (idempotent; pass-through for other sessions)."""
    with _install_lock:
        _relabel_all()
        if not installed():
            for name, value in _PATCHES.items():
                setattr(SessionStateProxy, name, value)
        if not getattr(_script_runner.exec_func_with_error_handling, "_ssd_wrapped", False):
            _script_runner.exec_func_with_error_handling = _exec_with_debugger
        if not getattr(_policies.check_session_state_rules, "_ssd_wrapped", False):
            _policies.check_session_state_rules = _rules_with_debugger
        _ScriptRequests.request_stop = _request_stop_with_panel  # type: ignore[method-assign]


def uninstall() -> None:
    """Undo H1, H3 and H4 (tests; ``disable(everywhere=True)``)."""
    with _install_lock:
        for name in _PATCHES:
            if name in _NATIVE_PROXY_ATTRS:
                setattr(SessionStateProxy, name, _NATIVE_PROXY_ATTRS[name])
            elif name in SessionStateProxy.__dict__:
                delattr(SessionStateProxy, name)
        if type(streamlit.session_state) is DebugProxy:  # a session swapped by an older release
            object.__setattr__(streamlit.session_state, "__class__", SessionStateProxy)
        if getattr(_script_runner.exec_func_with_error_handling, "_ssd_wrapped", False):
            _script_runner.exec_func_with_error_handling = _original_exec
        if getattr(_policies.check_session_state_rules, "_ssd_wrapped", False):
            _policies.check_session_state_rules = _original_rules
        _ScriptRequests.request_stop = _original_request_stop  # type: ignore[method-assign]


def callback_target(inner: SessionState, run: Any) -> tuple[Any, str | None]:
    """(callback function, widget id) behind Streamlit's ``run`` partial (path 1)."""
    if isinstance(run, functools.partial) and getattr(run.func, "__name__", "") == "call_callback" and run.args:
        wid = run.args[0]
        meta = inner._new_widget_state.widget_metadata.get(wid)
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


# --------------------------------------------------------------------------- panel support
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
    from .locality import DEFAULT_TRUSTED_PROXIES, remote_client

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




def fragment_ids_this_run(ctx: Any) -> list[str]:
    return list(getattr(ctx, "fragment_ids_this_run", None) or [])


def is_panel_widget(inner: SessionState, widget_id: str) -> bool:
    """Whether ``widget_id`` is one of the panel's own widgets, by identity: the
    panel's component (and its trigger aggregator) is registered with the panel's
    callback (``sidebar.on_request``, marked ``_ssd_panel``), which no app widget
    can carry. Streamlit keeps a widget's metadata until its end-of-run cleanup."""
    metadata = inner._new_widget_state.widget_metadata.get(widget_id)
    callbacks = getattr(metadata, "callbacks", None) or {}
    return any(getattr(fn, "_ssd_panel", False) for fn in callbacks.values())


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
        dry._key_id_mapper = copy.deepcopy(inner._key_id_mapper)
        dry.query_params = _NoQueryParams()
        dry._query_param_bound_widget_ids = set(inner._query_param_bound_widget_ids)
        dry._persist_tracker = copy.deepcopy(inner._persist_tracker)
        dry._current_interaction_widget_states = None
        shared = getattr(ctx, "shared", None)
        ids = shared.widget_ids_this_run.snapshot() if shared is not None else frozenset(ctx.widget_ids_this_run)
        SessionState._reset_triggers(dry)
        SessionState._remove_stale_widgets(dry, frozenset(ids))
        return dry
    except Exception:
        return None


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




def run_streamlit(args: list[str]) -> int:
    """Run Streamlit's own command line (``streamlit <args>``) in this process."""
    from streamlit.web import cli as streamlit_cli

    try:
        streamlit_cli.main(args=args, prog_name="streamlit", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0
