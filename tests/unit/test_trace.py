"""Trace format v2 (v1 still read): round trip, size, and a clear error naming the line for bad files."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from st_state_debugger import TraceError, load_trace
from st_state_debugger.model import (
    Change,
    Diff,
    Event,
    HistoryEntry,
    KeyErrorReport,
    Rerun,
    Trigger,
)
from st_state_debugger.trace import dumps_trace, make_header

DATA = Path(__file__).resolve().parents[1] / "data"


def _header():
    return make_header(session="abcd1234", app="app.py", redaction=("token",), placeholder="‹redacted›", max_reruns=10, max_events_per_rerun=100)


def _rerun(index=1):
    ev = Event(seq=0, op="read", key="x", source="script", file="app.py", line=3, value="1", found=True, api="getitem")
    miss = Event(seq=1, op="read", key="y", source="script", file="app.py", line=4, found=False, api="getattr", error="AttributeError")
    return Rerun(
        index=index, trigger=Trigger("widget", widget_key="b", widget="button", label="Go"), started_at=1.7e9, duration_ms=1.5,
        status="ok", events=[ev, miss], diff=Diff(added=["x"], changed=["z"], detailed={"z": [Change("z[0]", "changed", "1", "2")]}, values={"x": [None, "1"]}),
        errors=[KeyErrorReport("y", "AttributeError", "no y", "app.py", 4, "'y' was never set", ["x"], [HistoryEntry(1, ev)])],
    )


def test_round_trip_gives_equal_objects(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_bytes(dumps_trace(_header(), [_rerun(1), _rerun(2)]))
    trace = load_trace(path)
    assert trace.reruns == [_rerun(1), _rerun(2)]
    assert trace.header["version"] == 2 and trace.header["event_fields"][:3] == ["op", "key", "source"]


def test_events_are_compact_arrays_with_a_file_table_and_header_codes():
    line = orjson.loads(dumps_trace(_header(), [_rerun(1)]).split(b"\n")[1])
    assert line["files"] == ["app.py"]
    assert line["events"] == [["r", "x", "s", 0, 3, "1", "gi", 1], ["r", "y", "s", 0, 4, None, "ga", 0, None, None, None, "AttributeError"]]
    assert line["errors"][0]["history"] == [[1, 0, ["r", "x", "s", 0, 3, "1", "gi", 1]]]
    codes = _header()["codes"]
    assert codes["op"]["r"] == "read" and codes["source"]["st"] == "streamlit" and codes["api"]["wd"] == "widget-default"


def test_a_reader_uses_the_codes_the_header_lists(tmp_path):
    header = _header()
    header["codes"] = {**header["codes"], "api": {**header["codes"]["api"], "zz": "future-api"}}
    rerun = dict(GOOD_RERUN, events=[["r", "x", "s", 0, 3, "1", "zz", 1]])
    path = tmp_path / "t.jsonl"
    path.write_bytes(_lines(header, rerun))
    assert load_trace(path).reruns[0].events[0].api == "future-api"


def test_checked_in_version_1_trace_keeps_loading():
    trace = load_trace(DATA / "trace_v1.jsonl")
    assert trace.header["version"] == 1 and len(trace.reruns) >= 3
    assert any(r.errors for r in trace.reruns)
    first = trace.reruns[0].events[0]
    assert first.op in ("read", "write", "delete") and first.file and first.seq == 0
    assert all(h.event.source in ("script", "callback", "widget", "streamlit") for r in trace.reruns for e in r.errors for h in e.history)


def test_checked_in_version_2_trace_keeps_loading():
    trace = load_trace(DATA / "trace_v2.jsonl")
    assert trace.header["version"] == 2 and [r.index for r in trace.reruns] == [1, 2, 3, 4, 5, 6, 7]
    last = trace.reruns[-1]
    assert last.trigger.kind == "restore" and last.trigger.restored_from == 2
    assert [(e.op, e.key, e.source, e.api) for e in last.events[:2]] == [("write", "count", "debugger", "restore"), ("write", "name", "debugger", "restore")]
    assert trace.reruns[1].events[1].file == "travel_app.py" and trace.reruns[1].events[1].callback == "add"
    assert any(w.kind == "value_and_state" for r in trace.reruns for w in r.warnings)


def test_a_version_1_trace_reads_back_the_same_after_a_version_2_round_trip(tmp_path):
    old = load_trace(DATA / "trace_v1.jsonl")
    path = tmp_path / "v2.jsonl"
    path.write_bytes(dumps_trace(_header(), old.reruns))
    assert load_trace(path).reruns == old.reruns


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
    ("future version", _lines(_header_with(version=3)), 1, "written by a newer st_state_debugger: version 3; this one reads version 2; upgrade"),
    ("no codes", _lines(_header_with(codes=None)), 1, "codes must be an object, got null"),
    ("bad columns", _lines(_header_with(event_fields=["key", "op"])), 1, "header field 'event_fields' must list the event columns (op, key, source"),
    ("version not int", _lines(_header_with(version="1")), 1, "header field 'version' must be an integer"),
    ("rerun not json", _lines(_header(), b"{bad"), 2, "not JSON"),
    ("second header", _lines(_header(), _header()), 2, "expected a rerun line"),
    ("missing index", _lines(_header(), _with(index=...)), 2, "rerun line is missing field 'index'"),
    ("index not int", _lines(_header(), _with(index="1")), 2, "index must be an integer, got str"),
    ("bad status", _lines(_header(), _with(status="fine")), 2, "status must be one of ok, exception, stopped, rerun_requested"),
    ("bad trigger", _lines(_header(), _with(trigger={"kind": "magic"})), 2, "trigger.kind must be one of initial, widget"),
    ("bad op", _lines(_header(), _with(events=[["peek", "x", "s"]])), 2, "events[0]: 'op' must be one of read, write, delete"),
    ("bad source", _lines(_header(), _with(events=[["r", "x", "cosmic"]])), 2, "events[0]: 'source' must be one of"),
    ("short event", _lines(_header(), _with(events=[["r"]])), 2, "events[0] must be an array of 3 to"),
    ("line not int", _lines(_header(), _with(events=[["r", "x", "s", 0, "3"]])), 2, "events[0]: 'line' must be an integer or null"),
    ("file not in table", _lines(_header(), _with(events=[["r", "x", "s", 5, 3]])), 2, "events[0]: 'file' must index the line's 'files' (0 to 0), got 5"),
    ("files not names", _lines(_header(), _with(files=[3])), 2, "files[0] must be a string, got int"),
    ("found not 0/1", _lines(_header(), _with(events=[["r", "x", "s", 0, 3, "1", "gi", 2]])), 2, "events[0]: 'found' must be 1, 0 or null"),
    ("bad history", _lines(_header(), _with(errors=[dict(GOOD_RERUN["errors"][0], history=[[1, ["r", "x", "s"]]])])), 2, "errors[0].history[0] must be [rerun, seq, event], got 2 items"),
    ("missing diff", _lines(_header(), _with(diff=...)), 2, "rerun line is missing field 'diff'"),
    ("errors not list", _lines(_header(), _with(errors={})), 2, "errors must be a list, got dict"),
    ("duration bool", _lines(_header(), _with(duration_ms=True)), 2, "duration_ms must be a number, got bool"),
    ("values not pairs", _lines(_header(), _with(diff=dict(GOOD_RERUN["diff"], values={"x": 3}))), 2, "diff.values['x'] must be a list of two strings or nulls, got int"),
    ("added not names", _lines(_header(), _with(diff=dict(GOOD_RERUN["diff"], added=[1]))), 2, "diff.added[0] must be a string, got int"),
    ("mutated not a list", _lines(_header(), _with(diff=dict(GOOD_RERUN["diff"], mutated_in_place="x"))), 2, "diff.mutated_in_place must be a list, got str"),
    ("callback ms text", _lines(_header(), _with(callbacks=[["add", "b", "slow"]])), 2, "callbacks[0][2] (ms) must be a number or null, got str"),
    ("trigger widget list", _lines(_header(), _with(trigger={"kind": "widget", "widget": ["button"]})), 2, "trigger.widget must be a string or null, got list"),
    ("redaction text", _lines(_header_with(redaction="token")), 1, "redaction must be an object, got str"),
    ("value_chars text", _lines(_header_with(value_chars="120")), 1, "value_chars must be an integer ≥ 1, got str"),
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


def test_a_whole_value_change_is_not_written_twice_and_reads_back_the_same(tmp_path):
    r = _rerun(1)
    r.diff.changed, r.diff.values = ["n", "z"], {"n": ["1", "2"], "z": ["[1]", "[2]"]}
    r.diff.details = {"n": [Change("n", "changed", "1", "2")], "z": [Change("z[0]", "changed", "1", "2")]}
    data = dumps_trace(_header(), [r])
    assert orjson.loads(data.split(b"\n")[1])["diff"]["details"] == {"z": [["z[0]", "changed", "1", "2"]]}
    path = tmp_path / "t.jsonl"
    path.write_bytes(data)
    assert load_trace(path).reruns[0].diff == r.diff


def test_rewriting_a_version_1_trace_writes_a_version_2_header(tmp_path):
    old = load_trace(DATA / "trace_v1.jsonl")
    path = tmp_path / "rewritten.jsonl"
    path.write_bytes(dumps_trace(old.header, old.reruns))  # the old header, as a user would pass it
    again = load_trace(path)
    assert again.header["version"] == 2 and again.header["session"] == old.header["session"]
    assert again.reruns == old.reruns


def test_a_complete_last_line_without_its_newline_is_read_in_both_modes(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_bytes(dumps_trace(_header(), [_rerun(1), _rerun(2)]).rstrip(b"\n"))
    for strict in (True, False):
        trace = load_trace(path, strict=strict)
        assert trace.reruns == [_rerun(1), _rerun(2)] and trace.warnings == []


def test_a_damaged_last_line_that_ends_with_its_newline_is_refused_even_when_not_strict(tmp_path):
    """A line ended by its newline was written whole: damage there is not a crash
    mid-write, so it is not silently dropped."""
    path = tmp_path / "t.jsonl"
    full = dumps_trace(_header(), [_rerun(1), _rerun(2)])
    path.write_bytes(full[:-40] + b"\n")
    with pytest.raises(TraceError, match="line 3: not JSON"):
        load_trace(path, strict=False)
