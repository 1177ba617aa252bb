"""Each operation says who did it; each rerun says what started it."""

from __future__ import annotations

from st_state_debugger.testing import trace_of
from tests.conftest import app


def _drive_callbacks():
    at = app("callbacks.py").run()
    at.text_input(key="name").input("bob").run()
    at.button(key="add3").click().run()
    next(b for b in at.button if b.label == "Save").click().run()
    at.number_input(key="qty").set_value(4)
    next(b for b in at.button if b.label == "Order").click().run()
    at.button(key="again").click().run()
    assert not at.exception
    return at, trace_of(at).reruns


def test_first_rerun_is_initial_and_new_widget_defaults_come_from_streamlit(trace_dir):
    _, reruns = _drive_callbacks()
    first = reruns[0]
    assert first.trigger.kind == "initial"
    defaults = {e.key: e for e in first.events if e.api == "widget-default"}
    assert set(defaults) == {"name", "add3", "qty", "FormSubmitter:order-Order", "again"}
    assert all(e.source == "streamlit" and e.reason.startswith("default value of new widget") for e in defaults.values())
    assert defaults["qty"].value == "1" and defaults["qty"].file == "callbacks.py"


def test_browser_value_then_on_change_callback_with_its_widget(trace_dir):
    _, reruns = _drive_callbacks()
    r = reruns[1]
    assert r.trigger.kind == "widget" and r.trigger.widget_key == "name"
    first, *rest = r.events
    assert (first.op, first.key, first.source, first.value, first.widget_key) == ("write", "name", "widget", "'bob'", "name")
    cb_writes = [e for e in rest if e.source == "callback"]
    assert cb_writes and all(e.callback == "name_changed" and e.widget_key == "name" for e in cb_writes)
    assert [c.callback for c in r.callbacks] == ["name_changed"]


def test_on_click_callback_writes_are_attributed_to_the_callback_and_button(trace_dir):
    _, reruns = _drive_callbacks()
    r = reruns[2]
    assert r.trigger.text() == "widget add3"
    write = next(e for e in r.events if e.op == "write" and e.key == "total")
    assert (write.source, write.callback, write.widget_key, write.value) == ("callback", "add", "add3", "3")
    assert write.file == "callbacks.py" and write.line == 12  # inside add(), not the button line


def test_keyless_button_is_named_by_its_label(trace_dir):
    _, reruns = _drive_callbacks()
    r = reruns[3]
    assert r.trigger.kind == "widget" and r.trigger.widget_key is None and r.trigger.label == "Save"
    assert r.trigger.text() == "widget button 'Save'"
    saved = next(e for e in r.events if e.key == "saved")
    assert saved.callback == "save" and saved.widget_key == "button 'Save'"


def test_form_submit_is_labelled_with_the_form_and_its_on_submit_callback(trace_dir):
    _, reruns = _drive_callbacks()
    r = reruns[4]
    assert r.trigger.kind == "form_submit" and r.trigger.form == "order"
    assert r.trigger.text() == "form submit order"
    assert ("write", "qty", "widget") in [(e.op, e.key, e.source) for e in r.events]
    assert [c.callback for c in r.callbacks] == ["submit_order"]
    assert r.diff.changed == ["qty"] and r.diff.added == ["orders"]


def test_st_rerun_ends_one_rerun_as_rerun_requested_and_labels_the_next(trace_dir):
    _, reruns = _drive_callbacks()
    assert reruns[5].status == "rerun_requested"
    assert reruns[6].trigger.kind == "rerun" and reruns[6].trigger.text() == "st.rerun()"
    assert reruns[6].status == "ok"


def test_plain_rerun_without_a_widget_change_says_so(trace_dir):
    at = app("plain.py").run()
    at.run()
    r = trace_of(at).reruns[1]
    assert r.trigger.kind == "rerun" and r.trigger.detail == "no widget changed"


def test_status_exception_and_duration_recorded(trace_dir):
    at = app("keyerrors.py").run()
    at.button(key="crash").click().run()
    assert at.exception
    r = trace_of(at).reruns[-1]
    assert r.status == "exception" and r.duration_ms > 0 and r.started_at > 1.7e9
