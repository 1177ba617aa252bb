"""The proxy's fast path (issue 15): one context lookup per access, Streamlit's own
SafeSessionState doing the lookup. The app sees exactly what it sees natively; the
probe turns the shortcut off when a precondition changed, and the app still behaves
natively; without a script run nothing changes either."""

from __future__ import annotations

import logging

import pytest
from streamlit.runtime.state import session_state_proxy
from streamlit.runtime.state.safe_session_state import SafeSessionState

from st_state_debugger import guard, internals
from st_state_debugger.internals import probe as probe_module
from st_state_debugger.internals import proxy
from st_state_debugger.testing import trace_of
from tests.apptest.test_never_changes_the_app import _tree
from tests.conftest import app


@pytest.fixture(autouse=True)
def fresh_probe(monkeypatch):
    probe_module.forget()
    monkeypatch.setattr(guard, "_said_once", set())
    yield
    probe_module.forget()


def _drive(at):
    """First run, a browser value (held serialized until read), a rerun."""
    snapshots = [(_tree(at), [e.message for e in at.exception])]
    at.text_input(key="name").input("ada").run()
    snapshots.append((_tree(at), [e.message for e in at.exception]))
    at.slider(key="level").set_value(4).run()
    snapshots.append((_tree(at), [e.message for e in at.exception]))
    at.run()
    snapshots.append((_tree(at), [e.message for e in at.exception]))
    return snapshots


def _observe(monkeypatch, native: bool):
    monkeypatch.setenv("SSD_NATIVE", "1" if native else "0")
    if native:
        internals.uninstall()
    at = app("hotpath_semantics.py").run()
    return at, _drive(at)


def _texts(at) -> str:
    return "\n".join(t.value for t in at.text)


def _count_context_lookups(monkeypatch) -> list[int]:
    """Calls of Streamlit's get_session_state (what its own proxy methods call)."""
    calls = [0]
    original = session_state_proxy.get_session_state

    def counted():
        calls[0] += 1
        return original()

    monkeypatch.setattr(session_state_proxy, "get_session_state", counted)
    return calls


def test_every_access_kind_shows_the_app_native_values_exceptions_and_tracebacks(trace_dir, monkeypatch):
    _, native = _observe(monkeypatch, native=True)
    at, debugged = _observe(monkeypatch, native=False)
    assert proxy._fast  # the fast path was on
    assert debugged == native
    text = _texts(at)
    assert "['missing']: builtins.KeyError" in text and "AttributeError" in text
    assert "write after widget: streamlit.errors.StreamlitWidgetAlreadyInstantiatedError" in text
    assert "session_state_proxy.py" in text  # Streamlit's frames in the app's own format_exc()
    events = [e for r in trace_of(at).reruns for e in r.events]
    assert {(e.key, e.api, e.found) for e in events} >= {
        ("plain", "getitem", True), ("kept", "getitem", True), ("name", "getitem", True), ("missing", "getitem", False),
        ("missing", "contains", False), ("level", "contains", True), ("missing", "get", False),
        ("plain", "getattr", True), ("1", "getitem", True)}
    assert {(e.key, e.api) for e in events if e.op == "write"} >= {("plain", "setitem"), ("other", "setattr"), ("1", "setitem")}


def test_a_found_key_is_read_without_streamlit_looking_the_context_up_again(trace_dir, monkeypatch):
    calls = _count_context_lookups(monkeypatch)
    monkeypatch.setenv("SSD_NATIVE", "0")
    at = app("hotpath_semantics.py").run()
    before = calls[0]
    at.run()
    debugged = calls[0] - before
    monkeypatch.setenv("SSD_NATIVE", "1")
    internals.uninstall()
    native_at = app("hotpath_semantics.py").run()
    before = calls[0]
    native_at.run()
    native = calls[0] - before
    assert native > 5  # the app does reach session state natively
    assert debugged < native / 2, (debugged, native)
    assert trace_of(at).reruns[-1].events  # and it was recorded


def test_a_changed_precondition_turns_the_shortcut_off_and_the_app_still_behaves_natively(trace_dir, monkeypatch, caplog):
    original = SafeSessionState.__getitem__

    def __getitem__(self, key):  # a release whose SafeSessionState reads another way
        return original(self, key)

    monkeypatch.setattr(SafeSessionState, "__getitem__", __getitem__)
    _, native = _observe(monkeypatch, native=True)
    calls = _count_context_lookups(monkeypatch)
    with caplog.at_level(logging.INFO, logger="st_state_debugger"):
        at, debugged = _observe(monkeypatch, native=False)
    assert not proxy._fast and not internals.feature_on("fastpath")
    assert debugged == native
    messages = [r.getMessage() for r in caplog.records if r.name == "st_state_debugger"]
    assert len(messages) == 1 and "SafeSessionState.__getitem__" in messages[0] and "the fast access path" in messages[0]
    assert calls[0] > 0  # every access took Streamlit's own proxy method
    assert any(e.key == "plain" and e.api == "getitem" for r in trace_of(at).reruns for e in r.events)


def test_a_release_whose_lookup_moved_fails_the_probes_own_run_of_the_shortcut(monkeypatch):
    from streamlit.runtime.state.session_state import SessionState

    def _getitem(self, widget_id, user_key):  # same names, values kept elsewhere
        if user_key == "new":
            raise KeyError(user_key)
        return 0

    monkeypatch.setattr(SessionState, "_getitem", _getitem)
    assert probe_module.fast_path_holds() is not None
    monkeypatch.undo()
    assert probe_module.fast_path_holds() is None


def test_without_a_script_run_every_access_is_streamlits_own(monkeypatch, caplog):
    """Outside a run (a bare script, a foreign thread): Streamlit's mock state and
    its one warning, with the hooks installed and the fast path on."""
    import streamlit as st

    internals.install()
    assert proxy._fast
    monkeypatch.setattr(session_state_proxy, "_mock_session_state", None)
    monkeypatch.setattr(session_state_proxy, "_state_use_warning_already_displayed", False)
    ss = st.session_state
    ss["k"] = 1
    assert ss["k"] == 1 and ss.k == 1 and "k" in ss and ss.get("k") == 1 and ss.get("x", 2) == 2
    with pytest.raises(KeyError) as err:
        ss["x"]
    assert 'st.session_state has no key "x"' in str(err.value)
    with pytest.raises(AttributeError, match='st.session_state has no attribute "x"'):
        _ = ss.x
    assert session_state_proxy._mock_session_state is not None
