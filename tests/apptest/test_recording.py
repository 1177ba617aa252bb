"""Every st.session_state operation becomes one event with the user's file:line."""

from __future__ import annotations

import sys

from st_state_debugger import load_trace
from st_state_debugger.testing import trace_of
from tests.conftest import app, only_trace_file


def _lines(path: str) -> dict[int, str]:
    return {i: line for i, line in enumerate(open(path).read().splitlines(), start=1)}


def test_every_operation_kind_is_one_event_at_the_users_line(trace_dir):
    at = app("whole_state.py").run()
    assert not at.exception
    first = trace_of(at).reruns[0]
    seen = [(e.op, e.key, e.api) for e in first.events]
    expected = [
        ("write", "a", "setitem"), ("write", "b", "setattr"), ("write", "c", "setitem"), ("write", "d", "setitem"),
        ("read", None, "iter"), ("read", None, "len"), ("read", None, "keys"), ("read", None, "items"),
        ("read", None, "values"), ("read", None, "to_dict"),
    ]
    assert seen[: len(expected)] == expected
    rest = seen[len(expected):]
    # st.write(ss) and dict(ss) are single whole-state reads, not one read per key
    assert rest[0][0:2] == ("read", None) and rest[1] == ("read", None, "keys")
    assert ("read", "a", "contains") in rest
    assert ("read", "zzz", "get") in rest
    assert ("delete", "d", "pop") in rest and ("delete", "c", "delitem") in rest and ("delete", "b", "delattr") in rest
    assert ("write", "e", "setdefault") in rest
    assert ("read", None, "str") in rest
    source = _lines(str(app("whole_state.py")._script_path))
    for e in first.events:
        assert e.file == "whole_state.py"
        assert e.source == "script" and e.line is not None
        text = source[e.line]
        # Python 3.10's copyreg reads ss.__getstate__ for pickle.dumps(ss) (3.11's object
        # has one): a real, failed attribute read on that line, natively too
        implicit = sys.version_info < (3, 11) and e.key == "__getstate__" and "pickle.dumps(ss)" in text
        if e.key is not None and e.api not in ("contains",) and not implicit:
            assert e.key in text or e.api in ("setitem",) and "update" in text, (e, text)
    seqs = [e.seq for e in first.events]
    assert seqs == list(range(len(seqs)))


def test_reads_record_whether_the_key_existed_and_a_value_summary(trace_dir):
    at = app("whole_state.py").run()
    events = trace_of(at).reruns[0].events
    missing = next(e for e in events if e.key == "zzz")
    assert missing.found is False and missing.value is None and missing.error is None
    present = next(e for e in events if e.key == "a" and e.api == "contains")
    assert present.found is True
    write_a = next(e for e in events if e.key == "a" and e.op == "write")
    assert write_a.value == "1"


def test_trace_file_has_header_then_one_line_per_rerun_and_round_trips(trace_dir):
    at = app("plain.py").run()
    at.button(key="inc").click().run()
    at.slider(key="level").set_value(8).run()
    path = only_trace_file(trace_dir)
    trace = load_trace(path)
    assert trace.header["schema"] == "st_state_debugger.trace" and trace.header["version"] == 2
    assert trace.header["streamlit"] and trace.header["python"] and trace.header["app"].endswith("plain.py")
    assert [r.index for r in trace.reruns] == [1, 2, 3]
    assert trace.reruns == trace_of(at).reruns  # the file says exactly what memory says
    assert len(path.read_text().splitlines()) == 4


def test_enable_is_idempotent_and_one_file_per_session(trace_dir):
    at = app("plain.py").run()
    at.run()
    at2 = app("plain.py").run()
    assert len(list(trace_dir.glob("*.jsonl"))) == 2
    assert len(trace_of(at).reruns) == 2 and len(trace_of(at2).reruns) == 1
