"""One adapter for every Streamlit from 1.64 on (issue 13): the start-up probe decides.

A newer release than tested with the same surface records and says so once; a
release with one changed signature runs the app exactly as without the debugger,
with that feature off and one warning; below the range, or under
ST_STATE_DEBUGGER_STRICT=1 on an untested release, the debugger refuses.
Streamlit's own methods are changed the way a release would change them: a new
keyword in the method AND in Streamlit's call to it.
"""

from __future__ import annotations

import logging

import pytest
from streamlit.runtime.state.safe_session_state import SafeSessionState
from streamlit.runtime.state.session_state import SessionState

from st_state_debugger import guard, internals
from st_state_debugger.internals import probe as probe_module
from st_state_debugger.testing import trace_of
from tests.apptest.test_never_changes_the_app import _state, _tree
from tests.conftest import app


@pytest.fixture(autouse=True)
def fresh_probe(monkeypatch):
    """Each test probes the Streamlit it shapes, and may log its one line again."""
    probe_module.forget()
    monkeypatch.setattr(guard, "_said_once", set())
    monkeypatch.delenv(probe_module.ENV_STRICT, raising=False)
    yield
    probe_module.forget()


def _drive(at):
    at.button(key="inc").click().run()
    at.selectbox(key="pick").select("c").run()
    at.slider(key="level").set_value(2).run()
    return _tree(at), _state(at), [e.message for e in at.exception]


def _ours(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "st_state_debugger"]


def _native(monkeypatch):
    monkeypatch.setenv("SSD_NATIVE", "1")
    out = _drive(app("plain.py").run())
    monkeypatch.setenv("SSD_NATIVE", "0")
    return out


def _register_widget_takes_a_new_argument(monkeypatch) -> list[str]:
    """A release where ``SessionState.register_widget`` needs a new ``origin`` and
    Streamlit's own caller passes it (by keyword)."""
    seen: list[str] = []
    original = SessionState.register_widget

    def register_widget(self, metadata, user_key, origin):
        seen.append(origin)
        return original(self, metadata, user_key)

    def safe_register_widget(self, metadata, user_key):
        self._yield_callback()
        with self._lock:
            return self._state.register_widget(metadata, user_key, origin="script")

    monkeypatch.setattr(SessionState, "register_widget", register_widget)
    monkeypatch.setattr(SafeSessionState, "register_widget", safe_register_widget)
    return seen


def _on_script_finished_renames_a_keyword(monkeypatch) -> list[bool]:
    """A release where ``SessionState.on_script_finished``'s ``remove_stale_widgets=``
    (which the debugger reads) is called ``prune_widgets=``."""
    seen: list[bool] = []
    original = SessionState.on_script_finished

    def on_script_finished(self, widget_ids_this_run, *, prune_widgets=True):
        seen.append(prune_widgets)
        return original(self, widget_ids_this_run, remove_stale_widgets=prune_widgets)

    def safe_on_script_finished(self, widget_ids_this_run, *, remove_stale_widgets=True):
        with self._lock:
            self._state.on_script_finished(widget_ids_this_run, prune_widgets=remove_stale_widgets)

    monkeypatch.setattr(SessionState, "on_script_finished", on_script_finished)
    monkeypatch.setattr(SafeSessionState, "on_script_finished", safe_on_script_finished)
    return seen


def test_newer_release_with_an_unchanged_surface_records_and_logs_the_one_line(trace_dir, monkeypatch, caplog):
    monkeypatch.setattr("streamlit.__version__", "1.99.0")
    with caplog.at_level(logging.INFO, logger="st_state_debugger"):
        at = app("plain.py").run()
        _drive(at)
    n = len(internals.HOOK_POINTS) + 2  # and the traceback formatter, the fast path run
    newest = internals.TESTED[-1]
    assert _ours(caplog) == [f"Streamlit 1.99 is newer than tested (up to {newest}); all {n} hook points verified; recording"]
    trace = trace_of(at)
    assert [r.index for r in trace.reruns] == [1, 2, 3, 4]
    assert any(e.key == "n" and e.op == "write" for r in trace.reruns for e in r.events)


def test_release_with_a_changed_register_widget_runs_the_app_as_native_with_widget_sites_off_and_one_warning(
        trace_dir, monkeypatch, caplog):
    seen = _register_widget_takes_a_new_argument(monkeypatch)
    native = _native(monkeypatch)
    with caplog.at_level(logging.INFO, logger="st_state_debugger"):
        at = app("plain.py").run()
        observed = _drive(at)
    assert observed == native and set(seen) == {"script"}
    (message,) = _ours(caplog)
    assert "SessionState.register_widget signature (self, metadata, user_key, origin) does not fit (self, metadata, user_key)" in message
    assert "turned off: widget sites, defaults and resets; recording the rest" in message
    assert not internals.feature_on("widgets") and internals.feature_on("cleanup")
    trace = trace_of(at)  # the rest records: the script's own writes
    assert len(trace.reruns) == 4 and any(e.key == "n" and e.op == "write" for r in trace.reruns for e in r.events)


def test_release_with_a_changed_on_script_finished_runs_the_app_as_native_with_cleanup_attribution_off(
        trace_dir, monkeypatch, caplog):
    seen = _on_script_finished_renames_a_keyword(monkeypatch)
    native = _native(monkeypatch)
    with caplog.at_level(logging.INFO, logger="st_state_debugger"):
        at = app("plain.py").run()
        observed = _drive(at)
    assert observed == native and seen
    (message,) = _ours(caplog)
    assert "SessionState.on_script_finished" in message and "turned off: cleanup attribution; recording the rest" in message
    trace = trace_of(at)  # each run still ends, at the end of its body
    assert [r.index for r in trace.reruns] == [1, 2, 3, 4] and all(r.status == "ok" for r in trace.reruns)


@pytest.mark.parametrize("change", [_register_widget_takes_a_new_argument, _on_script_finished_renames_a_keyword])
def test_overrides_hand_new_arguments_on_to_streamlit_even_if_the_probe_let_them_in(change, trace_dir, monkeypatch):
    """The overrides forward ``*args, **kwargs``: an override with yesterday's
    signature would raise TypeError in Streamlit's script thread (the app hangs)."""
    seen = change(monkeypatch)
    native = _native(monkeypatch)
    monkeypatch.setattr(probe_module, "check_point", lambda point: None)  # every point "holds"
    at = app("plain.py").run()
    assert _drive(at) == native and seen
    assert len(trace_of(at).reruns) == 4


def test_below_the_supported_range_refuses_naming_the_range(monkeypatch, caplog):
    monkeypatch.setattr("streamlit.__version__", "1.63.2")
    monkeypatch.setenv("SSD_NATIVE", "0")
    with caplog.at_level(logging.INFO, logger="st_state_debugger"):
        at = app("plain.py").run()
    assert not at.exception and not internals.installed()
    assert _ours(caplog) == [
        f"st_state_debugger is disabled: it supports streamlit {internals.declared_range()} (tested up to "
        f"{internals.TESTED[-1]}), found 1.63.2. Install a supported Streamlit or upgrade st_state_debugger."]
    assert internals.declared_range() == ">=1.64"


def test_strict_refuses_a_newer_release_than_tested(monkeypatch, caplog):
    monkeypatch.setattr("streamlit.__version__", "1.99.0")
    monkeypatch.setenv(probe_module.ENV_STRICT, "1")
    with caplog.at_level(logging.INFO, logger="st_state_debugger"):
        at = app("plain.py").run()
    assert not at.exception and not internals.installed()
    (message,) = _ours(caplog)
    assert "Streamlit 1.99 is newer than tested" in message and "ST_STATE_DEBUGGER_STRICT=1 refuses" in message


def test_strict_refuses_a_changed_hook_point_instead_of_turning_its_feature_off(monkeypatch, caplog):
    _register_widget_takes_a_new_argument(monkeypatch)
    monkeypatch.setenv(probe_module.ENV_STRICT, "1")
    with caplog.at_level(logging.INFO, logger="st_state_debugger"):
        at = app("plain.py").run()
        at.button(key="inc").click().run()
    assert not at.exception and not internals.installed()
    (message,) = _ours(caplog)
    assert "st_state_debugger is disabled" in message and "SessionState.register_widget" in message


def test_no_client_address_hook_means_no_panel(trace_dir, monkeypatch):
    """Fail closed: a release without the client-address hook shows no panel (and
    the rest records)."""
    from streamlit.runtime import session_manager

    monkeypatch.delattr(session_manager.ClientContext, "remote_ip")
    at = app("plain.py").run()
    assert not internals.feature_on("panel")
    assert not [e for e in at.sidebar.get("bidi_component")]
    assert len(trace_of(at).reruns) == 1
