"""The one door to Streamlit's private internals (1.64 and later).

Stage: **record** (entry points) and **set-up**. Nothing outside this package
imports a private Streamlit module or reads a ``_private`` Streamlit attribute
(``tests/unit/test_probe.py`` checks it). The modules, by job:

* ``names``: every private name imported once, and the table of hook points
  (module, attribute, expected signature or fields, the feature that needs it);
* ``probe``: the supported range (read back from the package's declared
  requirement), the start-up probe, which features run, the one log line;
* ``proxy``: H1, ``DebugProxy``'s methods set on ``SessionStateProxy`` (hot path);
* ``session``: H2, the per-session ``SessionState`` subclass (``SessionHooks``);
* ``runner``: H3/H4, the run boundary, ``st.stop()`` and the widget rules;
* ``listener``: the typed ``SessionListener`` Protocol the recorder implements;
  ``notify``: one decoder per event, from Streamlit's objects to a typed listener
  call, inside the guard (never a dispatch by name);
* ``state``, ``frames``, ``values``, ``client``: readers of Streamlit's stores,
  frames and client address; ``relabel``/``install``: hooks without frames of
  their own in tracebacks, and install/uninstall.

The rest of the package uses the names re-exported here.
"""

from __future__ import annotations

from .client import remote_ip, running_under_apptest
from .frames import (
    _LIBRARY_DIRS,
    _OWN_DIR,
    _internal_ids,
    _is_internal,
    add_app_dir,
    code_line,
    is_attribute_access,
    is_password_proto,
    user_frame,
    widget_proto,
    widget_site,
)
from .install import _NATIVE_PROXY_ATTRS, _PATCHES, install, installed, uninstall
from .names import ENV_AUTO_ENABLE, HOOK_POINTS
from .probe import (
    TESTED,
    declared_range,
    feature_on,
    in_range,
    missing_internals,
    refusal,
)
from .proxy import DebugProxy, _record, arm_breaks
from .runner import (
    _exec_with_debugger,
    _original_exec,
    _original_rules,
    _rules_with_debugger,
    run_streamlit,
)
from .session import SessionHooks, attach, detach, recorder_of
from .state import (
    applies_browser_values,
    callback_name,
    callback_target,
    current_ctx,
    current_fragment_id,
    drop_browser_value,
    forget_panel_widget,
    fragment_ids_this_run,
    fragment_name,
    has_key_raw,
    inner_state,
    is_panel_widget,
    is_trigger_widget,
    key_widget_id,
    main_script_dir,
    page_of,
    raw_value,
    recorder_of_apptest,
    rerun_data_of,
    run_buffer,
    set_in_this_run,
    set_run_buffer,
    state_after_run_end,
    trigger_widget_keys,
    user_keys,
    user_state,
    widget_key_of,
    widget_metadata,
    widget_value,
    widget_value_type,
)
from .values import _ATOMS, COPY_BUDGET, NOT_READ, NOVAL, AtEnd, Copied, at_access

__all__ = [
    "COPY_BUDGET",
    "ENV_AUTO_ENABLE",
    "HOOK_POINTS",
    "NOT_READ",
    "NOVAL",
    "TESTED",
    "_ATOMS",
    "_LIBRARY_DIRS",
    "_NATIVE_PROXY_ATTRS",
    "_OWN_DIR",
    "_PATCHES",
    "AtEnd",
    "Copied",
    "DebugProxy",
    "SessionHooks",
    "_exec_with_debugger",
    "_internal_ids",
    "_is_internal",
    "_original_exec",
    "_original_rules",
    "_record",
    "_rules_with_debugger",
    "add_app_dir",
    "applies_browser_values",
    "arm_breaks",
    "at_access",
    "attach",
    "callback_name",
    "callback_target",
    "code_line",
    "current_ctx",
    "current_fragment_id",
    "declared_range",
    "detach",
    "drop_browser_value",
    "feature_on",
    "forget_panel_widget",
    "fragment_ids_this_run",
    "fragment_name",
    "has_key_raw",
    "in_range",
    "inner_state",
    "install",
    "installed",
    "is_attribute_access",
    "is_panel_widget",
    "is_password_proto",
    "is_trigger_widget",
    "key_widget_id",
    "main_script_dir",
    "missing_internals",
    "page_of",
    "raw_value",
    "recorder_of",
    "recorder_of_apptest",
    "refusal",
    "remote_ip",
    "rerun_data_of",
    "run_buffer",
    "run_streamlit",
    "running_under_apptest",
    "set_in_this_run",
    "set_run_buffer",
    "state_after_run_end",
    "trigger_widget_keys",
    "uninstall",
    "user_frame",
    "user_keys",
    "user_state",
    "widget_key_of",
    "widget_metadata",
    "widget_proto",
    "widget_site",
    "widget_value",
    "widget_value_type",
]
