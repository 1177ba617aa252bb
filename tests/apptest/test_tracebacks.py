"""Tracebacks with the debugger are the native ones: in the page, in the app's own
``traceback.format_exc()``, and no frame names a file that does not exist."""

from __future__ import annotations

import os
import re

import pytest

from st_state_debugger import internals
from st_state_debugger.testing import trace_of
from tests.conftest import app

CASES = ["widget", "pop", "getitem", "getattr", "del", "callback", "fragment"]
_FILE = re.compile(r'File "([^"]+)", line \d+')


def _observe(case: str, native: bool, monkeypatch) -> tuple[list, list, object]:
    """(in-page exceptions, texts the app wrote, the AppTest) for one run of a case."""
    monkeypatch.setenv("SSD_NATIVE", "1" if native else "0")
    monkeypatch.setenv("SSD_CASE", case)
    if native:
        internals.uninstall()
    at = app("native_errors.py").run()
    if case == "callback":
        at.button(key="go").click().run()
    errors = [(e.proto.type, e.message, list(e.stack_trace)) for e in at.exception]
    return errors, [t.value for t in at.text], at


def _files(texts: list[str]) -> set[str]:
    return {name for text in texts for name in _FILE.findall(text)}


@pytest.mark.parametrize("case", CASES)
def test_in_page_traceback_and_format_exc_equal_native(case, trace_dir, monkeypatch):
    native_errors, native_texts, _ = _observe(case, True, monkeypatch)
    errors, texts, at = _observe(case, False, monkeypatch)
    assert trace_of(at).reruns  # it really was recorded
    assert native_errors and native_texts  # the case really failed, twice
    assert errors == native_errors
    assert texts == native_texts


@pytest.mark.parametrize("case", CASES)
def test_no_frame_names_a_file_that_does_not_exist(case, trace_dir, monkeypatch):
    errors, texts, _ = _observe(case, False, monkeypatch)
    rows = [row for _, _, stack in errors for row in stack]
    named = _files(texts + rows)
    assert named
    assert not [name for name in named if not name.startswith("<") and not os.path.exists(name)]


def test_widget_already_instantiated_shows_only_the_apps_line(trace_dir, monkeypatch):
    (error,), _, _ = _observe("widget", False, monkeypatch)
    kind, _, stack = error
    assert kind == "streamlit.errors.StreamlitWidgetAlreadyInstantiatedError"
    assert {os.path.basename(name) for name in _files(stack)} == {"native_errors.py"}
    assert not any("st_state_debugger" in row or "<lambda>" in row for row in stack)
