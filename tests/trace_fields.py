"""Walking a trace file's string fields, for the tests that put hostile text in each
one (the Markdown report, gen-test): one walk, so both cover the same fields."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from st_state_debugger import TraceError, load_trace


def read_lines(trace: Path) -> list[Any]:
    """A JSON Lines trace as a list of JSON values, one per line."""
    return [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines()]


def write_lines(path: Path, lines: list[Any]) -> Path:
    """Write ``lines`` as JSON Lines to ``path`` (returned)."""
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def string_paths(obj: Any, path: tuple = ()) -> list[tuple]:
    """Paths to every string in a JSON value (dict keys excepted)."""
    if isinstance(obj, str):
        return [path]
    items = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
    return [leaf for k, v in items for leaf in string_paths(v, (*path, k))]


def put(obj: Any, path: tuple, value: str) -> None:
    """Set the field at ``path`` (from :func:`string_paths`) of ``obj`` to ``value``."""
    for step in path[:-1]:
        obj = obj[step]
    obj[path[-1]] = value


def accepted(tmp: Path, lines: list[Any]) -> bool:
    """Does the trace reader accept these lines (written to ``tmp``)?"""
    try:
        load_trace(write_lines(tmp / "probe.jsonl", lines))
    except TraceError:
        return False
    return True


def free_fields(trace: Path, tmp: Path, text: str = "x") -> list[tuple[int, tuple]]:
    """(line number, path) of each string field of ``trace`` the reader accepts any
    text in: not a code, kind or status, which it refuses with anything else."""
    lines = read_lines(trace)
    free = []
    for n, line in enumerate(lines):
        for leaf in string_paths(line):
            probe = read_lines(trace)
            put(probe[n], leaf, text)
            if accepted(tmp, probe):
                free.append((n, leaf))
    return free
