"""The pytest plugin: a failing AppTest test explains itself; a passing one says nothing.

Each test runs pytest in a subprocess on a small project of its own (an app and its
tests), as a user of the installed package would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

from st_state_debugger import REDACTED, load_trace

APP = """
import streamlit as st
{enable}
ss = st.session_state
ss.setdefault("count", 0)
ss.setdefault("api_token", "sk-live-start")


def add():
    ss.count += 1
    ss.api_token = "sk-live-SECRET-" + str(ss.count)


st.button("Add", key="add", on_click=add)
st.write(f"count is {{ss.count}}")
"""
ENABLE = "import st_state_debugger\nst_state_debugger.enable()"

TESTS = """
from streamlit.testing.v1 import AppTest


def test_counter_fails():
    at = AppTest.from_file("app.py", default_timeout=60).run()
    at.button(key="add").click().run()
    assert at.session_state["count"] == 2


def test_counter_passes():
    at = AppTest.from_file("app.py", default_timeout=60).run()
    at.button(key="add").click().run()
    assert at.session_state["count"] == 1
"""


def _project(tmp_path: Path, enable: bool = True) -> Path:
    (tmp_path / "app.py").write_text(APP.format(enable=ENABLE if enable else ""))
    (tmp_path / "test_app.py").write_text(TESTS)
    return tmp_path


def _pytest(cwd: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ST_STATE_DEBUGGER", "SSD_", "PYTEST_"))}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA", *args],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stdout + done.stderr  # one test fails, one passes
    return done.stdout


def _section(out: str) -> str:
    """The st_state_debugger section of the output (from its title to the next title)."""
    start = out.index(" st_state_debugger ---")
    body = out[out.index("\n", start) + 1:]
    return body[:body.index("\n==") if "\n==" in body else len(body)]


def test_the_plugin_is_registered_by_its_entry_point():
    (ep,) = [e for e in entry_points(group="pytest11") if e.name == "st_state_debugger"]
    assert ep.value == "st_state_debugger.pytest_plugin"


def test_a_failing_test_shows_the_click_that_changed_the_state_and_a_passing_one_nothing(tmp_path):
    out = _pytest(_project(tmp_path))
    assert out.count("st_state_debugger ---") == 1  # the failing test only, even with -rA
    section = _section(out)
    lines = section.splitlines()
    assert lines[0] == "AppTest session 1 (app.py): 2 reruns"
    assert lines[1].startswith("  #1 initial · ok · ")
    assert lines[2] == ("  #2 widget add · ok · 5 reads, 3 writes, 0 deletes · "  # the browser value of add, 2 in add()
                        f"changed: api_token ({REDACTED} → {REDACTED}), count (0 → 1)")
    assert "sk-live" not in out  # secrets stay redacted
    passes = out[out.index("= PASSES ="):]
    assert "st_state_debugger" not in passes


def test_the_option_enables_the_debugger_without_editing_the_app(tmp_path):
    project = _project(tmp_path, enable=False)
    assert "st_state_debugger ---" not in _pytest(project)  # not recorded: nothing to say
    section = _section(_pytest(project, "--st-state-debugger"))
    assert section.splitlines()[0] == "AppTest session 1 (app.py): 2 reruns"
    assert f"changed: api_token ({REDACTED} → {REDACTED}), count (0 → 1)" in section


def test_the_trace_dir_keeps_the_traces_of_failing_tests_only(tmp_path):
    project = _project(tmp_path)
    _pytest(project, "--st-state-trace-dir", "kept")
    (path,) = sorted((project / "kept").iterdir())
    assert path.name == "test_app.py_test_counter_fails-1.jsonl"
    trace = load_trace(path)
    assert [r.trigger.text() for r in trace.reruns] == ["initial", "widget add"]
    assert trace.reruns[-1].diff.values["count"] == ["0", "1"]
    assert "sk-live" not in path.read_text()


def test_p_no_st_state_debugger_turns_it_off(tmp_path):
    out = _pytest(_project(tmp_path), "-p", "no:st_state_debugger")
    assert "st_state_debugger" not in out


def test_a_keyerror_is_shown_with_its_explanation(tmp_path):
    (tmp_path / "app.py").write_text(
        "import streamlit as st\nimport st_state_debugger\nst_state_debugger.enable()\n"
        "st.session_state.setdefault('count', 0)\n"
        "if st.button('Show', key='show'):\n"
        "    st.write(st.session_state['cuont'])\n")
    (tmp_path / "test_app.py").write_text(
        "from streamlit.testing.v1 import AppTest\n\n\n"
        "def test_show_fails():\n"
        "    at = AppTest.from_file('app.py', default_timeout=60).run()\n"
        "    at.button(key='show').click().run()\n"
        "    assert not at.exception\n\n\n"
        "def test_nothing():\n"
        "    pass\n")
    lines = _section(_pytest(tmp_path)).splitlines()
    assert lines[2].startswith("  #2 widget show · exception · ")
    assert lines[3] == ("    KeyError on 'cuont' at app.py:6: 'cuont' was never set in this session; "
                        "did you mean 'count', set at app.py:4?")  # the look-alike once
