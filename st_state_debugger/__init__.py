"""st_state_debugger: see every read, write and delete of ``st.session_state``.

Public API only::

    import st_state_debugger
    st_state_debugger.enable()          # top of the app; per browser session

``enable`` / ``disable`` / ``is_enabled`` act on the session whose script is running;
``current_trace`` / ``export_trace`` give that session's trace; ``load_trace``
reads a trace file back (docs/trace-format.md).
"""

from __future__ import annotations

import dataclasses
import os
from typing import TYPE_CHECKING, Any

from .breakpoints import StateBreakpoint
from .config import DEFAULT_REDACT, REDACTED, Options, build_options
from .config import __version__ as __version__
from .guard import LOGGER, say_once, trip
from .model import Trace
from .panel.requests import set_watch as _set_watch
from .trace import TraceError, dumps_trace, load_trace
from .vocab import BREAK_SOURCES

if TYPE_CHECKING:
    from .recording.debug_session import DebugSession

__all__ = [
    "DEFAULT_REDACT", "REDACTED", "Options", "Trace", "TraceError",
    "StateBreakpoint", "break_on", "clear_breaks",
    "current_trace", "disable", "enable", "export_trace", "is_enabled", "load_trace", "pause", "resume", "watch",
]


def _session() -> tuple[Any, Any] | None:
    """(ctx, recorder or None) for the running script, or None outside a Streamlit run."""
    from . import internals as hooks

    ctx = hooks.current_ctx()
    if ctx is None:
        return None
    return ctx, hooks.recorder_of(hooks.inner_state(ctx))


def enable(**options: Any) -> bool:
    """Record this browser session's use of ``st.session_state``.

    Idempotent: call it at the top of the app on every run. Options (keyword
    arguments) are documented on :class:`Options`; an unknown one raises TypeError.

    Returns:
        True if this session is being recorded. False outside a Streamlit run
        (``python app.py``), on an unsupported Streamlit version, or after the
        debugger switched itself off for this session; each reason is logged once.
    """
    opts = build_options(**options)
    try:
        from . import internals as hooks
    except Exception as exc:  # an incompatible Streamlit cannot even be imported against
        say_once("import", f"st_state_debugger is disabled: cannot hook this Streamlit ({type(exc).__name__}: {exc}).")
        return False
    if hooks.refusal() is not None:  # below the range, a changed core hook point, or STRICT (logged once)
        return False
    found = _session()
    if found is None:
        say_once("bare", "st_state_debugger.enable() does nothing outside a Streamlit run; start the app with `streamlit run app.py`.")
        return False
    ctx, rec = found
    if rec is not None:
        if not rec.dead and opts != rec.options:
            _change_options(rec, opts)
        return not rec.dead
    from .recorder import Recorder

    inner = hooks.inner_state(ctx)
    try:
        hooks.install()
        rec = Recorder(opts, inner, ctx)
        hooks.attach(inner, rec)
        rerun = hooks.rerun_data_of(ctx)
        rec.begin_run(ctx, rerun[0] if rerun else None, rerun[1] if rerun else None)
    except Exception as exc:
        if rec is not None:
            trip(rec, "enable", exc)
        else:
            LOGGER.warning("st_state_debugger could not start (%s: %s); the app runs on unchanged.", type(exc).__name__, exc)
        return False
    return True


#: Options a live session can take from a later ``enable()`` call: each is read
#: afresh at every rerun. The others shape what is already recorded (redaction,
#: summaries, copies, the trace file and its header) and keep their first value.
LIVE_OPTIONS = ("panel", "allow_remote", "max_events_per_rerun")


def _change_options(rec: Any, opts: Options) -> None:
    """Apply a later ``enable()`` call's options to a live session.

    ``enable()`` runs at the top of every rerun, so ``enable(panel=show)`` with a
    checkbox's value is a real use: those options take effect from this rerun on.
    The rest cannot change under a running session without making what is already
    recorded inconsistent; they are named in one warning per session and set of names.
    """
    changed = [f.name for f in dataclasses.fields(Options) if getattr(opts, f.name) != getattr(rec.options, f.name)]
    live = {name: getattr(opts, name) for name in changed if name in LIVE_OPTIONS}
    ignored = [name for name in changed if name not in LIVE_OPTIONS]
    if live:
        rec.options = dataclasses.replace(rec.options, **live)
    if ignored:
        say_once(
            f"options-{id(rec)}-{','.join(ignored)}",
            "st_state_debugger.enable() was called again in this session with other "
            f"{', '.join(ignored)}; they keep their first values until a new session "
            f"(reload the page). Options that apply at once: {', '.join(LIVE_OPTIONS)}.",
        )


def disable() -> None:
    """Stop recording this session (its trace file is closed; the app is untouched)."""
    found = _session()
    if found is None or found[1] is None:
        return
    found[1].shut_down(detach=True)


def _controls() -> DebugSession | None:
    """The running session's controls (paused, breakpoints, watched): the public calls
    below change only these, as the panel's requests do, never the recorder."""
    found = _session()
    return found[1].debug if found is not None and found[1] is not None else None


def pause() -> None:
    """Stop recording this session from the next rerun on (indices keep counting, so
    the paused reruns show as a gap); the panel stays. ``resume()`` continues."""
    session = _controls()
    if session is not None:
        session.paused = True


def resume() -> None:
    """Record again from the next rerun on; its diff covers everything that changed
    while paused."""
    session = _controls()
    if session is not None:
        session.paused = False


def break_on(key: str, source: str | None = None, action: str = "raise") -> None:
    """Stop at the next write of ``key`` in this session (from ``source`` only:
    "script", "callback", "widget" or "streamlit"), before it lands.

    ``action="raise"`` (the default) raises ``StateBreakpoint`` there, so the app's
    error shows the stack of the code that wrote it. ``action="breakpoint"`` calls
    Python's ``breakpoint()`` instead: pdb, VS Code (debugpy) or whatever
    ``PYTHONBREAKPOINT`` names gets control with the writing line of the app on the
    stack; when it continues, the write lands and the app runs on
    (``PYTHONBREAKPOINT=0``: nothing happens). ``clear_breaks()`` removes them all.
    """
    from .breakpoints import BREAK_ACTIONS

    if source is not None and (source == "any" or source not in BREAK_SOURCES):  # the panel's menu offers the same
        raise ValueError(f"source must be script, callback, widget, streamlit or None, not {source!r}")
    if action not in BREAK_ACTIONS:
        raise ValueError(f"action must be raise or breakpoint, not {action!r}")
    session = _controls()
    if session is not None:
        session.breakpoints.set(str(key), source, action)  # type: ignore[arg-type] - checked above


def watch(*keys: str) -> None:
    """Pin ``keys`` in this session's panel: a small table of each one's value over
    time, every change with its source (the panel's pin button does the same)."""
    session = _controls()
    if session is not None:
        for key in keys:
            _set_watch(session, str(key), True)


def clear_breaks() -> None:
    """Remove every break_on() of this session."""
    session = _controls()
    if session is not None:
        session.breakpoints.clear()


def is_enabled() -> bool:
    """True if the running session is being recorded."""
    found = _session()
    return bool(found and found[1] is not None and not found[1].dead)


def current_trace() -> Trace | None:
    """The running session's trace so far (the reruns kept in memory), or None."""
    found = _session()
    if found is None or found[1] is None:
        return None
    rec = found[1]
    return Trace(header=dict(rec.debug.header), reruns=list(rec.debug.store.reruns))


def export_trace(path: str | os.PathLike[str] | None = None) -> bytes:
    """The running session's trace as JSON Lines bytes; also written to ``path`` if given.

    Redaction is the same as in the recorded trace. Never overwrites: an existing
    ``path`` raises FileExistsError.
    """
    trace = current_trace()
    if trace is None:
        raise RuntimeError("export_trace() needs a session with st_state_debugger.enable() active")
    data = dumps_trace(trace.header, trace.reruns)
    if path is not None:
        with open(path, "xb") as f:
            f.write(data)
    return data
