"""Shared fixtures: every test leaves Streamlit exactly as it found it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import streamlit as st
from streamlit.elements.lib import policies
from streamlit.runtime.scriptrunner import script_runner
from streamlit.runtime.state.session_state_proxy import SessionStateProxy
from streamlit.testing.v1 import AppTest

APPS = Path(__file__).parent / "apps"


def _own_env() -> dict[str, str]:
    """The debugger's environment variables (``ST_STATE_DEBUGGER_*``, ``SSD_*``)."""
    return {k: v for k, v in os.environ.items() if k.startswith(("ST_STATE_DEBUGGER", "SSD_"))}


def _leaks(env_before: dict[str, str]) -> list[str]:
    """What a test left behind that is neither Streamlit's own nor the debugger's
    installed hooks (which ``uninstall`` takes back). Asked BEFORE cleaning, so a
    test that leaks fails instead of being tidied up after."""
    from st_state_debugger import internals

    found: list[str] = []
    if type(st.session_state) is not SessionStateProxy:
        found.append(f"st.session_state is a {type(st.session_state).__name__}")
    patches = internals._PATCHES
    for name, value in vars(SessionStateProxy).items():
        native = internals._NATIVE_PROXY_ATTRS.get(name)
        if name != "__slotnames__" and value is not native and value is not patches.get(name):
            found.append(f"SessionStateProxy.{name} replaced")
    for name in internals._NATIVE_PROXY_ATTRS:
        if name not in vars(SessionStateProxy):
            found.append(f"SessionStateProxy.{name} deleted")
    exec_func = script_runner.exec_func_with_error_handling
    if exec_func is not internals._original_exec and not getattr(exec_func, "_ssd_wrapped", False):
        found.append("script_runner.exec_func_with_error_handling replaced")
    rules = policies.check_session_state_rules
    if rules is not internals._original_rules and not getattr(rules, "_ssd_wrapped", False):
        found.append("policies.check_session_state_rules replaced")
    if _own_env() != env_before:
        found.append(f"environment changed: {env_before} -> {_own_env()}")
    return found


def _restore_streamlit() -> None:
    """Put back what a leaking test replaced and ``uninstall`` does not know of, so
    one leak fails one test, not every test after it."""
    from st_state_debugger import internals

    script_runner.exec_func_with_error_handling = internals._original_exec
    policies.check_session_state_rules = internals._original_rules
    for name in [n for n in vars(SessionStateProxy) if n not in internals._NATIVE_PROXY_ATTRS and n != "__slotnames__"]:
        delattr(SessionStateProxy, name)
    for name, value in internals._NATIVE_PROXY_ATTRS.items():
        if vars(SessionStateProxy).get(name) is not value and name not in ("__dict__", "__weakref__"):
            setattr(SessionStateProxy, name, value)
    if type(st.session_state) is not SessionStateProxy:
        object.__setattr__(st.session_state, "__class__", SessionStateProxy)


def _reset_globals() -> None:
    """Forget what one test taught the process: warnings said once, the shared-object
    map, armed breakpoints (each test starts as a fresh process would)."""
    from st_state_debugger import guard, pitfalls
    from st_state_debugger.internals import proxy

    guard._said_once.clear()
    pitfalls._SHARED.clear()
    proxy._breaks_armed = False


@pytest.fixture(autouse=True)
def no_leftover_patches():
    """Fail a test that leaks (checked before cleaning), then undo the process-wide
    hooks, reset the process-wide globals, and prove Streamlit is as it was."""
    from st_state_debugger import internals

    env_before = _own_env()
    yield
    leaks = _leaks(env_before)
    internals.uninstall()
    _restore_streamlit()
    _reset_globals()
    for name in set(_own_env()) - set(env_before):
        del os.environ[name]
    assert not leaks, f"this test left process-wide changes behind: {leaks}"
    assert type(st.session_state) is SessionStateProxy
    # copyreg caches __slotnames__ on the class when a test pickles the proxy (natively too)
    native = {k: v for k, v in internals._NATIVE_PROXY_ATTRS.items() if k != "__slotnames__"}
    assert {k: v for k, v in vars(SessionStateProxy).items() if k != "__slotnames__"} == native
    assert script_runner.exec_func_with_error_handling is internals._original_exec
    assert policies.check_session_state_rules is internals._original_rules


@pytest.fixture()
def trace_dir(tmp_path, monkeypatch):
    """Every enabled session writes its trace here (ST_STATE_DEBUGGER_TRACE_DIR)."""
    directory = tmp_path / "traces"
    monkeypatch.setenv("ST_STATE_DEBUGGER_TRACE_DIR", str(directory))
    monkeypatch.delenv("SSD_NATIVE", raising=False)
    return directory


#: An app to pause, change state while paused, and resume (issue 12 item 9).
PAUSE_APP = """
import streamlit as st, st_state_debugger
st_state_debugger.enable()
ss = st.session_state
ss.setdefault("clicks", 0)
ss.setdefault("tags", [])
def inc():
    st.session_state.clicks += 1
st.button("Click", key="click", on_click=inc)
st.checkbox("Show", key="show")
if st.button("pause", key="pause"):
    st_state_debugger.pause()
if st.button("resume", key="resume"):
    st_state_debugger.resume()
if st.button("tag", key="tag"):
    ss.tags.append("x")
"""


@pytest.fixture()
def paused_session(trace_dir, tmp_path) -> AppTest:
    """PAUSE_APP after: pause, click (clicks += 1) and tick a checkbox while paused,
    resume. Rerun #6 is the first one recorded again; the "tag" button then appends
    to a list in place (#7)."""
    script = tmp_path / "app.py"
    script.write_text(PAUSE_APP)
    at = AppTest.from_file(str(script), default_timeout=60).run()
    at.button(key="pause").click().run()  # 2: recorded; paused from the next rerun on
    at.button(key="click").click().run()  # 3: paused, clicks += 1
    at.checkbox(key="show").check().run()  # 4: paused
    at.button(key="resume").click().run()  # 5: paused (resume takes effect after it)
    at.run()  # 6: recorded again
    return at


def app(name: str) -> AppTest:
    return AppTest.from_file(str(APPS / name), default_timeout=60)


def only_trace_file(directory: Path) -> Path:
    files = sorted(directory.glob("*.jsonl"))
    assert len(files) == 1, files
    return files[0]


def panel_element(at: AppTest):
    """The live panel's data element (``host.COMPONENT_NAME``; the panel itself,
    ``host.VIEW_NAME``, is mounted with the same data every rerun)."""
    (el,) = [e for e in at.sidebar.get("bidi_component") if e.proto.component_name == "st_state_debugger.panel"]
    return el


def panel_data(at: AppTest) -> dict:
    """The ``PanelData`` the panel shows after its last payload in an AppTest session:
    each payload carries only what changed (panel/wire.py), merged onto what the
    panel holds."""
    import json

    from st_state_debugger import internals
    from st_state_debugger.panel import wire

    payload = wire.unpack(json.loads(panel_element(at).proto.json))
    rec = internals.recorder_of_apptest(at)
    if "sync" not in payload or rec is None:
        return payload
    held = wire.held_view(rec)
    assert held["sync"] == payload["sync"], "the last payload is the one the panel holds"
    return held
