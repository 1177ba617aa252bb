"""`gen-test` on hostile traces: whatever a trace holds, the generated test is data
plus fixed code. It always compiles, names nothing but its own fixed vocabulary,
keeps every line break where Python sees one, and running it (with the app stubbed)
never runs trace content."""

from __future__ import annotations

import functools
import io
import json
import os
import tempfile
import tokenize
import types
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from st_state_debugger import TraceError, load_trace
from st_state_debugger.gentest import generate_test
from tests.trace_fields import free_fields, put, read_lines, string_paths

DATA = Path(__file__).resolve().parents[1] / "data"
TRACES = sorted(DATA.glob("*.jsonl"))
TEST_NAME = "test_recorded_session_replays_to_the_same_state"

#: Every identifier the generated module may contain; anything else came from a trace.
ALLOWED_NAMES = {
    "import", "from", "def", "del", "assert", "None", "True", "False", "os", "streamlit", "testing", "v1",
    "AppTest", "st_state_debugger", "assert_state", "replay_widget", "TRACE", "APP", "HERE", "path", "abspath",
    "dirname", "join", "isfile", "__file__", "at", "from_file", "default_timeout", "run", "limit", "label",
    "widget", "session_state", "switch_page", "set", TEST_NAME,
}

#: Escapes from a docstring, a string, a comment or a line, each ending in a call to
#: ``pwned()`` that the harness would see.
HOSTILE = [
    '"""\npwned()\n"""', "'''\npwned()\n'''", "x\npwned()\n", "x\rpwned()\r", "x\r\npwned()", "x\x0cpwned()",
    "x\x0bpwned()", "x\x1cpwned()", "x\x85pwned()", "x\u2028pwned()", "x\u2029pwned()", "x\x00pwned()",
    "'); pwned(); ('", '"); pwned(); ("', "{pwned()}", "\\", "\\N{", "\u202epwned()", "# -*- coding: rot13 -*-",
    "nan", "1e999", "-1e999", "float('nan')", "__import__('os').system('pwned')", "set()", "[1, {2: (3j,)}]",
]
#: The same, spelled as Python literals, so they also reach the lines that replay values.
PAYLOADS = HOSTILE + [repr(h) for h in HOSTILE]


# --------------------------------------------------------------------------- harness
@functools.cache
def _free_leaves(trace: Path) -> list[tuple[int, tuple]]:
    """The string fields of ``trace`` the reader accepts any text in (not codes,
    kinds or statuses)."""
    with tempfile.TemporaryDirectory() as tmp:
        return free_fields(trace, Path(tmp))


def _generate(tmp: Path, lines: list[Any], source: str) -> str | None:
    """The generated test for these trace lines, or None when the reader refuses them."""
    path = tmp / "hostile.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    try:
        trace = load_trace(path)
    except TraceError:
        return None
    return generate_test(trace, str(trace.header.get("app") or "app.py"), source)


class _FakeState(dict):
    def __delitem__(self, key: Any) -> None:
        self.pop(key, None)


class _FakeAppTest:
    """Takes every call the generated test makes; runs no app."""

    def __init__(self) -> None:
        self.session_state = _FakeState()

    @classmethod
    def from_file(cls, path: str, default_timeout: float = 0) -> _FakeAppTest:
        assert isinstance(path, str)
        return cls()

    def run(self) -> _FakeAppTest:
        return self

    def switch_page(self, page: str) -> _FakeAppTest:
        assert isinstance(page, str)
        return self


def _run_generated(source: str) -> list[str]:
    """Execute the generated module and its test with the app and helpers stubbed and
    only ``set`` and ``pwned`` as builtins. Returns the ``pwned()`` calls seen."""
    pwned: list[str] = []
    fake_os = types.SimpleNamespace(path=types.SimpleNamespace(
        abspath=os.path.abspath, dirname=os.path.dirname, join=os.path.join, isfile=lambda p: True))
    modules = {
        "os": fake_os,
        "streamlit.testing.v1": types.SimpleNamespace(AppTest=_FakeAppTest),
        "st_state_debugger.testing": types.SimpleNamespace(
            assert_state=lambda at, rerun, expected, absent, limit=120: None,
            replay_widget=lambda at, key, value=None, *, label=None, widget=None: None),
    }

    def fake_import(name, globals=None, locals=None, fromlist=(), level=0):
        return modules[name]

    builtins = {"__import__": fake_import, "set": set, "pwned": lambda *a: pwned.append(repr(a))}
    namespace: dict[str, Any] = {"__builtins__": builtins, "__file__": "/tmp/generated/test_replay.py", "__name__": "generated"}
    exec(compile(source, "generated.py", "exec"), namespace)  # noqa: S102 - the point: run it, stubbed
    namespace[TEST_NAME]()
    return pwned


def assert_inert(source: str) -> None:
    """The generated module is data plus fixed code, whatever the trace held."""
    compile(source.encode("utf-8"), "generated.py", "exec")  # as pytest reads the file (coding cookie and all)
    names = {t.string for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type == tokenize.NAME}
    assert names <= ALLOWED_NAMES, f"names from the trace in the generated code: {names - ALLOWED_NAMES}"
    assert source.splitlines() == source.split("\n")[:-1], "a line break other than \\n in the generated code"
    assert all(c.isprintable() for c in source.replace("\n", "")), "a control character in the generated code"
    assert _run_generated(source) == []


# --------------------------------------------------------------------------- the holes, one by one
def _demo_with(**fields: Any) -> list[Any]:
    lines = read_lines(DATA / "demo_trace.jsonl")
    lines[0].update(fields.pop("header", {}))
    for rerun in lines[1:]:
        if rerun["trigger"].get("widget_key"):
            rerun["trigger"].update(fields)
    return lines


def test_a_trace_s_app_cannot_close_the_docstring_and_run_code(tmp_path):
    source = _generate(tmp_path, _demo_with(header={"app": 'app.py\n"""\npwned("app")\n"""'}), "t.jsonl")
    assert source is not None
    assert_inert(source)


@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n", "\x0c", "\x0b", "\x85", "\u2028"], ids=repr)
@pytest.mark.parametrize("field", ["widget_key", "fragment", "label", "widget", "form", "page"])
def test_a_line_break_in_a_trigger_field_stays_inside_its_comment(tmp_path, field, brk):
    lines = _demo_with(**{field: f"add{brk}pwned({field!r})"})
    for rerun in lines[1:]:
        trigger = rerun["trigger"]
        if field in ("fragment", "page") and trigger.get("widget_key"):  # the field these kinds show
            trigger["kind"] = field
        elif field in ("label", "widget") and trigger.get(field):  # a keyless widget: shown by type and label
            trigger.pop("widget_key", None)
            trigger.setdefault("label", "Add")
    source = _generate(tmp_path, lines, "t.jsonl")
    assert source is not None
    assert_inert(source)


def test_a_replayed_value_whose_repr_is_not_data_is_not_written_as_code(tmp_path):
    lines = read_lines(DATA / "demo_trace.jsonl")
    for rerun in lines[1:]:
        for row in rerun["events"]:
            if row[1:4:2] == ["write", "widget"]:  # a value the browser sent (version 1 row)
                row[6] = "1e999"  # reads back as inf, whose repr is a name
    source = _generate(tmp_path, lines, "t.jsonl")
    assert source is not None and "replay_widget(at, 'new_title', inf)" not in source
    assert "# cannot replay: widget 'new_title' got 1e999 (not recorded in full)" in source
    assert_inert(source)


@pytest.mark.parametrize("trace", TRACES, ids=lambda p: p.name)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_string_field_of_a_real_trace_set_to_a_hostile_string(tmp_path, trace, payload):
    """Each string the reader accepts in place of a real one, all at once."""
    lines = read_lines(trace)
    free = _free_leaves(trace)
    assert len(free) > 50
    for n, leaf in free:
        put(lines[n], leaf, payload)
    source = _generate(tmp_path, lines, payload)
    if source is None:  # some fields together (say, two equal keys) are refused: then one at a time
        for n, leaf in free:
            one = read_lines(trace)
            put(one[n], leaf, payload)
            source = _generate(tmp_path, one, payload)
            assert source is not None
            assert_inert(source)
    else:
        assert_inert(source)


hostile_text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    st.lists(st.sampled_from(HOSTILE + ["'", '"', "\\", "\n", "\r", "#", "(", ")", ";", "x"]), max_size=6).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_any_mutation_of_string_fields_gives_an_inert_test(tmp_path, data):
    trace = data.draw(st.sampled_from(TRACES))
    lines = read_lines(trace)
    leaves = [(n, leaf) for n, line in enumerate(lines) for leaf in string_paths(line)]
    for n, leaf in data.draw(st.lists(st.sampled_from(leaves), min_size=1, max_size=8)):
        put(lines[n], leaf, data.draw(hostile_text))
    source = _generate(tmp_path, lines, data.draw(hostile_text))
    if source is not None:
        assert_inert(source)
