"""Shared fixtures: every test leaves Streamlit exactly as it found it."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.elements.lib import policies
from streamlit.runtime.scriptrunner import script_runner
from streamlit.runtime.state.session_state_proxy import SessionStateProxy
from streamlit.testing.v1 import AppTest

APPS = Path(__file__).parent / "apps"


@pytest.fixture(autouse=True)
def no_leftover_patches():
    """Undo the process-wide hooks after each test and prove nothing else leaked."""
    from st_state_debugger import internals

    original_exec = internals._original_exec
    yield
    internals.uninstall()
    assert type(st.session_state) is SessionStateProxy
    # copyreg caches __slotnames__ on the class when a test pickles the proxy (natively too)
    native = {k: v for k, v in internals._NATIVE_PROXY_ATTRS.items() if k != "__slotnames__"}
    assert {k: v for k, v in vars(SessionStateProxy).items() if k != "__slotnames__"} == native
    assert script_runner.exec_func_with_error_handling is original_exec
    assert policies.check_session_state_rules is internals._original_rules


@pytest.fixture()
def trace_dir(tmp_path, monkeypatch):
    """Every enabled session writes its trace here (ST_STATE_DEBUGGER_TRACE_DIR)."""
    directory = tmp_path / "traces"
    monkeypatch.setenv("ST_STATE_DEBUGGER_TRACE_DIR", str(directory))
    monkeypatch.delenv("SSD_NATIVE", raising=False)
    return directory


def app(name: str) -> AppTest:
    return AppTest.from_file(str(APPS / name), default_timeout=60)


def only_trace_file(directory: Path) -> Path:
    files = sorted(directory.glob("*.jsonl"))
    assert len(files) == 1, files
    return files[0]


def panel_data(at: AppTest) -> dict:
    """The ``PanelData`` the panel was last mounted with in an AppTest session."""
    import json

    (el,) = [e for e in at.sidebar.get("bidi_component") if e.proto.component_name == "st_state_debugger.panel"]
    return json.loads(el.proto.json)
