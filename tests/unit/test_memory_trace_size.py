"""A rerun line writes its optional fields only when they say something (issue 15:
the trace stays <= 42 B/event; the 2,000-rerun long session was at 42.4).

docs/trace-format.md names them optional (absent reads as empty), and every reader
since version 1 reads them with defaults: the line is lighter, the trace the same.
"""

from __future__ import annotations

import dataclasses

import orjson

from st_state_debugger import load_trace
from st_state_debugger.model import CallbackRun, Change, Diff, Event, Rerun, RerunWarning, Trigger
from st_state_debugger.trace import dumps_trace, make_header

OPTIONAL = {"page", "events_dropped", "callbacks", "warnings", "overflow"}
OPTIONAL_DIFF = {"values", "sampled", "unchecked", "changed_while_paused"}


def _header():
    return make_header(session="abcd1234", app="app.py", redaction=("token",), placeholder="‹redacted›",
                       max_reruns=10, max_events_per_rerun=100)


def _plain(index: int) -> Rerun:
    ev = Event(seq=0, op="write", key="n", source="script", file="app.py", line=3, value=str(index), api="setitem")
    return Rerun(index=index, trigger=Trigger("rerun"), started_at=1.7e9, duration_ms=1.5, status="ok", events=[ev],
                 diff=_diff(str(index - 1), str(index)), errors=[])


def _diff(old: str, new: str, **more) -> Diff:
    """A replaced value as the live diff has it (its whole-value detail is implied by values)."""
    diff = Diff(changed=["n"], values={"n": [old, new]}, **more)
    assert diff.details == {"n": [Change("n", "changed", old, new)]}
    return diff


def _lines(reruns) -> list[dict]:
    return [orjson.loads(line) for line in dumps_trace(_header(), reruns).splitlines()[1:]]


def test_a_plain_reruns_line_has_no_empty_optional_field_and_reads_back_the_same(tmp_path):
    reruns = [_plain(1), _plain(2)]
    (line, _) = _lines(reruns)
    assert not (OPTIONAL & line.keys()) and not ((OPTIONAL_DIFF - {"values"}) & line["diff"].keys())
    assert line["files"] == ["app.py"] and line["diff"]["values"] == {"n": ["0", "1"]}
    path = tmp_path / "t.jsonl"
    path.write_bytes(dumps_trace(_header(), reruns))
    assert load_trace(path).reruns == reruns


def test_optional_fields_that_say_something_are_written_and_read_back(tmp_path):
    full = dataclasses.replace(
        _plain(3), page="Orders", events_dropped=4, overflow=True,
        callbacks=[CallbackRun("add", "add_btn", 1.25)], warnings=[RerunWarning("widget_cleanup", "w", "removed", "app.py", 9)],
        diff=_diff("2", "3", sampled=["big"], unchecked=["conn"], changed_while_paused=["n"]),
    )
    (line,) = _lines([full])
    assert OPTIONAL <= line.keys() and OPTIONAL_DIFF <= line["diff"].keys()
    path = tmp_path / "t.jsonl"
    path.write_bytes(dumps_trace(_header(), [full]))
    assert load_trace(path).reruns == [full]


def test_a_rerun_without_events_writes_no_file_table():
    empty = dataclasses.replace(_plain(1), events=[], diff=Diff())
    (line,) = _lines([empty])
    assert "files" not in line and line["events"] == [] and "values" not in line["diff"]
