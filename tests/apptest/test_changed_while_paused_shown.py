"""Keys changed while paused are shown as their own group, "changed while paused
(not recorded)", in the panel's payload and in the Markdown report (issue 12 item 9:
the trace already marks them; the outputs must say so too)."""

from __future__ import annotations

import re

from st_state_debugger import load_trace
from st_state_debugger.report import markdown_report
from tests.conftest import only_trace_file, panel_data

# the session (tests/conftest.py ``paused_session``): paused, clicks += 1 and a checkbox
# ticked while paused, resumed; #6 is the first rerun recorded again


def _cells(row: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]


def test_the_panel_payload_lists_keys_changed_while_paused_in_their_own_group(paused_session):
    at = paused_session
    data = panel_data(at)
    (first,) = [d for d in data["details"] if d["index"] == 6]
    assert first["diff"]["changed_while_paused"] == ["clicks", "show"]
    assert first["diff"]["mutated_in_place"] == []
    assert {e["key"] for e in first["diff"]["changed"]} >= {"clicks", "show"}  # values still shown as changed
    at.button(key="tag").click().run()  # 7: an in-place append after the resume
    (last,) = [d for d in panel_data(at)["details"] if d["index"] == 7]
    assert last["diff"]["changed_while_paused"] == [] and last["diff"]["mutated_in_place"] == ["tags"]


def test_the_markdown_report_has_a_changed_while_paused_column(paused_session, trace_dir):
    at = paused_session
    at.button(key="tag").click().run()  # 7
    lines = markdown_report(load_trace(only_trace_file(trace_dir)), "t.jsonl").splitlines()
    header = _cells(next(line for line in lines if line.startswith("| # |")))
    assert "changed while paused (not recorded)" in header
    rows = {cells[0]: dict(zip(header, cells)) for cells in (_cells(line) for line in lines if re.match(r"\| \d+ \|", line))}
    assert rows["6"]["changed while paused (not recorded)"] == "clicks, show"
    assert rows["6"]["mutated in place"] == "–"
    assert rows["7"]["changed while paused (not recorded)"] == "–" and rows["7"]["mutated in place"] == "tags"
    assert all(len(_cells(line)) == len(header) for line in lines if re.match(r"\| \d+ \|", line))
