"""Faults in each stage and in the trace file: the app runs on unchanged."""

from __future__ import annotations

import errno
import inspect
import json
import logging
import sys

import pytest
from streamlit.testing.v1 import AppTest

from st_state_debugger import diff, internals, load_trace, recorder, sidebar, trace
from st_state_debugger.internals import probe as probe_module
from st_state_debugger.panel import wire
from st_state_debugger.testing import trace_of
from tests.apptest.test_never_changes_the_app import _tree
from tests.conftest import app, only_trace_file, panel_element


def _boom(*args, **kwargs):
    raise RuntimeError("injected failure")


def _drive(at):
    at.button(key="add3").click().run()
    at.text_input(key="name").input("z").run()
    at.button(key="add3").click().run()
    return _tree(at), [e.message for e in at.exception]


STAGES = {
    "hook (run start)": (recorder.Recorder, "begin_run"),
    "recording (callback attribution)": (recorder.Recorder, "on_callback_start"),
    "fingerprint": (diff, "take_fingerprint"),
    "diff": (diff.StateTracker, "_details"),
    "trace write": (trace.TraceWriter, "write"),
    "panel payload": (sidebar, "build_payload"),
}


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_a_failure_in_any_stage_leaves_the_app_output_identical_to_native(stage, trace_dir, monkeypatch, caplog):
    monkeypatch.setenv("SSD_NATIVE", "1")
    internals.uninstall()
    native = _drive(app("callbacks.py").run())
    monkeypatch.setenv("SSD_NATIVE", "0")
    healthy = app("callbacks.py").run()
    broken = app("callbacks.py").run()
    target, name = STAGES[stage]
    monkeypatch.setattr(target, name, _boom)
    with caplog.at_level(logging.WARNING, logger="st_state_debugger"):
        observed = _drive(broken)
    monkeypatch.undo()
    assert observed == native
    messages = [r.getMessage() for r in caplog.records if r.name == "st_state_debugger"]
    assert len(messages) == 1 and "injected failure" in messages[0], messages
    if stage != "trace write":  # a trace-file failure stops only the file (below)
        with pytest.raises(LookupError):
            trace_of(broken)
    healthy.button(key="add3").click().run()
    assert trace_of(healthy).reruns[-1].trigger.widget_key == "add3"


def _panel_notices(at):
    return wire.unpack(json.loads(panel_element(at).proto.json))["notices"]


def test_unwritable_trace_directory_keeps_recording_and_the_panel_says_so(tmp_path, monkeypatch):
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    monkeypatch.setenv("ST_STATE_DEBUGGER_TRACE_DIR", str(not_a_dir / "traces"))
    at = app("plain.py").run()
    at.button(key="inc").click().run()
    assert not at.exception
    assert len(trace_of(at).reruns) == 2
    (notice,) = _panel_notices(at)
    assert notice.startswith("trace file not written: cannot create a trace file in") and "export from the panel" in notice


def test_disk_full_stops_the_file_not_the_app(trace_dir, monkeypatch):
    at = app("plain.py").run()
    rec = internals.recorder_of_apptest(at)

    def full(data):  # the append (open, write, close) of the next line fails as on a full disk
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(rec.debug.writer, "_append", full)
    at.button(key="inc").click().run()
    at.run()
    assert not at.exception and len(trace_of(at).reruns) == 3
    assert "No space left on device" in _panel_notices(at)[0]
    assert [r.index for r in load_trace(only_trace_file(trace_dir)).reruns] == [1]  # what was written stays valid


def test_trace_file_deleted_mid_session_is_rewritten_with_nothing_lost(trace_dir):
    at = app("plain.py").run()
    at.run()
    only_trace_file(trace_dir).unlink()
    at.button(key="inc").click().run()
    at.run()
    restored = load_trace(only_trace_file(trace_dir))
    assert [r.index for r in restored.reruns] == [1, 2, 3, 4]
    assert restored.reruns == trace_of(at).reruns


def test_missing_hooked_names_are_detected(monkeypatch):
    from streamlit.runtime.state.session_state import SessionState

    assert internals.missing_internals() == []
    monkeypatch.delattr(SessionState, "_remove_stale_widgets")
    probe_module.forget()
    assert internals.missing_internals() == ["SessionState._remove_stale_widgets: missing (AttributeError)"]
    assert not internals.feature_on("cleanup") and internals.feature_on("recording")


def test_streamlit_without_a_core_hook_point_is_refused_with_the_supported_range(tmp_path, monkeypatch, caplog):
    from st_state_debugger import guard

    # Streamlit itself needs the real method to run the app; the failed check is simulated.
    real = probe_module.check_point
    monkeypatch.setattr(probe_module, "check_point",
                        lambda p: "missing (simulated)" if p.name == "SessionState.__setitem__" else real(p))
    probe_module.forget()
    monkeypatch.setattr(guard, "_said_once", set())
    script = tmp_path / "app.py"
    script.write_text("import streamlit as st, st_state_debugger\nst.write(str(st_state_debugger.enable()))\nst.session_state.x = 1\n")
    with caplog.at_level(logging.WARNING, logger="st_state_debugger"):
        at = AppTest.from_file(str(script)).run()
    assert [m.value for m in at.markdown] == ["False"] and not at.exception
    assert "SessionState.__setitem__ missing (simulated)" in caplog.text
    assert f"supported: streamlit {internals.declared_range()} (tested up to {internals.TESTED[-1]})" in caplog.text
    assert not internals.installed()


# --------------------------------------------------------------------------- every entry point
# Entry points are enumerated, not chosen: every method DebugProxy overrides, every
# method of SessionHooks, and the two wrapped Streamlit functions. What each one
# hands to the debugger is read from its code: the package's helpers and recorder
# methods it names, the recorder callbacks it names through _session_call, and, for
# a guarded helper it calls (one that reaches guard.trip), what that helper calls in
# turn. A failure is injected into all of these at once, only on behalf of that one
# entry point, and the app must not notice.

#: finding the running session is a dictionary lookup; a failure there has no
#: session to switch off (and cannot change the app: see _running_buffer).
_LOCATORS = {"current_ctx", "run_buffer", "recorder_of", "_running_buffer", "inner_state_of"}


def _entry_points() -> dict[str, object]:
    found = {}
    for cls in (internals.DebugProxy, internals.SessionHooks):
        for name, fn in vars(cls).items():
            if inspect.isfunction(fn):
                # what install puts on SessionStateProxy (ss[key]: the stand-in in Streamlit's frame)
                fn = internals._PATCHES.get(name, fn) if cls is internals.DebugProxy else fn
                found[fn.__qualname__] = fn
    for fn in (internals._exec_with_debugger, internals._rules_with_debugger):
        found[fn.__qualname__] = fn
    return found


def _ours(fn) -> bool:
    """Code of this package (relabelled hooks included), not Streamlit's wrappers
    around the app's own operation (``_setattr_impl`` is Streamlit's telemetry)."""
    return fn.__code__.co_filename.startswith(internals._OWN_DIR)


def _is_guarded(fn) -> bool:
    return "trip" in fn.__code__.co_names


def _seams(fn, depth: int = 0) -> set[tuple[str, str]]:
    """(owner, name) of every debugger function ``fn`` calls on its own behalf; a
    function of ``internals`` is owned by its module (where ``fn`` looks it up)."""
    out: set[tuple[str, str]] = set()
    code, scope = fn.__code__, fn.__globals__
    for name in code.co_names:
        target = scope.get(name)
        if inspect.isfunction(target) and _ours(target):
            if name in ("_break", "_hide_own_frame", "reraise_with_its_traceback") or name in _LOCATORS:
                # _break raises StateBreakpoint on purpose; _hide_own_frame and (Python 3.10)
                # reraise_with_its_traceback only prepare the re-raise, and never raise
                continue
            if _is_guarded(target):  # a guard: what it calls is the work to break
                out |= _seams(target, depth + 1) if depth == 0 else set()
            else:
                out.add((scope["__name__"], name))
        elif name == "events":
            out.add(("events", "append"))
        else:
            for owner in (recorder.Recorder, recorder.RunBuffer):
                if inspect.isfunction(getattr(owner, name, None)):
                    out.add((owner.__name__, name))
    for const in code.co_consts:
        if isinstance(const, str) and inspect.isfunction(getattr(recorder.Recorder, "on_" + const, None)):
            out.add(("Recorder", "on_" + const))
    return out


#: Entry points AppTest cannot reach, each with its own test below.
UNREACHABLE_IN_APPTEST = {
    # only Components v2 JSON-trigger callbacks (the panel's own) go through it
    "SessionHooks._execute_widget_callback": "test_a_failure_before_a_components_v2_callback_is_contained",
}
ENTRY_POINTS = _entry_points()
SEAMS = {name: _seams(fn) for name, fn in ENTRY_POINTS.items()}


def _on_behalf_of(qualname: str) -> bool:
    frame = sys._getframe(2)
    for _ in range(2):  # the entry point itself, or the guarded helper it called
        if frame is None:
            return False
        if frame.f_code is getattr(ENTRY_POINTS[qualname], "__code__", None):  # not co_qualname: none on 3.10
            return True
        frame = frame.f_back
    return False


def _faulty(original, qualname: str):
    def faulty(*args, **kwargs):
        if _on_behalf_of(qualname):
            raise RuntimeError(f"injected failure under {qualname}")
        return original(*args, **kwargs)

    return faulty


def _inject(monkeypatch, qualname: str) -> None:
    owners = {"Recorder": recorder.Recorder, "RunBuffer": recorder.RunBuffer}
    for owner, name in SEAMS[qualname]:
        if owner == "events":
            class FaultyEvents(list):
                def append(self, item, _q=qualname):
                    if _on_behalf_of(_q):
                        raise RuntimeError(f"injected failure under {_q}")
                    list.append(self, item)

            init = recorder.RunBuffer.__init__

            def init_with_faulty_events(self, *args, _init=init, _cls=FaultyEvents, **kwargs):
                _init(self, *args, **kwargs)
                self.events = _cls(self.events)

            monkeypatch.setattr(recorder.RunBuffer, "__init__", init_with_faulty_events)
            continue
        target = owners.get(owner) or sys.modules[owner]
        monkeypatch.setattr(target, name, _faulty(getattr(target, name), qualname))


def _drive_everything(at):
    """Reach every entry point: widget values, callbacks, session state set and
    deleted from outside a run, a cleanup, clear() and popitem(); then two plain
    reruns, so the output compared is after the debugger switched itself off."""
    at.text_input(key="name").input("q").run()
    at.button(key="go").click().run()
    at.session_state["ext"] = 1
    del at.session_state["ext"]
    at.button(key="hide_btn").click().run()
    at.button(key="wipe").click().run()
    at.run()
    at.run()
    return _tree(at), [e.message for e in at.exception]


def test_every_entry_point_is_enumerated_with_what_it_hands_to_the_debugger():
    assert len(ENTRY_POINTS) >= 30
    idle = sorted(name for name, seams in SEAMS.items() if not seams)
    assert idle == ["DebugProxy.__reduce_ex__", "DebugProxy.update"], idle  # pure Streamlit calls
    assert ("st_state_debugger.internals.session", "has_key_raw") in SEAMS["SessionHooks.register_widget"]
    assert ("st_state_debugger.internals.proxy", "user_keys") in SEAMS["DebugProxy.clear"]
    assert ("st_state_debugger.internals.proxy", "is_attribute_access") in SEAMS["DebugProxy.__getattr__"]


@pytest.mark.parametrize("entry", sorted(name for name, seams in SEAMS.items() if seams and name not in UNREACHABLE_IN_APPTEST))
def test_a_failure_behind_any_entry_point_leaves_the_app_as_native_and_switches_the_session_off(entry, monkeypatch, caplog):
    monkeypatch.setenv("SSD_NATIVE", "1")
    internals.uninstall()
    native = _drive_everything(app("bounded_entry.py").run())
    monkeypatch.setenv("SSD_NATIVE", "0")
    broken = app("bounded_entry.py").run()  # healthy first run (enable() installs the hooks)
    _inject(monkeypatch, entry)
    internals._internal_ids.clear()  # classify code afresh, so the classifier is reached too
    with caplog.at_level(logging.WARNING, logger="st_state_debugger"):
        observed = _drive_everything(broken)
    monkeypatch.undo()
    assert observed == native
    messages = [r.getMessage() for r in caplog.records if r.name == "st_state_debugger"]
    assert len(messages) == 1 and f"injected failure under {entry}" in messages[0], messages
    with pytest.raises(LookupError):
        trace_of(broken)  # the session is switched off


def test_a_failure_before_a_components_v2_callback_is_contained(trace_dir, monkeypatch, caplog):
    """SessionHooks._execute_widget_callback, which AppTest cannot trigger (only a
    Components v2 JSON-trigger event reaches it): called as Streamlit calls it,
    with every debugger function it hands work to failing."""
    from types import SimpleNamespace

    from streamlit.runtime.state.session_state import _CallbackRerunVotes

    entry = "SessionHooks._execute_widget_callback"
    assert entry in UNREACHABLE_IN_APPTEST and SEAMS[entry]
    at = app("bounded_entry.py").run()
    rec = internals.recorder_of_apptest(at)
    inner = rec.inner
    ran = []
    import contextlib

    from streamlit.runtime.state import session_state as ss_module

    # outside a script thread: the callback runs without Streamlit's thread scope
    monkeypatch.setattr(ss_module, "ThreadState", SimpleNamespace(scoped=lambda **kw: contextlib.nullcontext()))
    _inject(monkeypatch, entry)
    with caplog.at_level(logging.WARNING, logger="st_state_debugger"):
        inner._execute_widget_callback(_CallbackRerunVotes(), lambda x: ran.append(x), SimpleNamespace(id="w", fragment_id=None), (1,), {})
    monkeypatch.undo()
    assert ran == [1]  # the app's callback ran, unchanged
    messages = [r.getMessage() for r in caplog.records if r.name == "st_state_debugger"]
    assert len(messages) == 1 and f"injected failure under {entry}" in messages[0], messages
    assert rec.dead
