"""H1, the proxy: ``DebugProxy``'s methods, set on ``SessionStateProxy`` itself.

Stage: **record** (hot path). Every user operation on ``st.session_state`` passes
through these methods, then through the recorder of the session that is running
(none: one ``None`` check). ``type(st.session_state) is SessionStateProxy`` stays
true and no attribute name is added. The app's own operation runs first, with
Streamlit's own code; exceptions propagate as the very same objects. ``ss[key]`` is
the exception: install puts :func:`_getitem_in_streamlits_frame`, rebuilt as
Streamlit's own method (``relabel.stand_in``), in ``DebugProxy.__getitem__``'s place
when this release's method has the body it expects.
"""

from __future__ import annotations

import bisect
import dis
import functools
import threading
from collections.abc import Callable, ItemsView, KeysView, MutableMapping, ValuesView
from typing import Any

from .. import guard
from .frames import (
    _classify,
    _internal_ids,
    _is_internal,
    is_attribute_access,
    tie_to_code,
    user_frame,
)
from .names import (
    BUF as _BUF,
)
from .names import (
    CTX_ATTR as SCRIPT_RUN_CONTEXT_ATTR_NAME,
)
from .names import (
    GENERATED_ELEMENT_ID_PREFIX as _ELEMENT_PREFIX,
)
from .names import (
    SessionStateProxy,
    StreamlitAPIException,
    gather_metrics,
    get_session_state,
    require_valid_user_key,
)
from .names import (
    Value as _Value,
)
from .names import (
    get_ident as _get_ident,
)
from .names import (
    getframe as _getframe,
)
from .names import (
    thread_by_ident as _thread_by_ident,
)
from .relabel import RERAISES_SAVED_TRACEBACK, _hide_own_frame, reraise_with_its_traceback
from .state import current_ctx, inner_state, user_keys
from .values import _ATOMS, NOVAL, Tally, at_access

#: recording.buffer's budget and warning class, set when it is imported (always
#: before a RunBuffer exists; internals is imported before the recording package)
_MISSED_KEYS_PER_LINE = 20
_MissesNotRecorded: Any = None

__all__ = ["_hide_own_frame"]  # the relabelled code below names it

_current_thread = threading.current_thread

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
    _ssp_setattr_body(_NATIVE, key, value)  # pyright: ignore[reportArgumentType] - the stand-in has what it reads


# The same telemetry wrapper as the native ``ss.x = v``, around Streamlit's own
# ``__setattr__`` body: the frames under the app's line are the native ones.
_setattr_impl = gather_metrics("session_state.set_attr", _native_setattr)
#: Streamlit's own ``ss.key`` and ``ss.pop(key)`` run on the stand-in: they raise
#: exactly the native exception, chained and with the native frames (the
#: ``<frozen _collections_abc>`` frame of ``pop`` included), and record nothing.
#: C-level partials: calling one adds no frame of its own.
_native_getattr = functools.partial(SessionStateProxy.__getattr__, _NATIVE)  # pyright: ignore[reportArgumentType]
_native_pop = functools.partial(MutableMapping.pop, _NATIVE)
#: ``key in ss`` and ``ss.get(key)`` off the fast path: Mapping's own, so an error
#: (``""``: StreamlitValueError) carries the native ``<frozen _collections_abc>`` frame.
_native_contains = functools.partial(MutableMapping.__contains__, _NATIVE)
_native_get = functools.partial(MutableMapping.get, _NATIVE)
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

def _note(buf: Any, op: str, key: Any, api: str, frame: Any, found: Any, value: Any, exc: Any = None) -> None:
    """HOT PATH: append one event tuple to ``buf``, the running session's RunBuffer
    (None: look it up; one ``None`` check when the session is not recorded).

    No further call in the common case, because every Python call here costs
    ~0.1 µs against a native access of ~2 µs; file:line stay (code, offset) until
    the run ends. Inside the guard: a failure switches the session's debugger off.
    """
    if buf is None:
        ctx: Any = getattr(_thread_by_ident(_get_ident()), SCRIPT_RUN_CONTEXT_ATTR_NAME, None)
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
        lasti = frame.f_lasti if code is not None else -1  # pyright: ignore[reportOptionalMemberAccess] - code is None without a frame
        if value is not NOVAL and type(value) not in _ATOMS:  # what this access saw, not the run's end value
            value = at_access(value)
        if buf.last_whole is not None:
            # dict(ss) / st.write(ss): their per-key reads belong to one whole-state read
            if op == "read" and buf.last_whole == (code, lasti):
                return
            buf.last_whole = None
        if found is False and type(key) is str and op == "read":
            # the same failed lookup again (a loop of caught KeyErrors): counted on
            # its first event, not appended (no formatting, no new event)
            # by instruction, not offset: a specialized instruction reports another
            # offset (3.11 BINARY_SUBSCR: its inline cache's) for the same lookup
            cid = id(code)  # id: hashing a code object hashes its bytecode
            starts = _starts.get(cid)
            start = starts.get(lasti) if starts is not None else None
            if start is None:
                start = _instruction_start(cid, code, lasti)
            sig = (key, cid, start, api, buf.attr)
            tally = buf.misses.get(sig)
            if tally is None:
                site = sig[1:]
                keys: Any = buf.miss_sites.get(site)  # the keys recorded there, or its MissesNotRecorded
                if keys is None:
                    keys = buf.miss_sites[site] = set()
                over: Any = None
                if type(keys) is set:
                    if len(keys) >= _MISSED_KEYS_PER_LINE:
                        # past the line's budget of distinct keys: counted, said in a warning
                        over = buf.miss_sites[site] = _MissesNotRecorded(key, api, code, lasti, keys)
                        buf.warnings.append(over)
                elif key not in keys.keys:
                    over = keys
                if over is not None:
                    over.n += 1
                    if not internal and api == "getitem":
                        buf.last_miss = (key, code, lasti, buf.attr, len(buf.events), None, over)
                    return
                if len(buf.events) < buf.cap:
                    value = tally = buf.misses[sig] = Tally((0,))
                    if type(keys) is set:  # else the key is among its overflow's keys already
                        keys.add(key)
            if tally is not None:
                tally[0] += 1
                if not internal and api == "getitem":  # the caller is the app: __getitem__ may count a repeat itself
                    buf.last_miss = (key, code, lasti, buf.attr, len(buf.events) + (value is tally), tally, None)
                if value is not tally:
                    return
        events = buf.events
        if len(events) < buf.cap:
            # a failure keeps (type, args), not the exception: its traceback would keep
            # every frame it passed alive until the run ends (~2 µs per caught KeyError)
            events.append((op, key, api, buf.attr, code, lasti, found, value, exc if exc is None else (type(exc), exc.args)))
        else:
            buf.dropped += 1
    except Exception as err:
        guard.trip(buf.recorder, "recording", err)


def _missed(buf: Any, key: Any, frame: Any, exc: BaseException) -> None:
    """``ss[key]`` failed at ``frame``'s line (both getitems call this from their
    handler): the same failed lookup as the last one (``RunBuffer.last_miss``) with no
    event since is one more on its count, another key at a line past its budget is
    counted on that line's warning, and anything else is recorded (:func:`_note`).
    Inside the guard: the caller re-raises the app's KeyError whatever happens here."""
    try:
        rep = buf.last_miss
        if rep is not None and rep[4] == len(buf.events) and rep[1] is frame.f_code and rep[2] == frame.f_lasti \
                and rep[3] is buf.attr and buf.last_whole is None:
            if rep[0] is key and rep[5] is not None:
                rep[5][0] += 1  # the same miss again, nothing in between: one more on its count
                return
            if rep[6] is not None and type(key) is str and key not in rep[6].keys:
                rep[6].n += 1  # another key at a line past its budget: counted there
                return
    except Exception as err:
        guard.trip(buf.recorder, "recording", err)
        return
    _note(buf, "read", key, "getitem", frame, False, NOVAL, exc)


#: id(code) -> {offset -> offset of the instruction it belongs to}, for merging
#: repeated failed lookups, and id(code) -> the code's instruction offsets. Keyed by
#: id (hashing a code object hashes its bytecode), so each id has a weak reference in
#: ``_start_refs`` whose callback drops its entries as the code is freed, before the
#: id can be reused (``frames.tie_to_code``): AppTest compiles the script anew every run, and a stale entry
#: for a reused id would give a line another line's instruction (a second budget of
#: missing keys for one line).
_starts: dict[int, dict[int, int]] = {}
_offsets: dict[int, list[int]] = {}
_start_refs: dict[int, Any] = {}


def _instruction_start(cid: int, code: Any, lasti: int) -> int:
    if len(_starts) > 5_000:
        _starts.clear()
        _offsets.clear()
        _start_refs.clear()
    starts = _starts.get(cid)
    if starts is None:
        starts = _starts[cid] = {}
        tie_to_code(code, _start_refs, _forget_starts)  # None (no user frame): kept, as its id never changes
    start = lasti
    if code is not None:
        offsets = _offsets.get(cid)
        if offsets is None:  # once per code object: CACHE entries are not instructions
            offsets = _offsets[cid] = [i.offset for i in dis.get_instructions(code)]
        start = offsets[max(bisect.bisect_right(offsets, lasti) - 1, 0)] if offsets else lasti
    starts[lasti] = start
    return start


def _forget_starts(
    cid: int,
    starts: dict[int, dict[int, int]] = _starts,
    offsets: dict[int, list[int]] = _offsets,
    refs: dict[int, Any] = _start_refs,
) -> None:
    """Drop a freed code's entries; the tables are bound as defaults for the reason
    ``frames._forget`` gives (a code freed at interpreter exit)."""
    starts.pop(cid, None)
    offsets.pop(cid, None)
    refs.pop(cid, None)


#: The name the rest of the package knows (install relabels it; the paths that
#: have no RunBuffer at hand pass None).
_record = _note


# ----------------------------------------------------------------- the fast path
#: Whether the fast path's preconditions hold on this Streamlit (probe.py sets it,
#: from the "fastpath" hook points; off: every access takes Streamlit's own proxy
#: method, as before).
_fast = False
_HIT, _MISS, _OTHER = 1, 0, -1


def set_fast(on: bool) -> None:
    global _fast
    _fast = on


def _peek(buf: Any, ctx: Any, key: str) -> int:
    """Will Streamlit's ``SessionState[key]`` find ``key`` as a plain value
    (:data:`_HIT`), raise KeyError (:data:`_MISS`), or do anything else: a value
    still serialized from the browser (:data:`_OTHER`)? Read-only, no lock: the
    answer only picks the path, and each path does Streamlit's own lookup (a race
    falls back to it). ``key`` is a valid user key (a non-empty str that is no
    element id). A failure switches the session off and answers :data:`_OTHER`.
    MUST stay in sync with ``SessionState._getitem`` (probe.fast_path_holds runs
    it against the release's own lookup)."""
    try:
        inner = ctx.session_state._state
        if key in inner._new_session_state:
            return _HIT
        wid = inner._key_id_mapper._key_id_mapping.get(key, key)
        entry = inner._new_widget_state.states.get(wid)
        if entry is not None:
            return _HIT if type(entry) is _Value else _OTHER
        old = inner._old_state
        return _HIT if wid in old or key in old else _MISS
    except Exception as err:
        if buf is not None:
            guard.trip(buf.recorder, "recording (fast path)", err)
        return _OTHER


def _plain_write(buf: Any, ctx: Any, key: Any) -> bool:
    """Can ``ss[key] = v`` skip Streamlit's proxy method and telemetry wrapper? Yes
    for a valid user key of no widget or form (Streamlit cannot refuse the write)
    while usage statistics are off (the wrapper then records nothing). A failure
    switches the session off and answers no."""
    try:
        return (type(key) is str and key != "" and not key.startswith(_ELEMENT_PREFIX)
                and not ctx.gather_usage_stats
                and ctx.session_state._state._key_id_mapper._key_id_mapping.get(key) is None
                and key not in ctx.shared.form_ids_this_run)
    except Exception as err:
        guard.trip(buf.recorder, "recording (fast path)", err)
        return False


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
    """Act on a hit breakpoint, outside the guard: raise StateBreakpoint, or (its
    ``action`` is "breakpoint") hand over to the developer's debugger and return, so
    the write goes ahead when it continues."""
    from ..breakpoints import StateBreakpoint

    if getattr(message, "action", "raise") == "breakpoint":
        breakpoint()  # noqa: T100 - called here, so the app's line is 2 frames up (pdb: `up` twice)
        return
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
    _note(None, "read", key, "getattr", frame, False, NOVAL, raised)


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
        # The context is looked up once. The fast path (a plain value, found) asks
        # Streamlit's SafeSessionState itself, so its yield check, lock and lookup
        # are the native ones; everything else, a miss included (its traceback must
        # hold Streamlit's frames), runs Streamlit's own proxy method. A caught
        # KeyError in a loop is this method's most expensive case, so it hides its
        # own frame itself, in its one handler (not relabelled: see below). This is
        # the fallback for a Streamlit whose method is not the one
        # _getitem_in_streamlits_frame stands in for (install.GETITEM_STAND_IN).
        buf = None
        try:
            ctx: Any = getattr(_thread_by_ident(_get_ident()), SCRIPT_RUN_CONTEXT_ATTR_NAME, None)
            if ctx is None:
                return _ssp_getitem(self, key)  # no run: nothing to record (native warning, mock state)
            buf = ctx.__dict__.get(_BUF)
            if buf is None:
                return _ssp_getitem(self, key)
            rep = buf.last_miss  # (see RunBuffer.last_miss) nothing recorded since: likely to fail again
            if rep is not None and (rep[0] is key or rep[6] is not None) and rep[4] == len(buf.events):
                value = _ssp_getitem(self, key)  # a loop of failed lookups: Streamlit's own method, no _peek first
            else:
                if (_fast and type(key) is str and key and not key.startswith(_ELEMENT_PREFIX)
                        and _peek(buf, ctx, key) == _HIT):
                    try:
                        value = ctx.session_state[key]
                    except KeyError:
                        pass  # gone meanwhile: Streamlit's own method raises it, below
                    else:
                        _note(buf, "read", key, "getitem", _getframe(1), True, value)
                        return value
                value = _ssp_getitem(self, key)
        except BaseException as exc:
            # only the raising exception can hold this frame: every handler above
            # ends before anything else is raised here
            # (no local names the traceback: it would hold this frame, and the app's
            # frames above it, in a cycle after the app is done with the exception)
            if exc.__traceback__ is not None and exc.__traceback__.tb_frame is _getframe(0):
                exc.__traceback__ = exc.__traceback__.tb_next
                if RERAISES_SAVED_TRACEBACK:  # Python 3.10: the bare raise below would bring it back
                    reraise_with_its_traceback(exc)
            if buf is not None and isinstance(exc, KeyError):
                _missed(buf, key, _getframe(1), exc)
            raise
        _note(buf, "read", key, "getitem", _getframe(1), True, value)
        return value

    def __setitem__(self, key: Any, value: Any) -> None:
        if _breaks_armed and (stop := _break_first(key, _getframe(1))):
            _break(stop)  # break_on(): before the write lands
        ctx: Any = getattr(_thread_by_ident(_get_ident()), SCRIPT_RUN_CONTEXT_ATTR_NAME, None)
        buf = ctx.__dict__.get(_BUF) if ctx is not None else None
        if buf is not None and _fast and _plain_write(buf, ctx, key):
            ctx.session_state[key] = value  # SafeSessionState: the native yield check, lock and write  # pyright: ignore[reportOptionalMemberAccess] - buf is set only with a ctx
            _note(buf, "write", key, "setitem", _getframe(1), None, value)
            return
        try:
            _ssp_setitem(self, key, value)
        except StreamlitAPIException as exc:  # e.g. written after its widget was created
            _problem(key, _getframe(1), exc)
            raise
        if buf is not None:
            _note(buf, "write", key, "setitem", _getframe(1), None, value)

    def __delitem__(self, key: Any) -> None:
        if _breaks_armed and (stop := _break_first(key, _getframe(1))):
            _break(stop)
        try:
            _ssp_delitem(self, key)
        except KeyError as exc:
            _note(None, "delete", key, "delitem", _getframe(1), False, NOVAL, exc)
            raise
        _note(None, "delete", key, "delitem", _getframe(1), True, NOVAL)

    def __getattr__(self, key: str) -> Any:
        # SessionStateProxy.__getattr__ is ``self[key]`` turning KeyError into this
        # AttributeError (with the KeyError as context); done here on the original
        # item getter so the hook runs once, with an identical exception.
        ctx: Any = getattr(_thread_by_ident(_get_ident()), SCRIPT_RUN_CONTEXT_ATTR_NAME, None)
        buf = ctx.__dict__.get(_BUF) if ctx is not None else None
        if (buf is not None and _fast and type(key) is str and key and not key.startswith(_ELEMENT_PREFIX)
                and _peek(buf, ctx, key) == _HIT):
            try:
                value = ctx.session_state[key]  # pyright: ignore[reportOptionalMemberAccess] - buf is set only with a ctx
            except KeyError:
                pass
            else:
                _note(buf, "read", key, "getattr", _getframe(1), True, value)
                return value
        try:
            value = _native_getattr(key)
        except AttributeError as exc:
            _attr_miss(key, _getframe(1), exc)
            raise
        if buf is not None:
            _note(buf, "read", key, "getattr", _getframe(1), True, value)
        return value

    def __setattr__(self, key: str, value: Any) -> None:
        if _breaks_armed and (stop := _break_first(key, _getframe(1))):
            _break(stop)
        ctx: Any = getattr(_thread_by_ident(_get_ident()), SCRIPT_RUN_CONTEXT_ATTR_NAME, None)
        buf = ctx.__dict__.get(_BUF) if ctx is not None else None
        if buf is not None and _fast and _plain_write(buf, ctx, key):
            ctx.session_state[key] = value  # pyright: ignore[reportOptionalMemberAccess] - buf is set only with a ctx
            _note(buf, "write", key, "setattr", _getframe(1), None, value)
            return
        try:
            _setattr_impl(self, key, value)
        except StreamlitAPIException as exc:
            _problem(key, _getframe(1), exc)
            raise
        if buf is not None:
            _note(buf, "write", key, "setattr", _getframe(1), None, value)

    def __delattr__(self, key: str) -> None:
        if _breaks_armed and (stop := _break_first(key, _getframe(1))):
            _break(stop)
        try:
            _ssp_delattr(self, key)
        except AttributeError as exc:
            _note(None, "delete", key, "delattr", _getframe(1), False, NOVAL, exc)
            raise
        _note(None, "delete", key, "delattr", _getframe(1), True, NOVAL)

    def __contains__(self, key: object) -> bool:
        ctx: Any = getattr(_thread_by_ident(_get_ident()), SCRIPT_RUN_CONTEXT_ATTR_NAME, None)
        buf = ctx.__dict__.get(_BUF) if ctx is not None else None
        if buf is not None and _fast and type(key) is str and key and not key.startswith(_ELEMENT_PREFIX):
            # Mapping.__contains__ is ``self[key]`` catching the KeyError, which the
            # app never sees: from SafeSessionState on, Streamlit's own lookup. Only a
            # value still serialized takes the native path (its deserializer could
            # raise, with Streamlit's frames owed).
            if _peek(buf, ctx, key) != _OTHER:
                try:
                    ctx.session_state[key]  # SafeSessionState: the native yield check, lock, lookup  # pyright: ignore[reportOptionalMemberAccess] - buf is set only with a ctx
                except KeyError:
                    _note(buf, "read", key, "contains", _getframe(1), False, NOVAL)
                    return False
                _note(buf, "read", key, "contains", _getframe(1), True, NOVAL)
                return True
        found = _native_contains(key)
        if buf is not None:
            _note(buf, "read", key, "contains", _getframe(1), found, NOVAL)
        return found

    def get(self, key: Any, default: Any = None) -> Any:
        ctx: Any = getattr(_thread_by_ident(_get_ident()), SCRIPT_RUN_CONTEXT_ATTR_NAME, None)
        buf = ctx.__dict__.get(_BUF) if ctx is not None else None
        if buf is not None and _fast and type(key) is str and key and not key.startswith(_ELEMENT_PREFIX):
            if _peek(buf, ctx, key) != _OTHER:  # as in __contains__
                try:
                    value = ctx.session_state[key]  # pyright: ignore[reportOptionalMemberAccess] - buf is set only with a ctx
                except KeyError:
                    _note(buf, "read", key, "get", _getframe(1), False, NOVAL)
                    return default
                _note(buf, "read", key, "get", _getframe(1), True, value)
                return value
        value = _native_get(key, _marker)
        if value is _marker:
            if buf is not None:
                _note(buf, "read", key, "get", _getframe(1), False, NOVAL)
            return default
        if buf is not None:
            _note(buf, "read", key, "get", _getframe(1), True, value)
        return value

    def setdefault(self, key: Any, default: Any = None) -> Any:
        try:
            value = _ssp_getitem(self, key)
        except KeyError:
            if _breaks_armed and (stop := _break_first(key, _getframe(1))):
                _break(stop)
            _ssp_setitem(self, key, default)
            _note(None, "write", key, "setdefault", _getframe(1), False, default)
            return default
        _note(None, "read", key, "setdefault", _getframe(1), True, value)
        return value

    def pop(self, key: Any, default: Any = _marker) -> Any:
        missing: KeyError | None = None
        try:
            value = _ssp_getitem(self, key)
        except KeyError as exc:
            if default is not _marker:
                _note(None, "read", key, "pop", _getframe(1), False, NOVAL)
                return default
            missing = exc
        if missing is not None:
            # Streamlit's own pop raises the KeyError, with its native frames
            # (``<frozen _collections_abc>`` included), instead of a re-raise here.
            _note(None, "delete", key, "pop", _getframe(1), False, NOVAL, missing)
            return _native_pop(key)
        if _breaks_armed and (stop := _break_first(key, _getframe(1))):
            _break(stop)
        _ssp_delitem(self, key)
        _note(None, "delete", key, "pop", _getframe(1), True, value)
        return value

    def popitem(self) -> tuple[str, Any]:
        if _breaks_armed:
            first = next(iter(_ssp_iter(self)), None)
            if first is not None and (stop := _break_first(first, _getframe(1))):
                _break(stop)
        item = _mm_popitem(self)
        _note(None, "delete", item[0], "popitem", _getframe(1), True, item[1])
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
            _note(None, "delete", key, "clear", frame, True, NOVAL)

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


#: Streamlit's ``SessionStateProxy.__getitem__`` body, statement by statement: what
#: :func:`_getitem_in_streamlits_frame` runs as Streamlit's own lines (any other
#: body: the stand-in is not built and DebugProxy.__getitem__ records instead).
NATIVE_GETITEM_BODY = ("key = str(key)", "require_valid_user_key(key)", "return get_session_state()[key]")


def _getitem_in_streamlits_frame(self: Any, key: Any) -> Any:
    """TEMPLATE, never called as it is: ``ss[key]`` recorded in Streamlit's own frame.

    ``relabel.stand_in`` rebuilds it under the file, lines and name of Streamlit's
    ``SessionStateProxy.__getitem__``: the statements of :data:`NATIVE_GETITEM_BODY`
    below become Streamlit's own, and everything else takes the position of its
    lookup ``get_session_state()[key]``. So the lookup, here ``SafeSessionState[key]``
    on the context this function already has (which is what ``get_session_state()``
    returns during a run), raises with the native frames below the native frame,
    whatever it raises: a missing key, a browser value that fails to deserialize, a
    rerun request. No ``_peek`` is needed to pick a path, and a caught KeyError costs
    its recording only: a repeat at the same line with no event in between is one
    count. Same recording as :meth:`DebugProxy.__getitem__`, the fallback (keep in step).
    """
    ctx: Any = getattr(_thread_by_ident(_get_ident()), SCRIPT_RUN_CONTEXT_ATTR_NAME, None)
    buf = ctx.__dict__.get(_BUF) if ctx is not None else None
    if buf is None:  # no run (native warning, mock state) or not recorded
        key = str(key)
        require_valid_user_key(key)
        return get_session_state()[key]
    asked = key
    key = str(key)
    require_valid_user_key(key)
    try:
        # the context's SafeSessionState: its yield check, lock and lookup (the probe's
        # "fastpath" points; off: Streamlit's own lookup of the context first)
        value = ctx.session_state[key] if _fast else get_session_state()[key]  # pyright: ignore[reportOptionalMemberAccess] - buf is set only with a ctx
    except KeyError as exc:
        _missed(buf, asked, _getframe(1), exc)
        raise
    _note(buf, "read", asked, "getitem", _getframe(1), True, value)
    return value


#: hides its own frame itself (one handler, no call on a caught KeyError's path):
#: install's relabelling, which adds a handler calling _hide_own_frame, skips it
DebugProxy.__getitem__._ssd_hidden = True  # type: ignore[attr-defined]
DebugProxy.__module__ = SessionStateProxy.__module__
DebugProxy.__qualname__ = SessionStateProxy.__qualname__
DebugProxy.__name__ = SessionStateProxy.__name__

