"""JSON Lines trace format, version 2 (version 1 still read): write, read, validate
(docs/trace-format.md).

Stage: store → **export**. Line 1 is a header, then one line per finished rerun,
written and flushed when that rerun ends, so a crash loses at most the running
rerun. Events are compact arrays (``rows.py``) that the reader turns back into
``Event``s.
"""

from __future__ import annotations

import os
import platform
import secrets
import time
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

import orjson

from .model import (
    SCHEMA, STATUSES, TRIGGER_KINDS, VERSION,
    CallbackRun, Change, Diff, HistoryEntry, KeyErrorReport, Rerun, RerunWarning, Trace, Trigger,
)
from .rows import CODES, FIELDS, FIELDS_V1, RowReader, to_row


class TraceError(ValueError):
    """A trace file that cannot be read; the message names the file and line."""

    def __init__(self, path: str | os.PathLike[str], line: int | None, problem: str) -> None:
        self.path = os.fspath(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


# --------------------------------------------------------------------------- to JSON
def make_header(*, session: str, app: str | None, redaction: Iterable[str], placeholder: str, max_reruns: int,
                max_events_per_rerun: int, value_chars: int = 120) -> dict[str, Any]:
    import streamlit

    from . import __version__

    return {
        "type": "header",
        "schema": SCHEMA,
        "version": VERSION,
        "session": session,
        "app": app,
        "started_at": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
        "streamlit": streamlit.__version__,
        "python": platform.python_version(),
        "debugger": __version__,
        "redaction": {"patterns": list(redaction), "placeholder": placeholder},
        "history_cap": {"max_reruns": max_reruns, "max_events_per_rerun": max_events_per_rerun},
        "value_chars": value_chars,
        "event_fields": list(FIELDS),
        "codes": {column: dict(table) for column, table in CODES.items()},
    }


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def rerun_to_json(r: Rerun) -> dict[str, Any]:
    d = r.diff
    files: dict[str, int] = {}  # the line's file table, filled as the rows are made
    events = [to_row(e, files) for e in r.events]
    errors = [
        {
            "key": e.key, "type": e.type, "message": e.message, "file": e.file, "line": e.line,
            "explanation": e.explanation, "suggestions": e.suggestions,
            "history": [[h.rerun, h.event.seq, to_row(h.event, files)] for h in e.history],
        }
        for e in r.errors
    ]
    return {
        "type": "rerun",
        "index": r.index,
        "trigger": _drop_none({
            "kind": r.trigger.kind, "widget_key": r.trigger.widget_key, "widget": r.trigger.widget,
            "label": r.trigger.label, "form": r.trigger.form, "fragment": r.trigger.fragment,
            "page": r.trigger.page, "detail": r.trigger.detail, "restored_from": r.trigger.restored_from,
        }),
        "started_at": r.started_at,
        "duration_ms": r.duration_ms,
        "status": r.status,
        "page": r.page,
        "files": list(files),
        "events": events,
        "events_dropped": r.events_dropped,
        "callbacks": [[c.callback, c.widget_key, c.duration_ms] for c in r.callbacks],
        "diff": {
            "added": d.added, "removed": d.removed, "changed": d.changed,
            "mutated_in_place": d.mutated_in_place,
            "details": {k: [[c.path, c.change, c.old, c.new] for c in v] for k, v in d.details.items() if not _whole_change(k, v, d)},
            "values": d.values, "sampled": d.sampled, "unchecked": d.unchecked,
        },
        "errors": errors,
        "warnings": [[w.kind, w.key, w.message, w.file, w.line] for w in r.warnings],
        "overflow": r.overflow,
    }


def _whole_change(key: str, changes: list[Change], d: Diff) -> bool:
    """Only the whole value changed: the detail would repeat ``values`` (version 2 omits it)."""
    if len(changes) != 1:
        return False
    c = changes[0]
    return c.path == key and c.change == "changed" and [c.old, c.new] == d.values.get(key)


def dumps_line(obj: dict[str, Any]) -> bytes:
    # OPT_NON_STR_KEYS: never fail on a dict key orjson would reject; values are
    # already text summaries, so nothing else can be unserializable.
    return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS) + b"\n"


def written_header(header: dict[str, Any]) -> dict[str, Any]:
    """``header`` as this writer writes it: its version, columns and codes, whatever
    trace it came from (a version-1 trace's reruns are written as version 2)."""
    return {**header, "version": VERSION, "event_fields": list(FIELDS),
            "codes": {column: dict(table) for column, table in CODES.items()}}


def dumps_trace(header: dict[str, Any], reruns: Iterable[Rerun]) -> bytes:
    """A whole trace as JSON Lines bytes (export)."""
    return dumps_line(written_header(header)) + b"".join(dumps_line(rerun_to_json(r)) for r in reruns)


class TraceWriter:
    """Appends one session's trace to its own file; never overwrites anything.

    Raises OSError (unwritable directory, disk full); the recorder then stops
    writing and the panel says so, while recording goes on in memory.
    """

    def __init__(self, directory: str, header: dict[str, Any]) -> None:
        self.directory = directory
        self.header = header
        self._file: IO[bytes] | None = None
        self.path = ""
        self.recreated = 0
        self._open()

    def _open(self) -> None:
        os.makedirs(self.directory, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        while True:
            path = os.path.join(self.directory, f"trace-{stamp}-{self.header['session']}-{secrets.token_hex(2)}.jsonl")
            try:
                self._file = open(path, "xb")  # noqa: SIM115 - lives with the session
                break
            except FileExistsError:
                continue
        self.path = path
        self._file.write(dumps_line(written_header(self.header)))
        self._file.flush()

    def write(self, rerun: Rerun, earlier: Iterable[Rerun] = ()) -> None:
        """Append one rerun line and flush it.

        If the file was deleted meanwhile, a new file is started with the header and
        ``earlier`` (the reruns still in memory), so what is kept is not lost.
        """
        if self._file is None:
            return
        if not os.path.exists(self.path):
            self._file.close()
            self._file = None
            self._open()
            self.recreated += 1
            for r in earlier:
                self._file.write(dumps_line(rerun_to_json(r)))
        self._file.write(dumps_line(rerun_to_json(rerun)))
        self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


# --------------------------------------------------------------------------- from JSON
def _need(obj: dict[str, Any], name: str, types: type | tuple[type, ...], where: str, *, optional: bool = False) -> Any:
    if name not in obj:
        if optional:
            return None
        raise ValueError(f"{where} is missing field '{name}'")
    value = obj[name]
    if optional and value is None:
        return None
    if isinstance(value, bool) and types in (int, float, (int, float)):
        raise ValueError(f"{where} field '{name}' must be a number, not a boolean")
    if not isinstance(value, types):
        want = types.__name__ if isinstance(types, type) else " or ".join(t.__name__ for t in types)
        raise ValueError(f"{where} field '{name}' must be {want}, got {type(value).__name__}")
    return value


def rerun_from_json(obj: dict[str, Any], rows: RowReader) -> Rerun:
    where = "rerun line"
    files = obj.get("files") or []
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise ValueError("rerun line field 'files' must be a list of file names")
    index = _need(obj, "index", int, where)
    trig = _need(obj, "trigger", dict, where)
    kind = _need(trig, "kind", str, "trigger")
    if kind not in TRIGGER_KINDS:
        raise ValueError(f"trigger kind must be one of {', '.join(TRIGGER_KINDS)}, got {kind!r}")
    status = _need(obj, "status", str, where)
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, got {status!r}")
    events = [rows.event(row, i, files, f"event {i}") for i, row in enumerate(_need(obj, "events", list, where))]
    d = _need(obj, "diff", dict, where)
    diff = Diff(
        added=_need(d, "added", list, "diff"), removed=_need(d, "removed", list, "diff"),
        changed=_need(d, "changed", list, "diff"), mutated_in_place=_need(d, "mutated_in_place", list, "diff"),
        details={k: [Change(*c) for c in v] for k, v in _need(d, "details", dict, "diff").items()},
        values=d.get("values") or {}, sampled=d.get("sampled") or [], unchecked=d.get("unchecked") or [],
    )
    if rows.version >= 2:  # put back the whole-value changes the writer left out
        for key in diff.changed:
            before_after = diff.values.get(key)
            if key not in diff.details and isinstance(before_after, list) and len(before_after) == 2:
                diff.details[key] = [Change(key, "changed", before_after[0], before_after[1])]
    errors = []
    for i, e in enumerate(_need(obj, "errors", list, where)):
        w = f"error {i}"
        if not isinstance(e, dict):
            raise ValueError(f"{w} must be an object")
        errors.append(KeyErrorReport(
            key=_need(e, "key", str, w), type=_need(e, "type", str, w), message=_need(e, "message", str, w),
            file=_need(e, "file", str, w, optional=True), line=_need(e, "line", int, w, optional=True),
            explanation=_need(e, "explanation", str, w), suggestions=_need(e, "suggestions", list, w),
            history=[_history(h, rows, files, f"{w} history {j}") for j, h in enumerate(_need(e, "history", list, w))],
        ))
    return Rerun(
        index=index,
        trigger=Trigger(**{k: trig.get(k) for k in ("kind", "widget_key", "widget", "label", "form", "fragment", "page", "detail", "restored_from")}),
        started_at=_need(obj, "started_at", (int, float), where),
        duration_ms=_need(obj, "duration_ms", (int, float), where),
        status=status,
        events=events,
        diff=diff,
        errors=errors,
        callbacks=[CallbackRun(c[0], c[1], c[2] if len(c) > 2 else None) for c in obj.get("callbacks") or []],
        warnings=[RerunWarning(*w[:5]) for w in obj.get("warnings") or [] if isinstance(w, list) and len(w) >= 3],
        page=obj.get("page"),
        events_dropped=obj.get("events_dropped") or 0,
        overflow=bool(obj.get("overflow", False)),
    )


def _history(h: Any, rows: RowReader, files: list[str], where: str) -> HistoryEntry:
    """``[rerun, row]`` (version 1) or ``[rerun, seq, row]`` (version 2)."""
    size = 2 if rows.version == 1 else 3
    if not isinstance(h, list) or len(h) != size or not isinstance(h[0], int):
        raise ValueError(f"{where} must be {'[rerun, event]' if size == 2 else '[rerun, seq, event]'}")
    if size == 2:
        return HistoryEntry(h[0], rows.event(h[1], 0, files, where))
    if not isinstance(h[1], int) or isinstance(h[1], bool):
        raise ValueError(f"{where}: seq must be an integer")
    return HistoryEntry(h[0], rows.event(h[2], h[1], files, where))


def load_trace(path: str | os.PathLike[str], *, strict: bool = True) -> Trace:
    """Read a trace file (version 1 or 2) back into a :class:`Trace`.

    Args:
        strict: when False, a truncated *last* line (a crash mid-write) is reported
            in ``Trace.warnings`` and the reruns before it are kept.

    Raises:
        TraceError: naming the file, the line and what is wrong (not JSON, no
            header, another schema, a newer version, a malformed rerun line).
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise TraceError(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    lines = raw.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if not lines:
        raise TraceError(path, None, "empty file: a trace starts with a header line")
    warnings: list[str] = []
    try:
        header = orjson.loads(lines[0])
    except orjson.JSONDecodeError as exc:
        raise TraceError(path, 1, f"not JSON ({exc})") from None
    if not isinstance(header, dict) or header.get("type") != "header":
        raise TraceError(path, 1, "the first line must be the trace header ({\"type\": \"header\", ...})")
    if header.get("schema") != SCHEMA:
        raise TraceError(path, 1, f"not a st_state_debugger trace: schema is {header.get('schema')!r}, expected {SCHEMA!r}")
    version = header.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise TraceError(path, 1, f"header field 'version' must be an integer, got {version!r}")
    if version > VERSION:
        raise TraceError(path, 1, f"written by a newer st_state_debugger: version {version}; this one reads version {VERSION}; upgrade st_state_debugger")
    if version < 1:
        raise TraceError(path, 1, f"unknown trace version {version}")
    try:
        rows = RowReader(version, header.get("event_fields", list(FIELDS_V1) if version == 1 else None), header.get("codes"))
    except ValueError as exc:
        raise TraceError(path, 1, str(exc)) from None
    reruns: list[Rerun] = []
    for number, line in enumerate(lines[1:], start=2):
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            if not strict and number == len(lines) + 0 and not line.endswith(b"}"):
                warnings.append(f"{p}, line {number}: truncated last line (the app stopped mid-write); {len(reruns)} reruns before it were read")
                break
            raise TraceError(path, number, f"not JSON ({exc})") from None
        if not isinstance(obj, dict) or obj.get("type") != "rerun":
            got = obj.get("type") if isinstance(obj, dict) else type(obj).__name__
            raise TraceError(path, number, f"expected a rerun line ({{\"type\": \"rerun\", ...}}), got {got!r}")
        try:
            reruns.append(rerun_from_json(obj, rows))
        except (ValueError, TypeError, IndexError, KeyError) as exc:
            raise TraceError(path, number, str(exc)) from None
    return Trace(header=header, reruns=reruns, warnings=warnings)
