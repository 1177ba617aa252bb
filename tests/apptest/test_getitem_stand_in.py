"""``ss[key]`` is recorded in Streamlit's own frame (issue 11 item 10): the installed
``SessionStateProxy.__getitem__`` is Streamlit's method rebuilt with the recording
in it (``relabel.stand_in``), so a caught KeyError passes through no frame of the
debugger's. Both it and the fallback (``DebugProxy.__getitem__``, for a release
whose method has another body) keep every traceback native and record the same."""

from __future__ import annotations

import ast
import inspect
import sys

import pytest

from st_state_debugger import internals
from st_state_debugger.internals import proxy
from st_state_debugger.internals.names import SessionStateProxy, get_session_state
from st_state_debugger.internals.relabel import stand_in
from st_state_debugger.testing import trace_of
from tests.apptest.test_tracebacks import _observe
from tests.conftest import app

_install = sys.modules["st_state_debugger.internals.install"]


@pytest.fixture(params=["stand-in", "fallback"])
def getitem(request, monkeypatch):
    """Which ``ss[key]`` is installed: the stand-in, or the fallback forced."""
    if request.param == "fallback":
        internals.uninstall()
        monkeypatch.setitem(_install._PATCHES, "__getitem__", proxy.DebugProxy.__getitem__)
    yield request.param
    internals.uninstall()  # the next test installs the shipped one again


def test_this_streamlit_gets_the_stand_in_with_streamlits_name_file_and_lines():
    fn, native = _install.GETITEM_STAND_IN, _install._NATIVE_PROXY_ATTRS["__getitem__"]
    assert fn is not None and _install._PATCHES["__getitem__"] is fn
    assert fn.__qualname__ == native.__qualname__ == "SessionStateProxy.__getitem__"
    assert fn.__code__.co_filename == native.__code__.co_filename
    assert fn.__code__.co_firstlineno == native.__code__.co_firstlineno
    # every line the rebuilt code reports is a line of Streamlit's method
    source, first = inspect.getsourcelines(native)
    lines = {line for _, _, line in fn.__code__.co_lines() if line is not None}
    assert lines and lines <= set(range(first, first + len(source))), lines


def test_a_streamlit_whose_getitem_has_another_body_gets_the_fallback():
    def changed(self, key):
        key = str(key).strip()
        return get_session_state()[key]

    assert stand_in(proxy._getitem_in_streamlits_frame, changed, proxy.NATIVE_GETITEM_BODY) is None

    def template_missing_a_line(self, key):
        key = str(key)
        return get_session_state()[key]

    # a template that would skip one of Streamlit's statements is refused too
    assert stand_in(template_missing_a_line, _install._NATIVE_PROXY_ATTRS["__getitem__"], proxy.NATIVE_GETITEM_BODY) is None
    assert all(isinstance(ast.parse(s).body[0], ast.stmt) for s in proxy.NATIVE_GETITEM_BODY)


@pytest.mark.parametrize("case", ["getitem", "callback", "fragment"])
def test_tracebacks_through_either_getitem_are_the_native_ones(case, getitem, trace_dir, monkeypatch):
    native_errors, native_texts, _ = _observe(case, True, monkeypatch)
    errors, texts, at = _observe(case, False, monkeypatch)
    assert internals.installed() and (getitem == "fallback") == (
        SessionStateProxy.__dict__["__getitem__"] is proxy.DebugProxy.__getitem__)
    assert trace_of(at).reruns
    assert native_errors and native_texts
    assert errors == native_errors
    assert texts == native_texts


def test_either_getitem_counts_a_repeated_miss_once_and_keeps_no_frame_alive(getitem, trace_dir, monkeypatch):
    monkeypatch.setenv("SSD_N", "300")
    at = app("hotpath_misses.py").run()
    assert not at.exception
    rerun = trace_of(at).reruns[0]
    assert [(e.api, e.found, e.error, e.count) for e in rerun.events if e.key == "missing"] == [
        ("getitem", False, "KeyError", 300)]
    (report,) = [e for e in rerun.errors if e.key == "missing"]
    assert report.count == 300
    at = app("keyerror_frames.py").run()
    assert not at.exception and at.markdown[0].value == "alive `0`"
    assert {(e.key, e.count) for e in trace_of(at).reruns[0].errors} >= {("missing", 3), ("never_set", 3)}
