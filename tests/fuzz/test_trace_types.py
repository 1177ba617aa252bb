"""A trace that ``load_trace`` accepts is safe for every consumer.

Every field of the checked-in traces (and every field docs/trace-format.md names,
present or not) is given values of the wrong type, or removed. Each result must be
refused with a ``TraceError`` naming the file and the mutated line, or be read and
then go through the Markdown export, ``gen-test`` (source that compiles) and the
viewer's view model without any other exception: what an attacker's or a damaged
file can do to a user who opens it.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from st_state_debugger import TraceError, load_trace
from st_state_debugger.gentest import generate_test
from st_state_debugger.report import markdown_report
from st_state_debugger.rows import FIELDS, FIELDS_V1
from st_state_debugger.viewer import build_view

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
#: trace_v2_counts.jsonl: a caught KeyError repeated 3 times (the event column `count`)
TRACES = ("trace_v1.jsonl", "trace_v2.jsonl", "demo_trace.jsonl", "trace_v2_counts.jsonl")
FORMAT = (ROOT / "docs" / "trace-format.md").read_text(encoding="utf-8")

Path_ = tuple[Any, ...]
DELETE = object()
#: a value of every JSON type, and the shapes the format uses (lists of strings, pairs, objects)
WRONG: list[Any] = [None, True, False, 0, -1, 2.5, "", "x", [], ["x"], [0], [None], ["a", "b", "c"], [[]], {}, {"x": "y"}, {"x": 1}, DELETE]


# ------------------------------------------------------------------ the format, from its documentation
def _table(heading: str) -> list[list[str]]:
    """The rows (cells) of the first table after ``heading`` in docs/trace-format.md."""
    start = FORMAT.index(heading + "\n")
    rows = []
    for line in FORMAT[start:].splitlines()[1:]:
        if line.startswith("#"):
            break
        if line.startswith("|") and not line.startswith("|---") and not line.startswith("| field") and not line.startswith("| #"):
            rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows


def _names(cell: str) -> list[str]:
    return re.findall(r"`([a-z_]+)`", cell)


def documented() -> tuple[dict[str, list[str]], dict[str, list[list[str]]]]:
    """Every field the format documents, by the object it belongs to, and the parts of
    the fields written as arrays (``callbacks``: ``[callback, widget, ms]``) or small
    objects (``redaction``: ``{"patterns": ..., "placeholder": ...}``)."""
    fields: dict[str, list[str]] = {}
    parts: dict[str, list[list[str]]] = {}
    for section, heading in (("header", "## Header (line 1)"), ("rerun", "## Rerun line"), ("trigger", "### `trigger`"),
                             ("diff", "### `diff`"), ("error", "### `errors`")):
        fields[section] = []
        for cells in _table(heading):
            names = _names(cells[0])
            fields[section] += names
            for row, *keys in re.findall(r"`\[([a-z_, ]+)\]`|\{\"([a-z_]+)\": [^,]+, \"([a-z_]+)\"", " ".join(cells[1:])):
                group = [w.strip() for w in row.split(",")] if row else keys
                parts.setdefault(names[-1], []).append(group)
    fields["event"] = [cells[1].strip("`") for cells in _table("### Events")]
    return fields, parts


DOCUMENTED, PARTS = documented()
#: objects keyed by data (a session-state key, a code), not by field names: "per key" in the format
MAPS = {"details", "values", "op", "source", "api"}


# ------------------------------------------------------------------ every field of the real traces
def _lines(name: str) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in (DATA / name).read_bytes().splitlines()]


def _named(template: tuple[str, ...]) -> str:
    return next((t for t in reversed(template) if t != "*"), "")


def _columns(value: list[Any], template: tuple[str, ...], event_fields: list[str]) -> list[str] | None:
    """Names of the positions of ``value`` if it is a fixed-position array (an event,
    ``[callback, widget, ms]``, ``[before, after]``); None for a list of like items."""
    if template[-2:] == ("events", "*") or template[-1] == "event":
        return event_fields
    groups = PARTS.get(_named(template), [])
    if template[-1] != "*" or all(isinstance(v, (list, dict)) for v in value):
        return None
    return next((g for g in groups if len(g) == len(value)), groups[0] if groups else None)


def _walk(value: Any, path: Path_, template: tuple[str, ...], out: dict[tuple[str, ...], Path_], event_fields: list[str]) -> None:
    """First concrete path of every field template (``rerun.diff.values.*.after``) below ``value``."""
    out.setdefault(template, path)
    if isinstance(value, dict):
        is_map = _named(template) in MAPS and template[-1] != "*"
        for key, item in value.items():
            _walk(item, (*path, key), (*template, "*" if is_map else key), out, event_fields)
    elif isinstance(value, list):
        columns = _columns(value, template, event_fields)
        for i, item in enumerate(value):
            name = "*" if columns is None else columns[i] if i < len(columns) else str(i)
            _walk(item, (*path, i), (*template, name), out, event_fields)


def slots(name: str) -> list[tuple[int, Path_, str]]:
    """(line, path, field) for every field of ``name``: every field that occurs in it,
    and every documented field of the first header, rerun, trigger, diff and error,
    present or not (it is then added)."""
    lines = _lines(name)
    fields = lines[0].get("event_fields", list(FIELDS_V1 if lines[0]["version"] == 1 else FIELDS))
    found: dict[tuple[str, ...], tuple[int, Path_]] = {}
    for number, obj in enumerate(lines):
        paths: dict[tuple[str, ...], Path_] = {}
        _walk(obj, (), ("header" if number == 0 else "rerun",), paths, fields)
        for template, path in paths.items():
            found.setdefault(template, (number, path))
    parents = {"header": (0, (), ("header",)), "rerun": (1, (), ("rerun",)), "trigger": (1, ("trigger",), ("rerun", "trigger")),
               "diff": (1, ("diff",), ("rerun", "diff"))}
    with_errors = [n for n, obj in enumerate(lines) if n and obj["errors"]]
    if with_errors:
        parents["error"] = (with_errors[0], ("errors", 0), ("rerun", "errors", "*"))
    for section, (number, parent, template) in parents.items():
        for field in DOCUMENTED[section]:
            found.setdefault((*template, field), (number, (*parent, field)))
    return [(number, path, ".".join(template)) for template, (number, path) in sorted(found.items()) if path]


SLOTS = {name: slots(name) for name in TRACES}


def test_every_documented_field_is_mutated():
    """The mutations below reach every field the format documents (so none is hand-picked away)."""
    reached = {tuple(field.split(".")) for name in TRACES for *_, field in SLOTS[name]}
    where = {"header": ("header",), "rerun": ("rerun",), "trigger": ("rerun", "trigger"), "diff": ("rerun", "diff"),
             "error": ("rerun", "errors", "*"), "event": ("rerun", "events", "*")}
    for section, names in DOCUMENTED.items():
        missing = [n for n in names if (*where[section], n) not in reached]
        assert not missing, (section, missing)
    for field, groups in PARTS.items():  # each position of [callback, widget, ms], [before, after], ...
        for part in {p for g in groups for p in g}:
            assert any(t[-1] == part and field in t for t in reached), (field, part)


# ------------------------------------------------------------------ one mutation, every consumer
def _mutated(name: str, number: int, path: Path_, value: Any) -> bytes:
    lines = copy.deepcopy(_lines(name))
    target: Any = lines[number]
    for step in path[:-1]:
        target = target[step]
    if value is DELETE:
        if isinstance(target, dict):
            target.pop(path[-1], None)
        else:
            del target[path[-1]]
    else:
        target[path[-1]] = value
    return b"".join(orjson.dumps(line) + b"\n" for line in lines)


def read_or_refuse_then_consume(file: Path, data: bytes, number: int, mutated: Path_) -> str:
    """'refused' (a TraceError naming ``file`` and line ``number + 1``, where the field
    at ``mutated`` was changed) or 'read' after
    export, gen-test and view all worked; any other exception fails the test."""
    file.write_bytes(data)
    try:
        trace = load_trace(file, strict=False)
    except TraceError as exc:
        # a header's columns or codes that do not fit the rows show on the first row they misread
        reads_rows = number == 0 and mutated[0] in ("event_fields", "codes")
        assert exc.path == str(file) and (exc.line == number + 1 or reads_rows and exc.line > 1), str(exc)
        assert str(exc).startswith(f"{file}, line {exc.line}: ")
        return "refused"
    assert len(trace.reruns) == data.count(b"\n") - 1 and not trace.warnings  # nothing dropped silently
    assert isinstance(markdown_report(trace, str(file)), str)
    compile(generate_test(trace, str(trace.header.get("app") or "app.py"), str(file)), "generated.py", "exec")
    for want in (None, *(r.index for r in trace.reruns[:2])):
        json.dumps(build_view(trace, want), allow_nan=False)
    return "read"


CASES = [(name, number, path, field) for name in TRACES for number, path, field in SLOTS[name]]


@pytest.mark.parametrize("name, number, path, field", CASES, ids=[f"{c[0]}:{c[3]}" for c in CASES])
def test_a_field_of_the_wrong_type_is_refused_naming_its_line_or_every_consumer_works(tmp_path, name, number, path, field):
    failures = []
    for value in WRONG:
        try:
            read_or_refuse_then_consume(tmp_path / "t.jsonl", _mutated(name, number, path, value), number, path)
        except Exception as exc:  # noqa: BLE001 - collect every value that breaks, then report them together
            failures.append(f"{field} = {'<deleted>' if value is DELETE else repr(value)}: {type(exc).__name__}: {exc}")
    assert not failures, "\n".join(failures)


def test_a_wrong_type_is_named_by_its_field_path(tmp_path):
    line = next(n for n, obj in enumerate(_lines("trace_v2.jsonl")) if n and obj["diff"]["values"])
    key = next(iter(_lines("trace_v2.jsonl")[line]["diff"]["values"]))
    file = tmp_path / "trace.jsonl"
    file.write_bytes(_mutated("trace_v2.jsonl", line, ("diff", "values", key), 3))
    with pytest.raises(TraceError) as info:
        load_trace(file)
    assert str(info.value) == f"{file}, line {line + 1}: diff.values[{key!r}] must be a list of two strings or nulls, got int"


def test_a_newer_version_is_refused_by_its_version_whatever_else_it_holds(tmp_path):
    header = {"type": "header", "schema": "st_state_debugger.trace", "version": 3, "redaction": 5, "event_fields": {}}
    file = tmp_path / "future.jsonl"
    file.write_bytes(orjson.dumps(header) + b"\n" + orjson.dumps({"type": "rerun", "shape": "new"}) + b"\n")
    for strict in (True, False):
        with pytest.raises(TraceError, match="line 1: written by a newer st_state_debugger: version 3; this one reads version 2"):
            load_trace(file, strict=strict)


# ------------------------------------------------------------------ random values anywhere
safe_text = st.text(alphabet="abcxyz _-.0123456789", max_size=8)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**64 - 1) | st.floats(allow_nan=False, allow_infinity=False) | safe_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(safe_text, inner, max_size=4),
    max_leaves=12,
)
ALL_PATHS = [(name, n, p) for name in TRACES for n, p, _ in SLOTS[name]]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(ALL_PATHS), st.one_of(json_values, st.just(DELETE)))
def test_random_values_in_any_field_are_refused_or_safe_for_export_gen_test_and_view(tmp_path, where, value):
    name, number, path = where
    read_or_refuse_then_consume(tmp_path / "t.jsonl", _mutated(name, number, path, value), number, path)
