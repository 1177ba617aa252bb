"""The autouse fixture of tests/conftest.py fails a test that leaves process-wide
changes behind (it looks before it cleans), and lets a clean test pass."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LEAKY = '''
import os

from streamlit.runtime.scriptrunner import script_runner

import st_state_debugger.internals as internals


def test_replaces_the_runner_and_leaves_it():
    script_runner.exec_func_with_error_handling = lambda *a, **k: None


def test_sets_an_environment_variable_and_leaves_it():
    os.environ["ST_STATE_DEBUGGER_ALLOW_REMOTE"] = "1"


def test_clean_install_is_taken_back_without_complaint():
    internals.install()


def test_nothing_at_all():
    assert True
'''


def test_a_test_that_leaks_fails_and_a_clean_one_passes(tmp_path: Path) -> None:
    (tmp_path / "test_leaky.py").write_text(LEAKY, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest",
         "--rootdir", str(tmp_path), str(tmp_path / "test_leaky.py")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    out = done.stdout
    # "ERROR path::name" or, on a wide terminal, "ERROR path::name - AssertionError: ...".
    errors = sorted(
        line.split(" - ", 1)[0].rsplit("::", 1)[-1] for line in out.splitlines() if line.startswith("ERROR ")
    )
    assert errors == ["test_replaces_the_runner_and_leaves_it", "test_sets_an_environment_variable_and_leaves_it"], out
    assert "4 passed, 2 errors" in out, out
    assert "exec_func_with_error_handling replaced" in out and "environment changed" in out
