"""Property-based tests: the trace reader on random and mutated input, and the
recorder on random keys and values."""

from __future__ import annotations

import json
import threading

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from st_state_debugger import TraceError, internals, load_trace
from st_state_debugger.testing import trace_of
from tests.apps import _channel
from tests.conftest import APPS

TRACE_LINES = (APPS.parent / "data" / "trace_v1.jsonl").read_bytes().splitlines()
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _load(tmp_path, data: bytes, strict: bool = True):
    path = tmp_path / "t.jsonl"
    path.write_bytes(data)
    return load_trace(path, strict=strict)


@FAST
@given(st.binary(max_size=400))
def test_random_bytes_are_read_or_refused_with_a_trace_error(tmp_path, data):
    try:
        _load(tmp_path, data)
    except TraceError as exc:
        assert str(exc).startswith(str(tmp_path / "t.jsonl"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


@FAST
@given(st.integers(min_value=1, max_value=len(TRACE_LINES) - 1), st.sampled_from(
    ["index", "trigger", "status", "events", "diff", "errors", "started_at", "duration_ms", "callbacks", "type"]), json_values)
def test_a_mutated_field_is_read_or_refused_naming_its_line(tmp_path, line, field, value):
    lines = list(TRACE_LINES)
    obj = orjson.loads(lines[line])
    obj[field] = value
    lines[line] = orjson.dumps(obj)
    try:
        trace = _load(tmp_path, b"\n".join(lines) + b"\n")
    except TraceError as exc:
        assert exc.line == line + 1, (exc.line, line + 1, str(exc))
    else:
        assert len(trace.reruns) == len(lines) - 1  # nothing silently dropped


@FAST
@given(st.integers(min_value=0, max_value=len(TRACE_LINES) - 1), st.integers(min_value=0, max_value=2000), st.binary(min_size=1, max_size=3))
def test_byte_level_damage_never_crashes_the_reader(tmp_path, line, pos, junk):
    lines = list(TRACE_LINES)
    target = lines[line]
    cut = pos % (len(target) + 1)
    lines[line] = target[:cut] + junk + target[cut:]
    for strict in (True, False):
        try:
            trace = _load(tmp_path, b"\n".join(lines) + b"\n", strict=strict)
        except TraceError:
            continue
        assert len(trace.reruns) in (len(lines) - 1, len(lines) - 2)  # at most a damaged last line, reported
        if len(trace.reruns) == len(lines) - 2:
            assert not strict and trace.warnings


keys = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=0, max_size=5),
    st.just(""),
    st.text(min_size=300, max_size=400),
    st.sampled_from(["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>", "password", "a\nb", "\u202e rtl", "🙂"]),
).filter(lambda k: not k.startswith("$$ID") and not k.startswith("$$STREAMLIT_INTERNAL_KEY"))


class Unprintable:
    def __repr__(self):
        raise ValueError("no repr")


def _recursive():
    d: dict = {"a": 1}
    d["self"] = d
    return d


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50) | st.binary(max_size=20)
    | st.builds(Unprintable) | st.builds(_recursive) | st.builds(threading.Lock),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4) | st.tuples(inner, inner),
    max_leaves=15,
)


def _page(at):
    return [m.value for m in at.main.children.values() if hasattr(m, "value")], [e.message for e in at.exception]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(keys, values), max_size=6, unique_by=lambda kv: kv[0]))
def test_random_keys_and_values_behave_as_native_and_trace_stays_valid(trace_dir, monkeypatch, items):
    from streamlit.testing.v1 import AppTest

    _channel.ITEMS[:] = items
    monkeypatch.setenv("SSD_NATIVE", "1")
    internals.uninstall()
    native = AppTest.from_file(str(APPS / "random_state.py")).run()
    monkeypatch.setenv("SSD_NATIVE", "0")
    debugged = AppTest.from_file(str(APPS / "random_state.py")).run()
    assert _page(debugged) == _page(native)
    reruns = trace_of(debugged).reruns
    assert len(reruns) == 1
    writes = [e.key for e in reruns[0].events if e.op == "write"]
    valid = []
    for k, _ in items:  # Streamlit refuses an empty key and the script stops there
        if k == "":
            break
        valid.append(k)
    assert writes == valid
    for path in trace_dir.glob("*.jsonl"):
        load_trace(path)  # every file written so far is valid JSON Lines (trace v2)
        for line in path.read_bytes().splitlines():
            json.loads(line)  # and plain JSON, for any other tool
