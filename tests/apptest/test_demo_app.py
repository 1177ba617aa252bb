"""The demo shows each kind of bug the debugger explains."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from st_state_debugger.testing import trace_of

DEMO = Path(__file__).resolve().parents[2] / "demo_app.py"


def test_demo_walkthrough_records_callback_cleanup_keyerror_and_mutation(trace_dir):
    at = AppTest.from_file(str(DEMO), default_timeout=60).run()
    at.text_input(key="new_title").input("Buy milk").run()
    at.button(key="add").click().run()
    at.button(key="mark").click().run()
    at.checkbox(key="show").uncheck().run()
    at.button(key="read").click().run()
    at.button(key="greet").click().run()
    assert not at.exception
    reruns = trace_of(at).reruns
    add = reruns[2]
    assert [c.callback for c in add.callbacks] == ["add_todo"]
    assert any(e.key == "todos" and e.callback == "add_todo" and e.widget_key == "add" for e in add.events)
    assert reruns[3].diff.mutated_in_place == ["scores", "todos"]
    cleanup = [e for e in reruns[4].events if e.source == "streamlit" and e.op == "delete"]
    assert [e.key for e in cleanup] == ["note"]
    assert reruns[5].errors[0].explanation.startswith("'note' was removed by Streamlit at the end of rerun 5")
    assert reruns[6].errors[0].suggestions[0] == "user_name"
    assert all("tok-demo" not in (e.value or "") for r in reruns for e in r.events)
