"""Trace format v1: round trip, and a clear error naming the line for bad files."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from st_state_debugger import TraceError, load_trace
from st_state_debugger.model import Change, Diff, Event, HistoryEntry, KeyErrorReport, Rerun, Trigger
from st_state_debugger.trace import dumps_trace, make_header

DATA = Path(__file__).resolve().parents[1] / "data"


def _header():
    return make_header(session="abcd1234", app="app.py", redaction=("token",), placeholder="‹redacted›", max_reruns=10, max_events_per_rerun=100)


def _rerun(index=1):
    ev = Event(seq=0, op="read", key="x", source="script", file="app.py", line=3, value="1", found=True, api="getitem")
    miss = Event(seq=1, op="read", key="y", source="script", file="app.py", line=4, found=False, api="getattr", error="AttributeError")
    return Rerun(
        index=index, trigger=Trigger("widget", widget_key="b", widget="button", label="Go"), started_at=1.7e9, duration_ms=1.5,
        status="ok", events=[ev, miss], diff=Diff(added=["x"], changed=["z"], details={"z": [Change("z[0]", "changed", "1", "2")]}, values={"x": [None, "1"]}),
        errors=[KeyErrorReport("y", "AttributeError", "no y", "app.py", 4, "'y' was never set", ["x"], [HistoryEntry(1, ev)])],
    )


def test_round_trip_gives_equal_objects(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_bytes(dumps_trace(_header(), [_rerun(1), _rerun(2)]))
    trace = load_trace(path)
    assert trace.reruns == [_rerun(1), _rerun(2)]
    assert trace.header["event_fields"][:4] == ["seq", "op", "key", "source"]


def test_checked_in_version_1_trace_keeps_loading():
    trace = load_trace(DATA / "trace_v1.jsonl")
    assert trace.header["version"] == 1 and len(trace.reruns) >= 3
    assert any(r.errors for r in trace.reruns)


def _lines(*objs) -> bytes:
    return b"\n".join(o if isinstance(o, bytes) else orjson.dumps(o) for o in objs) + b"\n"


GOOD_RERUN = orjson.loads(orjson.dumps(__import__("st_state_debugger.trace", fromlist=["x"]).rerun_to_json(_rerun())))


def _with(**changes):
    obj = dict(GOOD_RERUN)
    for k, v in changes.items():
        if v is ...:
            obj.pop(k)
        else:
            obj[k] = v
    return obj


def _header_with(**changes):
    h = dict(_header())
    h.update(changes)
    return h


MALFORMED = [
    ("empty", b"", None, "empty file"),
    ("not json", b"{nope\n", 1, "not JSON"),
    ("no header", _lines(GOOD_RERUN), 1, "the first line must be the trace header"),
    ("other schema", _lines(_header_with(schema="other.tool")), 1, "not a st_state_debugger trace: schema is 'other.tool'"),
    ("future version", _lines(_header_with(version=2)), 1, "written by a newer st_state_debugger: version 2; this one reads version 1; upgrade"),
    ("version not int", _lines(_header_with(version="1")), 1, "header field 'version' must be an integer"),
    ("rerun not json", _lines(_header(), b"{bad"), 2, "not JSON"),
    ("second header", _lines(_header(), _header()), 2, "expected a rerun line"),
    ("missing index", _lines(_header(), _with(index=...)), 2, "rerun line is missing field 'index'"),
    ("index not int", _lines(_header(), _with(index="1")), 2, "field 'index' must be int, got str"),
    ("bad status", _lines(_header(), _with(status="fine")), 2, "status must be one of ok, exception, stopped, rerun_requested"),
    ("bad trigger", _lines(_header(), _with(trigger={"kind": "magic"})), 2, "trigger kind must be one of"),
    ("bad op", _lines(_header(), _with(events=[[0, "peek", "x", "script"]])), 2, "event 0: 'op' must be one of read, write, delete"),
    ("bad source", _lines(_header(), _with(events=[[0, "read", "x", "cosmic"]])), 2, "event 0: 'source' must be one of"),
    ("short event", _lines(_header(), _with(events=[[0, "read"]])), 2, "event 0 must be an array of 4 to"),
    ("line not int", _lines(_header(), _with(events=[[0, "read", "x", "script", "a.py", "3"]])), 2, "event 0: 'line' must be an integer or null"),
    ("missing diff", _lines(_header(), _with(diff=...)), 2, "rerun line is missing field 'diff'"),
    ("errors not list", _lines(_header(), _with(errors={})), 2, "field 'errors' must be list, got dict"),
    ("duration bool", _lines(_header(), _with(duration_ms=True)), 2, "field 'duration_ms' must be a number, not a boolean"),
]


@pytest.mark.parametrize("name, content, line, message", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_files_are_refused_naming_file_and_line(tmp_path, name, content, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    with pytest.raises(TraceError) as info:
        load_trace(path)
    assert info.value.line == line
    assert message in str(info.value)
    assert str(info.value).startswith(str(path) + (f", line {line}: " if line else ": "))


def test_truncated_last_line_keeps_the_reruns_before_it_when_not_strict(tmp_path):
    path = tmp_path / "crash.jsonl"
    full = dumps_trace(_header(), [_rerun(1), _rerun(2)])
    path.write_bytes(full[: len(full) - 40])
    with pytest.raises(TraceError, match="line 3: not JSON"):
        load_trace(path)
    trace = load_trace(path, strict=False)
    assert [r.index for r in trace.reruns] == [1] and "truncated last line" in trace.warnings[0]
