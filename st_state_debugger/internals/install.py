"""Install and uninstall: put the hooks in place once per process, and take them back.

Stage: **set-up**. Patching is idempotent and every patch is undone by
:func:`uninstall`; only the hook points the start-up probe kept are installed.
"""

from __future__ import annotations

import threading

import streamlit

from . import rerun_site
from .names import ScriptRequests as _ScriptRequests
from .names import SessionStateProxy, get_session_state, require_valid_user_key
from .names import policies as _policies
from .names import script_runner as _script_runner
from .notify import tell
from .probe import feature_on, forget, refusal
from .proxy import (
    NATIVE_GETITEM_BODY,
    DebugProxy,
    _attr_miss,
    _break,
    _contained,
    _getitem_in_streamlits_frame,
    _keys_before_clear,
    _native_setattr,
    _problem,
    _record,
    _running_buffer,
    _whole,
)
from .relabel import _relabel, stand_in
from .runner import (
    _exec_with_debugger,
    _original_exec,
    _original_request_stop,
    _original_rules,
    _panel_even_on_error,
    _request_stop_with_panel,
    _rules_with_debugger,
)
from .session import SessionHooks, _arg

_install_lock = threading.Lock()


def _relabel_all() -> None:
    for cls in (DebugProxy, SessionHooks):
        for value in vars(cls).values():
            if callable(value) and hasattr(value, "__code__"):
                _relabel(value)
    for fn in (_record, _whole, _problem, _attr_miss, _keys_before_clear, _contained, _running_buffer, tell,
               _exec_with_debugger, _panel_even_on_error, _rules_with_debugger, _break, _native_setattr, _arg):
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
#: ``ss[key]`` recorded in Streamlit's own frame (no frame of the debugger's for a
#: KeyError to pass through), when this release's method is the body it expects;
#: else DebugProxy.__getitem__, which hides its frame from the exceptions instead.
GETITEM_STAND_IN = stand_in(_getitem_in_streamlits_frame, _NATIVE_PROXY_ATTRS["__getitem__"], NATIVE_GETITEM_BODY) \
    if get_session_state is not None and require_valid_user_key is not None else None
if GETITEM_STAND_IN is not None:
    _PATCHES["__getitem__"] = GETITEM_STAND_IN


def installed() -> bool:
    return any(SessionStateProxy.__dict__.get(name) is value for name, value in _PATCHES.items())


def install() -> None:
    """Install H1, H3 and H4 once per process (idempotent; pass-through for other sessions).

    Only what the start-up probe kept: nothing when this Streamlit is refused, no
    widget-rule hook without its point, no ``st.stop()`` hook without the panel.
    """
    if refusal() is not None:
        return
    with _install_lock:
        _relabel_all()
        if not installed():
            for name, value in _PATCHES.items():
                setattr(SessionStateProxy, name, value)
        if not getattr(_script_runner.exec_func_with_error_handling, "_ssd_wrapped", False):
            _script_runner.exec_func_with_error_handling = _exec_with_debugger
        if feature_on("rules") and not getattr(_policies.check_session_state_rules, "_ssd_wrapped", False):
            _policies.check_session_state_rules = _rules_with_debugger
        if feature_on("panel"):
            _ScriptRequests.request_stop = _request_stop_with_panel  # type: ignore[method-assign]
        rerun_site.install()  # st.rerun() call sites (the rerun_loop warning)


def uninstall() -> None:
    """Undo H1, H3 and H4 (the tests do, after each one; ``disable()`` only detaches one session)."""
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
        rerun_site.uninstall()
        forget()  # the next install probes this Streamlit afresh

