"""The panel has no key (so it adds nothing to ``st.session_state``), so its widget
id changes with its data, and Streamlit keeps every widget's metadata for the whole
session: without care, each rerun would leave two more entries behind, forever. The
debugger forgets its own old panel widgets, and only those."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from st_state_debugger import internals
from st_state_debugger.recording import widgets
from st_state_debugger.testing import panel_request

APP = (
    "import streamlit as st, st_state_debugger\n"
    "st_state_debugger.enable()\n"
    "st.session_state.n = st.session_state.get('n', 0) + 1\n"
    "st.text_input('Name', key='name')\n"
    "if st.session_state.n % 2:\n"
    "    st.checkbox('Odd', key=f'odd_{st.session_state.n}')\n"  # app widgets that come and go
    "st.write(st.session_state.n)\n"
)


def _inner(at: AppTest) -> Any:
    return object.__getattribute__(at._session_state, "_state")  # AppTest's SessionState


def _metadata(at: AppTest) -> dict[str, Any]:
    return _inner(at)._new_widget_state.widget_metadata


def _panel_ids(at: AppTest, metadata: dict[str, Any]) -> list[str]:
    return [wid for wid in metadata if internals.is_panel_widget(_inner(at), wid)]


def test_old_panel_widgets_are_forgotten_and_the_apps_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(widgets, "PANEL_IDS", 10)
    script = tmp_path / "app.py"
    script.write_text(APP)
    at = AppTest.from_file(str(script), default_timeout=60).run()
    for _ in range(40):
        at.run()
    assert not at.exception
    metadata = _metadata(at)
    panel = _panel_ids(at, metadata)
    assert 2 <= len(panel) <= 10  # 2 per rerun would be 80 by now
    app_ids = [wid for wid in metadata if wid not in panel]
    # Streamlit's own behaviour for the app's widgets is left alone: every checkbox
    # that came and went is still there, as natively
    assert len([wid for wid in app_ids if "odd_" in wid]) == 21
    # the panel still answers after its old widgets were forgotten
    panel_request(at, {"pause": True})
    rec = internals.recorder_of_apptest(at)
    assert rec is not None and rec.debug.paused
