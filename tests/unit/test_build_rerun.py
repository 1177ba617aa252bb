"""``recording.build.build_rerun`` without Streamlit running: a hand-made list of raw
events (as the hot path appends them) and a state become a ``Rerun`` with its
trigger, events at file:line, diff and KeyError reports."""

from __future__ import annotations

import os

from st_state_debugger import attribution
from st_state_debugger.diff import StateTracker
from st_state_debugger.explain import Explainer
from st_state_debugger.internals.values import NOVAL, AtEnd
from st_state_debugger.model import Trigger
from st_state_debugger.recording.build import (
    AT_END,
    Describe,
    RunFacts,
    SiteCache,
    build_rerun,
)
from st_state_debugger.recording.event import raw_event
from st_state_debugger.redact import Redactor
from st_state_debugger.store import SessionStore

APP_DIR = os.path.join(os.sep, "srv", "app")
SOURCE = "count = 0\ntotal = count + 1\nname = 'x'\nmissing = 1\n"
CODE = compile(SOURCE, os.path.join(APP_DIR, "pages", "shop.py"), "exec")


def _offset(line: int) -> int:
    """An instruction offset of ``CODE`` on ``line``, as a frame's f_lasti would be."""
    return next(start for start, _end, at in CODE.co_lines() if at == line)


def _session():
    redactor = Redactor(("token",), ())
    tracker = StateTracker(redactor, value_chars=40, snapshot_max_bytes=10_000_000, key_budget_ms=5.0)
    describe = Describe(SiteCache(APP_DIR), redactor, 40)
    return tracker, SessionStore(10), describe, Explainer()


def _build(raw, state, session, index, trigger, **facts):
    tracker, store, describe, explainer = session
    rerun = build_rerun(raw, state, tracker, store, RunFacts(index=index, trigger=trigger, **facts), describe, explainer)
    store.add(rerun)
    return rerun


def test_build_rerun_turns_hand_made_raw_events_into_a_rerun_with_trigger_sites_diff_and_keyerror_reports():
    session = _session()
    script, cb = attribution.SCRIPT, attribution.callback("add", "add_btn")
    first = _build([
        raw_event("write", "count", "setitem", script, CODE, _offset(1), None, 0),
        raw_event("write", "api_token", "setitem", script, CODE, _offset(3), None, "s3cr3t"),
    ], {"count": 0, "api_token": "s3cr3t"}, session, 1, Trigger("initial"))
    assert first.trigger.kind == "initial" and first.diff.added == ["api_token", "count"]
    assert [(e.op, e.key, e.file, e.line, e.value) for e in first.events] == [
        ("write", "count", os.path.join("pages", "shop.py"), 1, "0"),
        ("write", "api_token", os.path.join("pages", "shop.py"), 3, "‹redacted›"),
    ]

    items = [1, 2]
    second = _build([
        raw_event("write", "add_btn", "browser", attribution.widget("add_btn"), CODE, _offset(2), None, True),
        raw_event("read", "count", "getitem", cb, CODE, _offset(2), True, 0),
        raw_event("write", "count", "setitem", cb, CODE, _offset(2), None, 1),
        raw_event("write", "items", "setitem", script, CODE, _offset(3), None, AtEnd((items,))),
        raw_event("read", "cart", "getitem", script, CODE, _offset(4), False, NOVAL, (KeyError, ("cart",))),
        raw_event("delete", "api_token", "delitem", script, None, -1, True, NOVAL),
    ], {"count": 1, "add_btn": True, "items": items}, session, 2,
        Trigger("widget", widget_key="add_btn", widget="button", label="Add"), status="exception", dropped=3)

    assert (second.trigger.kind, second.trigger.widget_key, second.status, second.events_dropped) == ("widget", "add_btn", "exception", 3)
    assert [(e.seq, e.op, e.key, e.source, e.line) for e in second.events] == [
        (0, "write", "add_btn", "widget", 2), (1, "read", "count", "callback", 2), (2, "write", "count", "callback", 2),
        (3, "write", "items", "script", 3), (4, "read", "cart", "script", 4), (5, "delete", "api_token", "script", None),
    ]
    assert second.events[1].callback == "add" and second.events[1].widget_key == "add_btn"
    assert second.events[3].value == "[1, 2]" + AT_END  # kept at the run's end, and it says so
    assert second.events[4].error == "KeyError" and second.events[4].value is None
    assert (sorted(second.diff.added), second.diff.changed, second.diff.removed) == (["add_btn", "items"], ["count"], ["api_token"])
    assert second.diff.values["count"] == ["0", "1"]
    (report,) = second.errors
    assert (report.key, report.type, report.file, report.line) == ("cart", "KeyError", os.path.join("pages", "shop.py"), 4)


def test_raw_event_index_constants_name_the_fields_the_hot_path_and_the_build_unpack():
    from st_state_debugger.recording import event

    assert [getattr(event, name.upper()) for name in event.FIELDS] == list(range(len(event.FIELDS)))
    raw = event.raw_event("read", "k", "getitem", attribution.SCRIPT, None, 7, True, 1, None)
    assert dict(zip(event.FIELDS, raw)) == {"op": "read", "key": "k", "api": "getitem", "attr": attribution.SCRIPT,
                                            "code": None, "lasti": 7, "found": True, "value": 1, "exc": None}
