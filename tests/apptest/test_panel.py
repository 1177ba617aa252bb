"""The panel's data: what it shows, what it never shows, and how much is sent."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from st_state_debugger import REDACTED, internals
from st_state_debugger.testing import trace_of
from tests.conftest import app, panel_data, panel_element

PANEL = "st_state_debugger.panel"


def test_panel_is_in_the_sidebar_and_shows_the_rerun_that_just_ran(trace_dir):
    at = app("callbacks.py").run()
    at.button(key="add3").click().run()
    data = panel_data(at)
    assert data["version"] == 1 and data["mode"] == "live"
    assert [r["trigger_text"] for r in data["timeline"]] == ["initial", "widget add3"]
    latest = data["details"][-1]
    assert latest["index"] == 2
    cb = next(e for e in latest["events"] if e["key"] == "total" and e["op"] == "write")
    assert cb["source_text"] == "callback add() · widget add3" and cb["file"] == "callbacks.py" and cb["line"] == 12
    assert {s["key"] for s in data["state"]} >= {"total", "name", "add3"}


def test_panel_adds_no_key_to_session_state_and_its_rerun_is_not_the_apps(trace_dir, monkeypatch):
    at = app("plain.py").run()
    keys_with_panel = set(at.session_state._state.filtered_state)
    monkeypatch.setenv("SSD_NATIVE", "1")
    internals.uninstall()
    native = AppTest.from_file(at._script_path).run()
    assert keys_with_panel == set(native.session_state._state.filtered_state)
    rec = internals.recorder_of_apptest(at)
    assert rec.internal_widget_ids  # the panel's widgets are known as the debugger's


def test_keyerror_origin_is_in_the_panel_of_the_crashing_rerun(trace_dir):
    at = app("cleanup.py").run()
    at.checkbox(key="show").uncheck().run()
    at.button(key="read").click().run()
    assert at.exception  # the app's own exception, unchanged
    latest = panel_data(at)["details"][-1]
    assert latest["status"] == "exception"
    (err,) = latest["errors"]
    assert err["explanation"].startswith("'note' was removed by Streamlit at the end of rerun 2 because its widget was not rendered in that run")
    assert [h["source_text"] for h in err["history"]][-1] == "Streamlit: widget 'note' was not rendered in rerun 2"


def test_secrets_never_reach_the_panel(trace_dir):
    at = app("secrets_app.py").run()
    at.text_input(key="login_box").input("typed-secret").run()
    raw = "".join(e.proto.json for e in at.sidebar.get("bidi_component"))  # the panel and its data element
    for secret in ("sk-live-1234567890", "hunter2", "tok-abcdef", "typed-secret"):
        assert secret not in raw
    state = {s["key"]: s for s in panel_data(at)["state"]}
    assert state["API_KEY"]["redacted"] and state["API_KEY"]["summary"] == REDACTED
    assert state["<img src=x onerror=alert(1)>"]["summary"] == "'</div><b onmouseover=alert(2)>'"


def test_payload_is_bounded_for_a_long_session(trace_dir, tmp_path):
    script = tmp_path / "long.py"
    script.write_text(
        "import streamlit as st, st_state_debugger\n"
        "st_state_debugger.enable(max_reruns=300)\n"
        "ss = st.session_state\n"
        "ss.setdefault('n', 0)\n"
        "ss.n += 1\n"
        "for i in range(10):\n"
        "    ss[f'k{i}'] = ss.n + i\n"
    )
    at = AppTest.from_file(str(script)).run()
    for _ in range(249):
        at.run()
    data = panel_data(at)
    assert data["total_reruns"] == 250 and len(data["timeline"]) == 100 and data["overflow"] is True
    assert len(data["details"]) == 5 and data["details"][-1]["index"] == 250
    assert len(panel_element(at).proto.json) < 80_000
    assert len(trace_of(at).reruns) == 250


def test_panel_can_be_turned_off(trace_dir, tmp_path):
    script = tmp_path / "off.py"
    script.write_text("import streamlit as st, st_state_debugger\nst_state_debugger.enable(panel=False)\nst.session_state.x = 1\n")
    at = AppTest.from_file(str(script)).run()
    assert not at.sidebar.get("bidi_component")
    assert trace_of(at).reruns[0].events[0].key == "x"


@pytest.mark.parametrize("allow, shown", [(False, False), (True, True)])
def test_remote_sessions_get_no_panel_unless_allowed(trace_dir, tmp_path, monkeypatch, allow, shown):
    monkeypatch.setattr(internals, "remote_ip", lambda ctx: "203.0.113.7")
    script = tmp_path / "remote.py"
    script.write_text(f"import streamlit as st, st_state_debugger\nst_state_debugger.enable(allow_remote={allow})\nst.session_state.x = 1\n")
    at = AppTest.from_file(str(script)).run()
    assert bool(at.sidebar.get("bidi_component")) is shown


def test_the_bundle_is_named_not_inlined_and_inlined_when_no_manifest_is_found(trace_dir, monkeypatch):
    from streamlit.components.v2.component_manager import BidiComponentManager

    from st_state_debugger.panel import host as sidebar

    monkeypatch.setattr(sidebar, "_renderers", {})
    at = app("callbacks.py").run()
    elements = at.sidebar.get("bidi_component")
    assert sorted(e.proto.component_name for e in elements) == [PANEL, sidebar.VIEW_NAME]
    for el in elements:
        assert el.proto.js_source_path == "index.js" and el.proto.js_content == ""  # served from frontend_dist/
    monkeypatch.setattr(sidebar, "_renderers", {})
    monkeypatch.setattr(BidiComponentManager, "get_component_asset_root", lambda self, name: None)
    at = app("callbacks.py").run()
    for el in at.sidebar.get("bidi_component"):
        assert el.proto.js_source_path == "" and "ssd-panel" in el.proto.js_content  # the same bundle, inline
    assert not at.exception and panel_data(at)["timeline"][0]["trigger_text"] == "initial"
    monkeypatch.setattr(sidebar, "_renderers", {})  # the next test registers afresh


# --------------------------------------------------------------------------- lifecycle (issue 12 items 1, 2, 6)
def _diff_keys(detail: dict) -> dict[str, list[str]]:
    return {kind: [e["key"] for e in detail["diff"][kind]] for kind in ("added", "removed", "changed")}


def test_unticking_the_checkbox_shows_streamlits_cleanup_in_the_latest_row_at_once(trace_dir):
    at = app("cleanup.py").run()
    at.checkbox(key="show").uncheck().run()
    data = panel_data(at)
    latest_row, latest = data["timeline"][-1], data["details"][-1]
    assert latest_row["index"] == latest["index"] == 2
    assert latest_row["deletes"] == 1  # D1 now, not one interaction later
    assert _diff_keys(latest)["removed"] == ["note"]
    assert [e["source_text"] for e in latest["events"] if e["op"] == "delete"] == ["Streamlit: widget 'note' was not rendered in rerun 2"]
    assert "note" not in {s["key"] for s in data["state"]}
    assert any(n.startswith("#2: Streamlit removed 'note' at the end of rerun 2") for n in data["notices"])
    recorded = trace_of(at).reruns[-1]
    assert recorded.counts()[2] == 1 and recorded.diff.removed == ["note"]


def test_the_live_diff_of_every_rerun_equals_the_recorded_one(trace_dir):
    """Streamlit resets a clicked button's key and removes unrendered widgets after the
    panel is drawn: the panel shows the rerun as it is recorded, key for key."""
    at = app("cleanup.py").run()
    steps = [
        lambda: at.button(key="greet").click().run(),
        lambda: at.checkbox(key="show").uncheck().run(),
        lambda: at.checkbox(key="show").check().run(),
        lambda: at.text_input(key="note").input("hi").run(),
        lambda: at.button(key="read").click().run(),
    ]
    for step in steps:
        step()
        latest = panel_data(at)["details"][-1]
        recorded = trace_of(at).reruns[-1]
        assert latest["index"] == recorded.index
        assert _diff_keys(latest) == {"added": recorded.diff.added, "removed": recorded.diff.removed, "changed": recorded.diff.changed}
        assert [(e["op"], e["key"]) for e in latest["events"]] == [(e.op, e.key) for e in recorded.events]


def test_login_gate_ending_in_st_stop_shows_the_panel_in_every_run(trace_dir):
    at = app("panel_gate.py").run()  # the first run (the one that calls enable()) stops too
    assert [(r["index"], r["trigger_kind"], r["status"]) for r in panel_data(at)["timeline"]] == [(1, "initial", "stopped")]
    at.text_input(key="password").input("wrong").run()
    data = panel_data(at)
    assert [(r["index"], r["trigger_kind"], r["status"]) for r in data["timeline"]][-1] == (2, "widget", "stopped")
    assert {s["key"]: s["summary"] for s in data["state"]}["tries"] == "1"
    assert at.error[0].value == "wrong password" and not at.markdown  # the app's own output, unchanged
    at.text_input(key="password").input("open sesame").run()
    assert [r["status"] for r in panel_data(at)["timeline"]] == ["stopped", "stopped", "ok"]
    assert at.markdown[0].value == "welcome"


def test_the_apps_widgets_stay_the_apps_while_an_older_run_still_draws_its_panel(trace_dir):
    """Streamlit can start the next run on a new thread while the run it stops is still
    drawing its panel (a click right after load): that must not make the new run's
    widgets the panel's."""
    import threading

    at = app("callbacks.py").run()
    rec = internals.recorder_of_apptest(at)
    old_run = threading.Thread(target=setattr, args=(rec, "rendering_panel", True))
    old_run.start()
    old_run.join()
    at.button(key="add3").click().run()
    at.button(key="add3").click().run()
    assert [(r.trigger.kind, r.trigger.widget_key) for r in trace_of(at).reruns][1:] == [("widget", "add3"), ("widget", "add3")]
    assert len(at.sidebar.get("bidi_component")) == 2  # the panel (and its data element) is still drawn


def test_the_panels_live_widget_ids_survive_the_trim_of_old_ones(trace_dir):
    at = app("callbacks.py").run()
    rec = internals.recorder_of_apptest(at)
    for i in range(1000):  # a long session's worth of old panel ids
        fake = f"$$ID-{i:032x}-None"
        rec.internal_widget_ids.add(fake) if isinstance(rec.internal_widget_ids, set) else rec.internal_widget_ids.setdefault(fake)
    at.run()
    for live in (e.proto.id for e in at.sidebar.get("bidi_component")):  # the panel and its data element
        assert live in rec.internal_widget_ids
    assert len(rec.internal_widget_ids) <= 1000
