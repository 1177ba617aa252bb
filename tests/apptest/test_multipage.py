"""Multipage apps: page switches are labelled, and the page change's cleanup explained."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from st_state_debugger.testing import trace_of

MAIN = Path(__file__).resolve().parents[1] / "apps" / "mpa" / "main.py"


def test_page_switch_is_a_page_trigger_and_its_cleanup_is_attributed(trace_dir):
    at = AppTest.from_file(str(MAIN)).run()
    at.text_input(key="a_name").input("zed").run()
    at.switch_page("page_b.py").run()
    at.run()
    assert not at.exception
    first, typed, switched, after = trace_of(at).reruns
    assert first.trigger.kind == "initial" and first.page == "Form"
    assert typed.trigger.widget_key == "a_name"
    assert switched.trigger.kind == "page" and switched.trigger.text() == "page switch to Summary"
    read = next(e for e in switched.events if e.key == "a_name" and e.op == "read")
    assert read.file == "page_b.py" and read.found is True
    cleanup = next(e for e in switched.events if e.op == "delete")
    assert (cleanup.key, cleanup.source, cleanup.file) == ("a_name", "streamlit", "page_a.py")
    assert switched.diff.removed == ["a_name"]
    assert after.trigger.kind == "rerun"
    (err,) = after.errors  # page B reads it again, and the app catches the KeyError
    assert err.explanation == ("'a_name' was removed by Streamlit at the end of rerun 3 because its widget was not rendered in that run; "
                               "to keep its value, add persist_state=\"session\" to st.text_input(..., key='a_name') at page_a.py:3")
    assert [m.value for m in at.markdown] == ["a_name is gone"]
