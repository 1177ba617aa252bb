"""Every path that records an event honours ``max_events_per_rerun`` and counts what
it leaves out: the script's own accesses, Streamlit's widget cleanup and writes made
from outside a run (kept until the next run)."""

from __future__ import annotations

from st_state_debugger.testing import trace_of
from tests.conftest import app

CAP = 3


def _drive(at):
    """A first run, values set from outside a run, then a rerun whose cleanup removes five widget keys."""
    at.run()
    for i in range(6):
        at.session_state[f"outside{i}"] = i  # no run is going: kept for the next one
    at.checkbox(key="show").uncheck().run()
    return trace_of(at).reruns


def test_widget_cleanup_and_outside_writes_respect_the_event_cap_and_count_every_dropped_event(trace_dir, monkeypatch):
    monkeypatch.setenv("CAP", "100000")
    full = _drive(app("capped_events.py"))
    monkeypatch.setenv("CAP", str(CAP))
    capped = _drive(app("capped_events.py"))
    assert len(full) == len(capped) == 2
    cleanup = [e for e in full[1].events if e.api == "cleanup"]
    outside = [e for e in full[1].events if e.key and e.key.startswith("outside")]
    assert len(cleanup) == 5 and len(outside) == 6  # the uncapped run has them all
    for whole, cut in zip(full, capped):
        assert len(cut.events) <= CAP
        assert len(cut.events) + cut.events_dropped == len(whole.events) + whole.events_dropped
        assert [(e.op, e.key) for e in cut.events] == [(e.op, e.key) for e in whole.events[:len(cut.events)]]
