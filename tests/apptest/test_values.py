"""In-place mutation, redaction and hostile values."""

from __future__ import annotations

from st_state_debugger import REDACTED
from st_state_debugger.testing import trace_of
from tests.conftest import app, only_trace_file


def test_in_place_mutations_are_reported_with_a_detail_per_change(trace_dir):
    at = app("mutation.py").run()
    at.button(key="mutate").click().run()
    at.button(key="assign").click().run()
    _, mutated, assigned = trace_of(at).reruns
    assert mutated.diff.changed == ["arr", "df", "todos"]
    assert mutated.diff.mutated_in_place == ["arr", "df", "todos"]
    details = {k: [(c.path, c.old, c.new) for c in v] for k, v in mutated.diff.details.items()}
    assert details["todos"] == [("todos[1]['done']", "False", "True")]
    assert details["df"] == [("df.loc[3, 'a']", "3", "-1")]  # DeepDiff alone would report nothing
    assert details["arr"] == [("arr[2]", "0.0", "7.0")]
    assert assigned.diff.changed == ["counter", "todos"] and assigned.diff.mutated_in_place == []
    assert [(c.path, c.change) for c in assigned.diff.details["todos"]] == [("todos[2]", "added")]


def test_secret_keys_and_password_widgets_are_redacted_everywhere(trace_dir):
    at = app("secrets_app.py").run()
    at.text_input(key="login_box").input("pw-typed-by-user").run()
    text = only_trace_file(trace_dir).read_text()
    for secret in ("sk-live-1234567890", "hunter2", "tok-abcdef", "pw-typed-by-user"):
        assert secret not in text
    assert REDACTED in text
    first, second = trace_of(at).reruns
    values = {e.key: e.value for e in first.events if e.op == "write"}
    assert values["API_KEY"] == REDACTED and values["userToken"] == REDACTED
    assert values["db"] == f"{{'host': 'localhost', 'password': {REDACTED}}}"
    browser = next(e for e in second.events if e.source == "widget")
    assert browser.key == "login_box" and browser.value == REDACTED
    assert second.diff.values["login_box"] == [REDACTED, REDACTED]
    assert first.events[3].key == "<img src=x onerror=alert(1)>"  # keys are data, kept as text


def test_redaction_can_be_configured_off(trace_dir, tmp_path):
    script = tmp_path / "app.py"
    script.write_text("import streamlit as st, st_state_debugger\nst_state_debugger.enable(redact=())\nst.session_state.api_key = 'visible'\n")
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(script)).run()
    assert trace_of(at).reruns[0].events[0].value == "'visible'"


def test_hostile_values_never_break_the_app_and_changes_are_still_seen(trace_dir):
    at = app("hostile.py").run()
    at.run()
    at.run()
    assert not at.exception
    reruns = trace_of(at).reruns
    assert len(reruns) == 3
    last = reruns[-1]
    assert "big" in last.diff.mutated_in_place  # 200k-row DataFrame mutated in place
    assert [(c.path, c.old, c.new) for c in last.diff.details["big"]] == [("big.loc[7, 'x']", "9", "10")]
    assert "bag" in last.diff.mutated_in_place  # a dict holding a lock: its int still tracked
    assert {"lock", "gen", "hostile", "bag"} <= set(last.diff.unchecked)
    hostile_event = next(e for e in reruns[0].events if e.key == "hostile")
    assert hostile_event.value == "<unprintable Hostile: RuntimeError>"
    loop = next(e for e in reruns[0].events if e.key == "loop")
    assert loop.value == "{'name': 'loop', 'self': <cycle>} (value at end of rerun)"  # not copied at the read: said so
