"""The hooks hand the recorder decoded values, never Streamlit's objects (issue 13).

What the recorder is told about widgets, callbacks and Streamlit's own writes must be
plain data (ids, keys, values, names, code and offset), so the recorder needs no
knowledge of Streamlit's private classes: a Streamlit release that changes them
touches ``internals/`` only.
"""

from __future__ import annotations

import types

from st_state_debugger.internals import listener
from st_state_debugger.recorder import Recorder
from tests.conftest import app

EVENTS = sorted(n for n, v in vars(listener.SessionListener).items() if callable(v) and n.startswith("on_"))


def _streamlit_objects(value, seen=0):
    """Streamlit objects (or frames, or Streamlit's callback partials) inside ``value``."""
    if seen > 3:
        return []
    if isinstance(value, (types.FrameType, types.TracebackType)):
        return [type(value).__name__]
    module = type(value).__module__ or ""
    if module.startswith("streamlit") or (hasattr(value, "func") and "streamlit" in getattr(value.func, "__module__", "")):
        return [f"{module}.{type(value).__qualname__}"]
    if isinstance(value, tuple):  # NamedTuples of decoded values included
        return [bad for item in value for bad in _streamlit_objects(item, seen + 1)]
    return []


def test_every_event_reaches_the_recorder_as_plain_values(trace_dir, monkeypatch):
    told: dict[str, list[str]] = {}

    def spy(name):
        original = getattr(Recorder, name)

        def wrapped(self, *args):
            told.setdefault(name, []).extend(bad for a in args for bad in _streamlit_objects(a))
            return original(self, *args)

        return wrapped

    for name in EVENTS:
        monkeypatch.setattr(Recorder, name, spy(name))
    at = app("callbacks.py").run()
    at.text_input(key="name").input("Ann").run()
    at.button(key="add3").click().run()
    at.session_state["outside"] = 1
    del at.session_state["outside"]
    rules = app("widget_rules.py").run()
    rules.checkbox(key="preset").check().run()
    rules.checkbox(key="bad").check().run()
    assert not at.exception
    reached = set(told)
    assert {"on_widget_changed", "on_callback_start", "on_callback_end", "on_widget_registered", "on_widget_rules",
            "on_streamlit_write", "on_streamlit_delete", "on_finish_start", "on_finish_end",
            "on_browser_values_applied"} <= reached, sorted(set(EVENTS) - reached)
    assert {name: bad for name, bad in told.items() if bad} == {}
