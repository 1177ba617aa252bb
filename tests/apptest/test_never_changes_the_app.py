"""The app behaves exactly as without the debugger: elements, values, exceptions."""

from __future__ import annotations

import json

import pytest

from st_state_debugger import internals
from st_state_debugger.testing import trace_of
from tests.conftest import app

PANELS = ("st_state_debugger.panel", "st_state_debugger.panel_view")  # its data element and the panel


def _only_panel(block) -> bool:
    """The panel's fragment container: a block holding nothing but the panel."""
    children = getattr(block, "children", None)
    if not isinstance(children, dict) or not children:
        return False
    return all(getattr(getattr(c, "proto", None), "component_name", None) in PANELS or _only_panel(c) for c in children.values())


def _signature(block) -> list:
    """Element tree as (type, serialized proto) pairs, from AppTest's public tree."""
    out = []
    children = getattr(block, "children", None)
    if isinstance(children, dict):
        for key in sorted(children):
            child = children[key]
            proto = getattr(child, "proto", None)
            if getattr(proto, "component_name", None) in PANELS or _only_panel(child):
                continue  # the debugger's own panel (tested in test_panel.py)
            if type(child).__name__ == "Json":
                # st.write(st.session_state): Streamlit orders keys by a set, which
                # varies between processes; compare the content.
                out.append(("Json", json.dumps(json.loads(proto.body), sort_keys=True)))
            else:
                out.append((type(child).__name__, proto.SerializeToString(deterministic=True) if proto is not None and hasattr(proto, "SerializeToString") else None))
            out.extend(_signature(child))
    return out


def _tree(at) -> list:
    return _signature(at.main) + _signature(at.sidebar)


def _state(at) -> dict:
    return {k: repr(at.session_state[k]) for k in sorted(at.session_state.filtered_state)} if hasattr(at.session_state, "filtered_state") else {}


DRIVERS = {
    "plain.py": lambda at: [at.button(key="inc").click().run(), at.selectbox(key="pick").select("c").run(), at.slider(key="level").set_value(2).run()],
    "callbacks.py": lambda at: [at.text_input(key="name").input("x").run(), at.button(key="add3").click().run(), at.button(key="again").click().run()],
    "cleanup.py": lambda at: [at.checkbox(key="show").uncheck().run(), at.button(key="read").click().run()],
    "whole_state.py": lambda at: [at.run()],
    "keyerrors.py": lambda at: [at.button(key="crash").click().run()],
    "mutation.py": lambda at: [at.button(key="mutate").click().run(), at.button(key="assign").click().run()],
    "hostile.py": lambda at: [at.run()],
    "secrets_app.py": lambda at: [at.text_input(key="login_box").input("pw").run()],
    "widget_rules.py": lambda at: [at.checkbox(key="preset").check().run(), at.checkbox(key="bad").check().run()],
}


def _observe(name: str, monkeypatch, native: bool):
    monkeypatch.setenv("SSD_NATIVE", "1" if native else "0")
    if native:
        internals.uninstall()
    at = app(name).run()
    snapshots = [(_tree(at), [(e.message, e.stack_trace) for e in at.exception])]
    for _ in DRIVERS[name](at):
        snapshots.append((_tree(at), [(e.message, list(e.stack_trace)) for e in at.exception]))
    keys = sorted(at.session_state.filtered_state) if hasattr(at.session_state, "filtered_state") else None
    return at, snapshots, keys


@pytest.mark.parametrize("name", sorted(DRIVERS))
def test_same_elements_values_and_exceptions_with_and_without_debugger(name, trace_dir, monkeypatch):
    _, native, native_keys = _observe(name, monkeypatch, native=True)
    at, debugged, debugged_keys = _observe(name, monkeypatch, native=False)
    assert len(trace_of(at).reruns) >= len(debugged)  # it really was recorded (st.rerun adds reruns)
    assert debugged == native
    assert debugged_keys == native_keys


def test_uncaught_exception_is_the_same_type_message_and_traceback(trace_dir, monkeypatch):
    results = []
    for native in (True, False):
        monkeypatch.setenv("SSD_NATIVE", "1" if native else "0")
        if native:
            internals.uninstall()
        at = app("cleanup.py").run()
        at.checkbox(key="show").uncheck().run()
        at.button(key="read").click().run()
        (exc,) = at.exception
        results.append((exc.proto.type, exc.message, list(exc.stack_trace)))
    assert results[0] == results[1]
    assert results[0][0] == "KeyError"


def test_session_state_keeps_its_native_class_and_uninstall_restores_it(trace_dir, monkeypatch):
    from streamlit.runtime.state.session_state_proxy import SessionStateProxy

    def own_attrs() -> dict[str, object]:
        # copyreg caches ``__slotnames__`` on the class the first time anything pickles
        # it (the app below does, natively): Python's cache, not the debugger's change
        return {k: v for k, v in vars(SessionStateProxy).items() if k != "__slotnames__"}

    native_attrs = own_attrs()
    texts = {}
    for native in (True, False):
        monkeypatch.setenv("SSD_NATIVE", "1" if native else "0")
        if native:
            internals.uninstall()
        at = app("native_type.py").run()
        at.run()
        assert not at.exception
        texts[native] = [t.value for t in at.text]
    assert texts[False] == texts[True]
    assert texts[False][0] == "type is SessionStateProxy: True"
    assert texts[False][3] == "other proxy sees count: 2"
    recorded = [e for r in trace_of(at).reruns for e in r.events if e.key == "count" and e.op == "write"]
    assert [e.api for e in recorded] == ["setdefault", "setattr", "setattr"]  # recorded all along
    internals.uninstall()
    assert own_attrs() == native_attrs
