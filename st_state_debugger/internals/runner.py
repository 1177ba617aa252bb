"""H3 and H4: the run boundary and the widget rules, wrapped module functions.

Stage: **record** (entry points from Streamlit). ``exec_func_with_error_handling``
gives the run's start (before callbacks), its ``RerunData`` (read from the run
function's defaults and closure) and its outcome; ``ScriptRequests.request_stop``
the app's ``st.stop()``; ``policies.check_session_state_rules`` the keyed widgets
whose value may not be set and those given both ``value=`` and a state value.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from .. import guard
from .names import (
    BUF as _BUF,
)
from .names import (
    CTX_ATTR as SCRIPT_RUN_CONTEXT_ATTR_NAME,
)
from .names import (
    ENV_AUTO_ENABLE,
)
from .names import (
    RERUN as _RERUN,
)
from .names import (
    ScriptRequests as _ScriptRequests,
)
from .names import (
    execution_control as _execution_control,
)
from .names import (
    get_ident as _get_ident,
)
from .names import (
    getframe as _getframe,
)
from .names import (
    policies as _policies,
)
from .names import (
    script_runner as _script_runner,
)
from .names import (
    thread_by_ident as _thread_by_ident,
)
from .notify import tell, widget_rules
from .probe import feature_on
from .relabel import _hide_own_frame
from .session import _arg, recorder_of
from .state import current_ctx, inner_state

__all__ = ["_hide_own_frame"]  # the relabelled code below names it


_original_exec = _script_runner.exec_func_with_error_handling


def _exec_with_debugger(func: Callable[[], Any], ctx: Any, *args: Any, **kwargs: Any) -> Any:
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
        if rec is not None and rec.options.panel and feature_on("panel"):
            func = _panel_even_on_error(func, rec, ctx)
    except Exception as err:
        guard.trip(rec, "run start", err)
        rec = None
    result = _original_exec(func, ctx, *args, **kwargs)
    if rec is not None and not rec.dead:
        try:
            rec.body_done(ctx, result)
            if not feature_on("cleanup"):  # no on_script_finished hook: the run ends here
                buf = ctx.__dict__.get(_BUF)
                if buf is not None and not buf.finished:
                    rec.finish(buf, ctx)
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


def _request_stop_with_panel(self: Any, *args: Any, **kwargs: Any) -> None:
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
    _original_request_stop(self, *args, **kwargs)


_original_rules = _policies.check_session_state_rules


def _rules_with_debugger(*args: Any, **kwargs: Any) -> None:
    """Streamlit checks a keyed widget's session-state rules as it creates it: seen
    here are widgets whose value may not be set (buttons, uploaders) and widgets
    given both ``value=`` and a session-state value. A value only the debugger's
    restore set is not the app's doing: Streamlit is not asked to warn about it.
    Streamlit's arguments go on unchanged otherwise."""
    key = _arg(None, args, kwargs, 1, "key")
    default_value = _arg(None, args, kwargs, 0, "default_value")
    if key is not None and (default_value is not None or not _arg(None, args, kwargs, 2, "writes_allowed", True)):
        ctx = getattr(_thread_by_ident(_get_ident()), SCRIPT_RUN_CONTEXT_ATTR_NAME, None)
        if ctx is not None:
            writes_allowed = _arg(None, args, kwargs, 2, "writes_allowed", True)
            restored = tell(ctx.session_state._state, widget_rules, default_value, key, writes_allowed,
                            _getframe(1))
            if restored:  # the rules still run; only the "value= and session state" warning is off
                if args:
                    args = (None, *args[1:])
                else:
                    kwargs = {**kwargs, "default_value": None}
    return _original_rules(*args, **kwargs)


_rules_with_debugger._ssd_wrapped = True  # type: ignore[attr-defined]


def run_streamlit(args: list[str]) -> int:
    """Run Streamlit's own command line (``streamlit <args>``) in this process."""
    from streamlit.web import cli as streamlit_cli

    try:
        streamlit_cli.main(args=args, prog_name="streamlit", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0
