"""`st-state-debugger gen-test`: a replay test that passes on the recorded app and
fails readably when the app's state logic changes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from st_state_debugger import load_trace
from st_state_debugger.gentest import generate_test

ROOT = Path(__file__).resolve().parents[2]


def _demo_trace() -> Path:
    """The demo trace as this environment records it. It was recorded with pandas 3,
    which names a column of Python strings ``str``; pandas 2 (the newest on Python
    3.10) names it ``object``, and a replay there rightly reports that dtype changed."""
    committed = ROOT / "tests" / "data" / "demo_trace.jsonl"
    import pandas

    if int(pandas.__version__.split(".")[0]) >= 3:
        return committed
    import tempfile

    copy = Path(tempfile.mkdtemp(prefix="ssd-demo-trace-")) / committed.name
    copy.write_text(committed.read_text(encoding="utf-8").replace("[player: str, ", "[player: object, "), encoding="utf-8")
    return copy


DEMO_TRACE = _demo_trace()


def _pytest(test_file: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )


def test_generated_test_of_the_demo_trace_passes_on_the_demo_app(tmp_path):
    out = tmp_path / "test_demo_replay.py"
    done = subprocess.run([sys.executable, "-m", "st_state_debugger", "gen-test", str(DEMO_TRACE), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    source = out.read_text()
    assert "replay_widget(at, 'new_title', 'Buy milk')" in source
    assert "replay_widget(at, 'theme', 'dark')" in source and "FormSubmitter:settings-Save settings" in source
    assert "api_token" not in source  # redacted keys are never compared (nor written)
    result = _pytest(out)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "1 passed" in result.stdout


def test_generated_test_fails_readably_when_the_state_logic_changes(tmp_path):
    changed = tmp_path / "demo_app.py"
    changed.write_text((ROOT / "demo_app.py").read_text().replace('        ss.new_title = ""\n', ""))  # no longer clears the box
    out = tmp_path / "test_changed.py"
    out.write_text(generate_test(load_trace(DEMO_TRACE), str(changed), str(DEMO_TRACE)))
    result = _pytest(out)
    assert result.returncode == 1
    assert "state after rerun 3 differs from the recorded trace" in result.stdout
    assert "'new_title': recorded '', now 'Buy milk'" in result.stdout


def test_what_cannot_be_replayed_is_said_and_not_compared(tmp_path):
    trace = load_trace(ROOT / "tests" / "data" / "trace_v1.jsonl")
    trace.reruns[1].events[0].value = "'a very long value…"  # a value recorded only in part
    source = generate_test(trace, "tests/apps/cleanup.py", "trace_v1.jsonl")
    assert "# cannot replay: widget 'note' got 'a very long value… (not recorded in full)" in source
    assert "# state after rerun 2 not compared: an earlier step could not be replayed" in source
    compile(source, "generated.py", "exec")


def test_gen_test_needs_an_app_and_refuses_bad_traces(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("nope\n")
    out = subprocess.run([sys.executable, "-m", "st_state_debugger", "gen-test", str(bad)], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 1 and "line 1: not JSON" in out.stderr


def test_a_restore_from_the_panel_is_replayed_as_the_writes_it_made(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from st_state_debugger.testing import panel_request

    traces = tmp_path / "traces"
    monkeypatch.setenv("ST_STATE_DEBUGGER_TRACE_DIR", str(traces))
    app = ROOT / "tests" / "apps" / "travel_app.py"
    at = AppTest.from_file(str(app), default_timeout=60).run()
    at.button(key="add").click().run()
    at.text_input(key="name").input("bob").run()
    at.button(key="add").click().run()
    panel_request(at, {"restore": 2})
    assert at.session_state["count"] == 1
    (trace_file,) = traces.glob("*.jsonl")
    source = generate_test(load_trace(trace_file), str(app), "t.jsonl")
    assert "    # rerun 6: restore of #2\n    at.session_state['count'] = 1\n" in source
    assert "at.session_state['name'] = ''" in source and "del at.session_state['extra']" in source
    out = tmp_path / "test_restore_replay.py"
    out.write_text(source)
    result = _pytest(out)
    assert result.returncode == 0, result.stdout[-3000:]


def _hostile_widget_key(trace: Path, sentinel: Path) -> Path:
    """The demo trace with the 'add' button's key carrying a line of code."""
    key = f"add\nopen({str(sentinel)!r}, 'w').close()\n#"
    lines = [json.loads(line) for line in DEMO_TRACE.read_text(encoding="utf-8").splitlines()]
    for rerun in lines[1:]:
        if rerun["trigger"].get("widget_key") == "add":
            rerun["trigger"]["widget_key"] = key
    trace.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return trace


@pytest.mark.parametrize("where", ["trace file name", "trigger widget key"])
def test_a_crafted_trace_cannot_make_the_generated_test_run_its_code(tmp_path, where):
    """An attacker's trace, run through gen-test and the generated test as a user would:
    the code it carries never runs."""
    sentinel = tmp_path / "pwned"
    if where == "trace file name":  # the path lands in the generated module's docstring
        trace = tmp_path / 'x"""\nopen("pwned", "w").close()\n""".jsonl'
        trace.write_bytes(DEMO_TRACE.read_bytes())
    else:  # the key lands in the '# rerun N:' comment
        trace = _hostile_widget_key(tmp_path / "t.jsonl", sentinel)
    out = tmp_path / "test_replay.py"
    done = subprocess.run([sys.executable, "-m", "st_state_debugger", "gen-test", str(trace), "--app", str(ROOT / "demo_app.py"),
                           "-o", str(out)], check=False, capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    compile(out.read_bytes(), str(out), "exec")
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(out)],
                   check=False, capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert not sentinel.exists()


def _gen(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "st_state_debugger", "gen-test", *args],
                          check=False, capture_output=True, text=True, cwd=cwd, timeout=120)


def _pytest_in(test_file: Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file)],
                          check=False, capture_output=True, text=True, cwd=cwd, timeout=300)


def test_gen_test_refuses_an_app_that_does_not_exist_with_exit_1(tmp_path):
    out = _gen(str(DEMO_TRACE), "--app", "nope.py")
    assert out.returncode == 1 and "no such app file: 'nope.py'" in out.stderr and out.stdout == ""
    moved = tmp_path / "t.jsonl"  # the header's app ('demo_app.py'), from a folder where it is not
    moved.write_bytes(DEMO_TRACE.read_bytes())
    out = _gen(str(moved), "-o", str(tmp_path / "test_x.py"), cwd=tmp_path)
    assert out.returncode == 1 and "no such app file: 'demo_app.py'; pass --app PATH" in out.stderr
    assert not (tmp_path / "test_x.py").exists()


@pytest.mark.parametrize("output", ["-o file", "stdout"])
def test_the_generated_test_passes_when_pytest_runs_from_another_folder(tmp_path, output):
    tests = tmp_path / "repo" / "tests"
    tests.mkdir(parents=True)
    out = tests / "test_replay.py"
    if output == "-o file":  # the app is written relative to the test file
        done = _gen(str(DEMO_TRACE), "-o", str(out))
        assert done.returncode == 0, done.stderr
        assert "APP = os.path.join(os.path.dirname(os.path.abspath(__file__)), " in out.read_text()
    else:  # the absolute path gen-test resolved
        done = _gen(str(DEMO_TRACE))
        assert done.returncode == 0, done.stderr
        out.write_text(done.stdout)
        assert f"APP = {str(ROOT / 'demo_app.py')!r}" in done.stdout
    result = _pytest_in(out, cwd=tmp_path)  # neither the folder of the app nor of the trace
    assert result.returncode == 0, result.stdout[-3000:]


def test_the_generated_test_says_where_it_looked_when_the_app_is_gone(tmp_path):
    app = tmp_path / "demo_app.py"
    app.write_text((ROOT / "demo_app.py").read_text())
    out = tmp_path / "test_gone.py"
    assert _gen(str(DEMO_TRACE), "--app", str(app), "-o", str(out)).returncode == 0
    app.unlink()
    result = _pytest_in(out, cwd=tmp_path)
    assert result.returncode == 1 and f"the app under test is not at {app}" in result.stdout


def _record_and_replay(tmp_path: Path, trace_dir: Path, app: Path, steps) -> tuple[str, subprocess.CompletedProcess]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(app), default_timeout=60).run()
    steps(at)
    assert not at.exception
    (trace,) = trace_dir.glob("*.jsonl")
    out = tmp_path / "test_mpa_replay.py"
    done = _gen(str(trace), "--app", str(app), "-o", str(out))
    assert done.returncode == 0, done.stderr
    return out.read_text(), _pytest_in(out, cwd=tmp_path)


def test_a_page_switch_of_st_navigation_is_replayed_with_switch_page(tmp_path, trace_dir):
    def session(at):
        at.text_input(key="a_name").input("zed").run()
        at.switch_page("page_b.py").run()

    source, result = _record_and_replay(tmp_path, trace_dir, ROOT / "tests" / "apps" / "mpa" / "main.py", session)
    assert "    # rerun 3: page switch to Summary\n    at.switch_page('page_b.py')\n    at.run()\n    assert_state(at, 3, " in source
    assert "cannot replay" not in source and "not compared" not in source
    assert result.returncode == 0, result.stdout[-3000:]


SHOP_HOME = """
import streamlit as st
import st_state_debugger

st_state_debugger.enable()
st.session_state.setdefault("cart", [])
if st.button("Add an apple", key="add"):
    st.session_state.cart.append("apple")
"""
SHOP_CHECKOUT = """
import streamlit as st

st.write(len(st.session_state.get("cart", [])), "items")
if st.button("Place order", key="place"):
    st.session_state.placed = list(st.session_state.cart)
"""


def test_a_switch_to_a_pages_folder_page_is_replayed_and_the_next_click_lands_there(tmp_path, trace_dir):
    app = tmp_path / "app" / "shop.py"
    (app.parent / "pages").mkdir(parents=True)
    app.write_text(SHOP_HOME)
    (app.parent / "pages" / "2_Checkout.py").write_text(SHOP_CHECKOUT)

    def session(at):
        at.button(key="add").click().run()
        at.switch_page("pages/2_Checkout.py").run()
        at.button(key="place").click().run()
        assert at.session_state["placed"] == ["apple"]

    source, result = _record_and_replay(tmp_path, trace_dir, app, session)
    assert "at.switch_page('pages/2_Checkout.py')" in source and "replay_widget(at, 'place')" in source
    assert "cannot replay" not in source and "not compared" not in source
    assert result.returncode == 0, result.stdout[-3000:]
