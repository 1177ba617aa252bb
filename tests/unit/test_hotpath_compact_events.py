"""Kept events share their strings (issue 15, memory per kept event): an app that
builds its keys (``ss[f"k{i}"]``) hands the debugger a new string at every access,
and equal value summaries are made anew for every event; a session's events keep
one string per key and per summary instead."""

from __future__ import annotations

from st_state_debugger import attribution
from st_state_debugger.diff import StateTracker
from st_state_debugger.explain import Explainer
from st_state_debugger.model import Trigger
from st_state_debugger.recording.build import Describe, RunFacts, SiteCache, build_rerun
from st_state_debugger.recording.event import raw_event
from st_state_debugger.redact import Redactor
from st_state_debugger.store import SessionStore


def _built_key(i: int) -> str:
    return "".join(["k", str(i)])  # a new str object each call, as f"k{i}" in an app


def test_events_of_a_session_share_one_string_per_key_and_per_summary():
    redactor = Redactor(("token",), ())
    tracker = StateTracker(redactor, value_chars=40, snapshot_max_bytes=10_000_000, key_budget_ms=5.0)
    store, describe, explainer = SessionStore(10), Describe(SiteCache(None), redactor, 40), Explainer()
    reruns = []
    for index in (1, 2):
        raw = [raw_event("read", _built_key(i % 3), "getitem", attribution.SCRIPT, found=True, value=1000 + i % 3)
               for i in range(30)]
        state = {_built_key(i): 1000 + i for i in range(3)}
        reruns.append(build_rerun(raw, state, tracker, store, RunFacts(index, Trigger("initial")), describe, explainer))
    events = [e for r in reruns for e in r.events]
    assert {e.key for e in events} == {"k0", "k1", "k2"}
    assert len({id(e.key) for e in events}) == 3  # one object per key, over both reruns
    assert {e.value for e in events} == {"1000", "1001", "1002"}
    assert len({id(e.value) for e in events}) == 3
