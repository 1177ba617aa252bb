"""A read shows the value it read, not the value at the end of the rerun (issue 12 item 7)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from st_state_debugger import load_trace
from st_state_debugger.testing import trace_of
from tests.conftest import only_trace_file, panel_data

APP = """
import streamlit as st, st_state_debugger
st_state_debugger.enable()
ss = st.session_state
ss.setdefault("items", [])
ss.setdefault("cart", {"apple": 2})
ss.setdefault("big", list(range(500)))
def checkout():
    bought = dict(st.session_state["cart"])
    st.session_state["cart"].clear()
    ss.bought = bought
st.button("Checkout", key="checkout", on_click=checkout)
if st.button("Add", key="add"):
    n = len(st.session_state["items"])
    st.session_state["items"].append(n)
    total = len(st.session_state["big"])
    st.session_state["big"].append(total)
"""


def _run(tmp_path):
    script = tmp_path / "app.py"
    script.write_text(APP)
    return AppTest.from_file(str(script), default_timeout=60).run()


def _reads(rerun, key):
    return [e.value for e in rerun.events if e.op == "read" and e.key == key]


def test_a_read_of_a_list_shows_the_list_as_read_before_the_append(trace_dir, tmp_path):
    at = _run(tmp_path)
    at.button(key="add").click().run()
    assert at.session_state["items"] == [0]
    last = trace_of(at).reruns[-1]
    assert _reads(last, "items") == ["[]"] * 3  # setdefault, then len(): all before the append
    saved = load_trace(only_trace_file(trace_dir)).reruns[-1]
    assert _reads(saved, "items") == ["[]"] * 3


def test_a_read_in_a_callback_that_then_clears_the_value_shows_what_was_read(trace_dir, tmp_path):
    at = _run(tmp_path)
    at.button(key="checkout").click().run()
    assert at.session_state["cart"] == {} and at.session_state["bought"] == {"apple": 2}
    last = trace_of(at).reruns[-1]
    assert [e.value for e in last.events if e.op == "read" and e.key == "cart" and e.source == "callback"] == ["{'apple': 2}"] * 2


def test_a_value_too_big_to_copy_at_the_read_says_its_summary_is_from_the_end_of_the_rerun(trace_dir, tmp_path):
    at = _run(tmp_path)
    at.button(key="add").click().run()
    last = trace_of(at).reruns[-1]
    values = _reads(last, "big")
    assert values and all(v.endswith(" (value at end of rerun)") for v in values)
    index = last.index
    (detail,) = [d for d in panel_data(at.run())["details"] if d["index"] == index]
    shown = [e["value"] for e in detail["events"] if e["key"] == "big" and e["op"] == "read"]
    assert shown and all(v.endswith(" (value at end of rerun)") for v in shown)  # the panel says so too
    saved = load_trace(only_trace_file(trace_dir)).reruns[-2]
    assert _reads(saved, "big") == values
