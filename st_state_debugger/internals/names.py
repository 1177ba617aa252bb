"""Every private Streamlit name the debugger uses, imported here and nowhere else.

Stage: **set-up**. The rest of ``internals/`` takes Streamlit's objects from this
module, so a release that moves one fails in one place, and :data:`HOOK_POINTS`
lists each name with what the debugger expects of it (the parameters of every
method it overrides or calls, the fields it reads) and the feature that needs it.
``probe.py`` checks the table at start-up; ``install.py`` installs only the
overrides whose feature held.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit
from streamlit.commands import execution_control
from streamlit.elements.lib import policies
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.metrics_util import gather_metrics
from streamlit.runtime.scriptrunner import script_runner
from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequests
from streamlit.runtime.scriptrunner_utils.script_run_context import (
    SCRIPT_RUN_CONTEXT_ATTR_NAME,
)
from streamlit.runtime.state import session_state as ss_module
from streamlit.runtime.state.common import (
    GENERATED_ELEMENT_ID_PREFIX,
    is_element_id,
    is_keyed_element_id,
)
from streamlit.runtime.state.safe_session_state import SafeSessionState
from streamlit.runtime.state.session_state import SessionState, Value
from streamlit.runtime.state.session_state_proxy import SessionStateProxy

__all__ = [
    "CTX_ATTR", "GENERATED_ELEMENT_ID_PREFIX", "HOOK_POINTS", "NATIVE_PROXY", "HookPoint", "SafeSessionState",
    "ScriptRequests", "SessionState",
    "SessionStateProxy", "StreamlitAPIException", "Value", "execution_control", "gather_metrics",
    "get_session_state", "is_element_id", "is_keyed_element_id", "policies", "require_valid_user_key",
    "script_runner", "ss_module",
]

#: Where Streamlit keeps the running ScriptRunContext on its thread.
CTX_ATTR = SCRIPT_RUN_CONTEXT_ATTR_NAME
STREAMLIT_DIR = os.path.dirname(streamlit.__file__)
ENV_AUTO_ENABLE = "ST_STATE_DEBUGGER"  # "1": enable every session (set by the CLI)
BUF = "_ssd_run"  # attribute on a ScriptRunContext: the RunBuffer of that run
RERUN = "_ssd_rerun_data"  # attribute on a ScriptRunContext: (RerunData, ScriptRunner)
RUN_FLAG_KEY = getattr(script_runner, "SCRIPT_RUN_WITHOUT_ERRORS_KEY", "$$STREAMLIT_INTERNAL_KEY_SCRIPT_RUN_WITHOUT_ERRORS")

# The hot path finds the running thread with two C calls instead of the
# pure-Python threading.current_thread() (~70 ns of a ~500 ns budget).
thread_by_ident = threading._active.get  # type: ignore[attr-defined]
get_ident = threading.get_ident
getframe = sys._getframe

#: Features a failed hook point turns off (the others keep running). "recording"
#: is the core: without it the debugger refuses for the whole process.
CORE = "recording"
FEATURES = {
    CORE: "recording",
    "browser": "browser widget values",
    "callbacks": "callback attribution",
    "widgets": "widget sites, defaults and resets",
    "cleanup": "cleanup attribution",
    "rules": "widget rule warnings",
    "panel": "the panel",
    "fragments": "fragment names",
    "fastpath": "the fast access path (accesses take Streamlit's own proxy methods instead)",
}


@dataclass(frozen=True)
class HookPoint:
    """One private name: where it lives, what the debugger expects, who needs it.

    Attributes:
        name: how messages name it (``SessionState.register_widget``).
        owner: returns the object holding ``attr`` (lazily: some live in modules
            imported only when the point is probed).
        attr: dotted attribute path under ``owner()``.
        feature: the key in :data:`FEATURES` that depends on it.
        params: expected parameters (see ``probe.shape``), or None: only present.
        fields: dataclass fields the debugger reads, or None.
        code: ``(code name, names)``: the function's code, or a code object nested
            in it with that name ("" for its own), must use all of ``names`` (its
            arguments, closure cells or attributes): what the debugger reads from
            Streamlit's frames and closures.
    """

    name: str
    owner: Callable[[], Any]
    attr: str
    feature: str
    params: str | None = None
    fields: tuple[str, ...] | None = None
    code: tuple[str, tuple[str, ...]] | None = None


def _session_state() -> Any:
    return SessionState


def _proxy() -> Any:
    return SessionStateProxy


def _mapper_class() -> Any:
    return ss_module.KeyIdMapper


def _w_states() -> Any:
    return ss_module.WStates


def _components_v2() -> Any:
    from streamlit.components import v2

    return v2


def _renderer() -> Any:
    from streamlit.components.v2 import types

    return types.ComponentRenderer


def _session_manager() -> Any:
    from streamlit.runtime import session_manager

    return session_manager


def _runtime() -> Any:
    from streamlit.runtime import Runtime

    return Runtime


def _thread_state() -> Any:
    from streamlit.runtime.scriptrunner_utils import script_run_context

    return script_run_context


def _form_mixin() -> Any:
    from streamlit.elements import form

    return form.FormMixin


def _fragment_module() -> Any:
    from streamlit.runtime import fragment

    return fragment


def _script_runner_class() -> Any:
    return script_runner.ScriptRunner


def _callback_mod() -> Any:
    from streamlit.runtime.state import session_state

    return session_state


def _fragment_mod() -> Any:
    from streamlit.runtime import fragment

    return fragment.MemoryFragmentStorage


def _pages_mod() -> Any:
    from streamlit.runtime.scriptrunner_utils import script_run_context

    return script_run_context.ScriptRunContext


def _safe_state() -> Any:
    return SafeSessionState


def _shared_run_state() -> Any:
    from streamlit.runtime.scriptrunner_utils import shared_run_state

    return shared_run_state.SharedRunState


def _state_common() -> Any:
    from streamlit.runtime.state import common

    return common


def _metrics() -> Any:
    from streamlit.runtime import metrics_util

    return metrics_util


#: The functions Streamlit's own ``SessionStateProxy.__getitem__`` calls, as its
#: module has them (None if this release has no such name): proxy's stand-in for
#: that method runs the same lines (``relabel.stand_in`` checks the body).
_proxy_module_names = vars(sys.modules[SessionStateProxy.__module__])
get_session_state: Any = _proxy_module_names.get("get_session_state")
require_valid_user_key: Any = _proxy_module_names.get("require_valid_user_key")
#: SessionStateProxy's own item methods as imported, before any install puts the
#: debugger's on the class: what the fast path's hook points check.
NATIVE_PROXY = type("NativeProxy", (), {n: SessionStateProxy.__dict__[n] for n in ("__getitem__", "__setitem__")})


_S, _P = _session_state, _proxy
_SS_FIELDS = ("_old_state", "_new_session_state", "_new_widget_state", "_key_id_mapper", "query_params",
              "_query_param_bound_widget_ids", "_persist_tracker", "_current_interaction_widget_states")

#: Every private name the debugger relies on, with the parameters it passes or reads
#: (``probe.fits``: optional parameters Streamlit adds fit; verified on 1.64.0,
#: 1.65.0, 1.66.1, 1.67.0). MUST stay in sync with the
#: overrides in proxy.py/session.py/runner.py and the readers in state.py.
HOOK_POINTS: tuple[HookPoint, ...] = (
    # H1: the proxy (every user operation)
    *(HookPoint(f"SessionStateProxy.{n}", _P, n, CORE, p) for n, p in (
        ("__getitem__", "self, key"), ("__setitem__", "self, key, value"), ("__delitem__", "self, key"),
        ("__getattr__", "self, key"), ("__setattr__", "self, key, value"), ("__delattr__", "self, key"),
        ("__iter__", "self"), ("__len__", "self"), ("__str__", "self"), ("to_dict", "self"))),
    # H2: the per-session SessionState (stores read directly, overrides)
    HookPoint("SessionState (dataclass fields)", _S, "__dataclass_fields__", CORE, fields=_SS_FIELDS),
    HookPoint("WStates (dataclass fields)", _w_states, "__dataclass_fields__", CORE, fields=("states", "widget_metadata")),
    HookPoint("KeyIdMapper.id_key_mapping", _mapper_class, "id_key_mapping", CORE),
    HookPoint("KeyIdMapper.get_id_from_key", _mapper_class, "get_id_from_key", CORE, "self, key, default"),
    HookPoint("session_state._is_internal_key", _callback_mod, "_is_internal_key", CORE, "key"),
    HookPoint("session_state.STREAMLIT_INTERNAL_KEY_PREFIX", _callback_mod, "STREAMLIT_INTERNAL_KEY_PREFIX", CORE),
    HookPoint("SessionState.__setitem__", _S, "__setitem__", CORE, "self, user_key, value"),
    HookPoint("SessionState.__delitem__", _S, "__delitem__", CORE, "self, key"),
    HookPoint("SessionState.is_new_state_value", _S, "is_new_state_value", CORE, "self, user_key"),
    HookPoint("SessionState._widget_changed", _S, "_widget_changed", "browser", "self, widget_id"),
    HookPoint("SessionState.on_script_will_rerun", _S, "on_script_will_rerun", "browser",
              "self, fresh_widget_states"),
    HookPoint("SessionState._run_callback_and_record_rerun", _S, "_run_callback_and_record_rerun", "callbacks", "self, votes, run"),
    HookPoint("SessionState._execute_widget_callback", _S, "_execute_widget_callback", "callbacks",
              "self, votes, callback_fn, cb_metadata, cb_args, cb_kwargs"),
    HookPoint("WStates.call_callback", _w_states, "call_callback", "callbacks", "self, widget_id"),
    HookPoint("SessionState.register_widget", _S, "register_widget", "widgets", "self, metadata, user_key"),
    HookPoint("SessionState.reset_state_value", _S, "reset_state_value", "widgets", "self, user_key, value"),
    HookPoint("FormMixin._form_submit_button", _form_mixin, "_form_submit_button", "widgets", code=("", ("form_id",))),
    HookPoint("SessionState.on_script_finished", _S, "on_script_finished", "cleanup",
              "self, widget_ids_this_run, *, remove_stale_widgets"),
    HookPoint("SessionState._remove_stale_widgets", _S, "_remove_stale_widgets", "cleanup", "self, active_widget_ids"),
    HookPoint("SessionState._reset_triggers", _S, "_reset_triggers", "cleanup", "self"),
    HookPoint("SessionState.maybe_check_serializable", _S, "maybe_check_serializable", "panel", "self"),
    # H3: the run boundary
    HookPoint("script_runner.exec_func_with_error_handling", lambda: script_runner, "exec_func_with_error_handling",
              CORE, "func, ctx"),
    HookPoint("ScriptRequests.request_stop", lambda: ScriptRequests, "request_stop", "panel", "self"),
    HookPoint("execution_control.stop", lambda: execution_control, "stop", "panel"),
    HookPoint("ScriptRunner._run_script (code_to_exec's rerun_data and self)", _script_runner_class, "_run_script", CORE,
              "self, rerun_data", code=("code_to_exec", ("rerun_data", "self"))),
    HookPoint("ScriptRunner._fragment_storage", _script_runner_class, "__init__", "fragments",
              code=("", ("_fragment_storage",))),
    HookPoint("MemoryFragmentStorage.lookup", _fragment_mod, "lookup", "fragments", "self, key"),
    HookPoint("fragment wrapper's non_optional_func", _fragment_module, "_fragment", "fragments",
              code=("wrap", ("non_optional_func",))),
    HookPoint("ScriptRunContext.fragment_ids_this_run", _pages_mod, "__dataclass_fields__", "fragments",
              fields=("fragment_ids_this_run", "pages_manager", "session_id", "session_state")),
    HookPoint("ThreadState.get", _thread_state, "ThreadState.get", "panel"),
    # H4: widget rules
    HookPoint("policies.check_session_state_rules", lambda: policies, "check_session_state_rules", "rules",
              "default_value, key, writes_allowed"),
    # the panel: Components v2 and the client address (fail closed: no address, no panel)
    HookPoint("components.v2.component", _components_v2, "component", "panel", "name, *, html, css, js"),
    HookPoint("ComponentRenderer.__call__", _renderer, "__call__", "panel",
              "self, *, data, **on_callbacks"),
    HookPoint("Runtime.get_client", _runtime, "get_client", "panel", "self, session_id"),
    HookPoint("Runtime._instance", _runtime, "_instance", "panel"),
    HookPoint("SessionClient.client_context", _session_manager, "SessionClient.client_context", "panel"),
    HookPoint("ClientContext.remote_ip", _session_manager, "ClientContext.remote_ip", "panel"),
    HookPoint("ClientContext.headers", _session_manager, "ClientContext.headers", "panel"),
    # the fast path (proxy._peek/_look/_plain_write): what the shortcut past Streamlit's
    # proxy method relies on; probe.fast_path_holds also runs it on a real SessionState
    HookPoint("SessionStateProxy.__getitem__ (native body)", lambda: NATIVE_PROXY, "__getitem__", "fastpath",
              "self, key", code=("", ("require_valid_user_key", "get_session_state"))),
    HookPoint("SessionStateProxy.__setitem__ (native body)", lambda: NATIVE_PROXY, "__setitem__", "fastpath",
              "self, key, value", code=("", ("require_valid_user_key", "get_session_state"))),
    HookPoint("common.require_valid_user_key", _state_common, "require_valid_user_key", "fastpath", "key",
              code=("", ("is_element_id",))),
    HookPoint("common.is_element_id", _state_common, "is_element_id", "fastpath", "key",
              code=("", ("GENERATED_ELEMENT_ID_PREFIX",))),
    HookPoint("SafeSessionState.__getitem__", _safe_state, "__getitem__", "fastpath", "self, key",
              code=("", ("_yield_callback", "_lock", "_state"))),
    HookPoint("SafeSessionState.__setitem__", _safe_state, "__setitem__", "fastpath", "self, key, value",
              code=("", ("_yield_callback", "_lock", "_state"))),
    HookPoint("SessionState._getitem", _S, "_getitem", "fastpath", "self, widget_id, user_key",
              code=("", ("_new_session_state", "_new_widget_state", "_old_state"))),
    HookPoint("SessionState.__setitem__ (refusals)", _S, "__setitem__", "fastpath", "self, user_key, value",
              code=("", ("widget_ids_this_run", "form_ids_this_run", "get_id_from_key"))),
    HookPoint("KeyIdMapper._key_id_mapping", _mapper_class, "__dataclass_fields__", "fastpath",
              fields=("_key_id_mapping",)),
    HookPoint("ScriptRunContext (fast path fields)", _pages_mod, "__dataclass_fields__", "fastpath",
              fields=("session_state", "gather_usage_stats", "shared")),
    HookPoint("SharedRunState.form_ids_this_run", _shared_run_state, "__init__", "fastpath",
              code=("", ("form_ids_this_run",))),
    HookPoint("gather_metrics tracks only with gather_usage_stats", _metrics, "gather_metrics", "fastpath",
              code=("wrapped_func", ("gather_usage_stats", "non_optional_func"))),
)

# st.rerun() call sites, for the rerun_loop warning (internals/rerun_site.py; loops.py)
FEATURES["rerun_site"] = "st.rerun() call sites"
HOOK_POINTS = (*HOOK_POINTS, HookPoint("execution_control._new_fragment_id_queue", lambda: execution_control,
                                       "_new_fragment_id_queue", "rerun_site", "ctx, scope"))
