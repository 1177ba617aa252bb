"""Warnings before Streamlit bites: what the app just did that Streamlit punishes.

Stage: record → store. Each builder turns something a hook saw into a
``RerunWarning`` with the user's line and the fix, kept on the run's buffer (or
returned, for the end-of-run check).
"""

from __future__ import annotations

import weakref
from typing import Any, Protocol

from .diff import StateTracker
from .model import RerunWarning
from .recording.buffer import RunBuffer
from .recording.build import SiteCache
from .recording.event import ATTR, CODE, LASTI, last_write
from .vocab import by_whom

MAX_PER_RERUN = 50
_IMMUTABLE = (bool, int, float, complex, str, bytes, tuple, frozenset, type(None))
#: id(object) -> (weakref to the recorder, key): objects seen in sessions' state.
_SHARED: dict[int, tuple[Any, str]] = {}


def add_warning(buf: Any, warning: RerunWarning) -> None:
    """Keep ``warning`` on the run (any object with ``warnings``), at most
    :data:`MAX_PER_RERUN` a run: every builder and the restore go through here."""
    if len(buf.warnings) < MAX_PER_RERUN:
        buf.warnings.append(warning)


_add = add_warning


def widget_cleanup(sites: SiteCache, buf: Any, key: str, info: dict[str, Any]) -> None:
    """Streamlit removed a widget's key because the widget was not rendered this run
    (``info``: the widget's registry entry; ``buf``: a run or the cleanup to come)."""
    file, line = sites.site(info.get("code"), info.get("lasti", -1))
    _add(buf, RerunWarning(
        "widget_cleanup", key,
        f"Streamlit removed '{key}' at the end of rerun {buf.index} because its widget was not rendered; "
        f"reading it later raises KeyError. Render the widget in every run, add persist_state=\"page\" to it "
        f"(Streamlit 1.60+; \"session\" also keeps it across page switches) if it takes that argument, or keep "
        f"the value under a key of your own (st.session_state['_{key}'] = st.session_state['{key}']).",
        file, line))


def refused_write(sites: SiteCache, buf: RunBuffer, key: str, frame: Any, exc: BaseException,
                  widget_info: dict[str, Any]) -> None:
    """A write Streamlit refused with an exception (the app sees that exception);
    ``widget_info`` is the registry entry of ``key``'s widget (empty if none)."""
    file, line = sites.site(frame.f_code, frame.f_lasti) if frame is not None else (None, None)
    if type(exc).__name__ == "StreamlitWidgetAlreadyInstantiatedError":
        wfile, wline = sites.site(widget_info.get("code"), widget_info.get("lasti", -1))
        where = f" (created at {wfile}:{wline})" if wfile else ""
        message = (f"'{key}' is written at {file}:{line} after its widget{where} was created in this run: Streamlit "
                   "raises StreamlitAPIException. Set it before the widget is created, or from the widget's "
                   "on_change/on_click callback, which runs before the script.")
    else:
        message = f"Streamlit refused to set '{key}' at {file}:{line}: {exc}"
    _add(buf, RerunWarning("write_after_widget", key, message, file, line))


def value_set_twice(sites: SiteCache, buf: RunBuffer, key: str, site: tuple[Any, int]) -> bool:
    """A keyed widget with a ``value=`` default is created (at the user's ``site``:
    code and offset) while ``key`` was set in this
    run. True when that value is the debugger's restore alone (the app did not write
    the key after it): Streamlit's "value= and session state" warning is then not the
    app's. Otherwise warn (``value_and_state``) and return False."""
    if key in buf.restored_keys:
        raw = last_write(buf.events, key)
        return not (raw is not None and raw[ATTR].source != "debugger")
    value_and_state(sites, buf, key, site)
    return False


def value_and_state(sites: SiteCache, buf: RunBuffer, key: str, site: tuple[Any, int]) -> None:
    """A widget created with a ``value=`` default while ``key`` was set through
    session state: Streamlit keeps the session-state value and ignores ``value=``."""
    file, line = sites.site(*site)
    writer = last_write(buf.events, key)
    if writer is not None:
        wfile, wline = sites.site(writer[CODE], writer[LASTI])
        set_at = " " + by_whom(writer[ATTR], f"{wfile}:{wline}" if wfile else None)
    else:
        set_at = " before this run (st.rerun() keeps values set in the run before)"
    _add(buf, RerunWarning(
        "value_and_state", key,
        f"the widget '{key}' is created at {file}:{line} with a value= default, but '{key}' was also set through "
        f"st.session_state{set_at}: Streamlit shows the session-state value and ignores value=. Use one of them: "
        f"drop value= and set '{key}' once (if '{key}' not in st.session_state: ...), or stop writing the key.",
        file, line))


class _Kept(Protocol):
    @property
    def tracker(self) -> StateTracker: ...


class Live(Protocol):
    """What :func:`shared_objects` reads of a session's recorder (its ``DebugSession``'s tracker)."""

    dead: bool

    @property
    def debug(self) -> _Kept: ...


def shared_objects(rec: Live, state: dict[str, Any]) -> list[RerunWarning]:
    """The same mutable object in the state of two live sessions: almost always a
    module-level object every browser session shares by accident."""
    out = []
    mine = {}
    for key, value in state.items():
        if value is None or type(value) in _IMMUTABLE:
            continue
        mine[id(value)] = key
        other = _SHARED.get(id(value))
        if other is None:
            continue
        other_rec, other_key = other[0](), other[1]
        if other_rec is None or other_rec is rec or other_rec.dead:
            continue
        entry = other_rec.debug.tracker.last_fps.get(other_key)
        if entry is not None and entry[0] is value and len(out) < 20:
            out.append(RerunWarning(
                "shared_object", key,
                f"st.session_state['{key}'] is the very object another browser session holds as '{other_key}': "
                "a module-level object shared by every session, so one user's changes show up for the others. "
                "Store a copy (copy.deepcopy) or create it inside the script."))
    ref = weakref.ref(rec)
    for oid, key in mine.items():
        _SHARED[oid] = (ref, key)
    if len(_SHARED) > 100_000:
        for oid in [o for o, (r, _) in _SHARED.items() if r() is None]:
            del _SHARED[oid]
    return out


def rerun_loop(rec: Any, rerun: Any, ctx: Any, commit: bool) -> None:
    """Reruns that keep starting themselves (``st.rerun()`` every run, a component
    echoing): one ``rerun_loop`` warning per loop, kept on ``rerun`` (``loops.py``)."""
    from .loops import watch

    watch(rec, rerun, ctx, commit)
