"""Time travel restores widget keys without Streamlit's "value= and session state"
warning, and names the keys it can never restore once, in one line (issue 12 item 10)."""

from __future__ import annotations

import logging

import pytest
from streamlit.elements.lib import policies

from st_state_debugger.testing import panel_request, trace_of
from tests.conftest import app, panel_data


@pytest.fixture()
def streamlit_warnings(monkeypatch):
    """What Streamlit's policies logger warns, with its once-per-process flag reset."""
    monkeypatch.setattr(policies, "_shown_default_value_warning", False)
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    handler = Keep(logging.WARNING)
    policies._LOGGER.addHandler(handler)
    yield seen
    policies._LOGGER.removeHandler(handler)


def _session():
    at = app("truth_restore.py").run()  # 1
    at.number_input(key="qty").set_value(5).run()  # 2
    at.text_input(key="name").input("bob").run()  # 3
    at.button(key="reset").click().run()  # 4
    at.text_input(key="note").input("hi")
    at.button(key="send").click().run()  # 5
    return at


def test_restoring_widget_keys_given_value_defaults_does_not_set_off_streamlits_warning(trace_dir, streamlit_warnings):
    at = _session()
    panel_request(at, {"restore": 2})
    assert not at.exception
    assert at.markdown[0].value == "qty=5 name=anon"
    assert at.number_input(key="qty").value == 5 and at.text_input(key="name").value == "anon"
    assert not [m for m in streamlit_warnings if "created with a default value" in m]
    assert not [w for w in trace_of(at).reruns[-1].warnings if w.kind == "value_and_state"]


def test_the_app_setting_a_widget_key_itself_still_gets_streamlits_warning(trace_dir, streamlit_warnings, tmp_path):
    from streamlit.testing.v1 import AppTest

    script = tmp_path / "app.py"
    script.write_text("import streamlit as st, st_state_debugger\nst_state_debugger.enable()\n"
                      "st.session_state.qty = 3\nst.number_input('Qty', value=1, key='qty')\n")
    AppTest.from_file(str(script), default_timeout=60).run()
    assert [m for m in streamlit_warnings if "created with a default value" in m]  # native behaviour kept


def test_keys_that_can_never_be_restored_are_named_once_in_one_line(trace_dir):
    at = _session()
    panel_request(at, {"restore": 1})  # before the button and the form existed
    assert at.markdown[0].value == "qty=1 name=anon"
    skipped = [w for w in trace_of(at).reruns[-1].warnings if w.kind == "restore_skipped"]
    assert len(skipped) == 1
    (line,) = skipped
    assert "\n" not in line.message
    assert line.message.startswith("Never restored: 'reset' (button), 'send' (form_submit_button). ")
    assert "Streamlit does not let a button's, form submit button's or file uploader's value be set through session state" in line.message
    notices = [n for n in panel_data(at.run())["notices"] if "restore" in n or "Never restored" in n]
    assert sum("Never restored" in n for n in notices) == 1
    assert not [n for n in notices if "was not restored" in n]
