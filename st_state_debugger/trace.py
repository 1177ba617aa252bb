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
from typing import IO, Any, cast

import orjson

from .config import MAX_VALUE_CHARS, __version__
from .model import (
    SCHEMA,
    VERSION,
    CallbackRun,
    Change,
    Diff,
    HistoryEntry,
    KeyErrorReport,
    Rerun,
    RerunWarning,
    Trace,
    Trigger,
    whole_change,
)
from .rows import CODES, FIELDS, FIELDS_V1, RowReader, to_row
from .trace_types import HEADER, INT, RERUN, FieldError, type_name
from .trace_types import short_repr as _short


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
                max_events_per_rerun: int, value_chars: int = MAX_VALUE_CHARS) -> dict[str, Any]:
    import streamlit  # live only: a header is made when a session starts recording

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
            **({"count": e.count} if e.count > 1 else {}),  # optional: repeats of this lookup
        }
        for e in r.errors
    ]
    # The optional fields (docs/trace-format.md) are written only when they say
    # something: absent reads as empty, and a 100-event line is ~1 B/event lighter.
    line: dict[str, Any] = {
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
    }
    if r.page is not None:
        line["page"] = r.page
    if files:
        line["files"] = list(files)
    line["events"] = events
    if r.events_dropped:
        line["events_dropped"] = r.events_dropped
    if r.callbacks:
        line["callbacks"] = [[c.callback, c.widget_key, c.duration_ms] for c in r.callbacks]
    diff: dict[str, Any] = {
        "added": d.added, "removed": d.removed, "changed": d.changed,
        "mutated_in_place": d.mutated_in_place,
        "details": {k: [[c.path, c.change, c.old, c.new] for c in v] for k, v in d.detailed.items() if not whole_change(k, v, d.values)},
    }
    for name, value in (("values", d.values), ("sampled", d.sampled), ("unchecked", d.unchecked),
                        ("changed_while_paused", d.changed_while_paused)):
        if value:
            diff[name] = value
    line["diff"] = diff
    line["errors"] = errors
    if r.warnings:
        line["warnings"] = [[w.kind, w.key, w.message, w.file, w.line] for w in r.warnings]
    if r.overflow:
        line["overflow"] = True
    return line


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

    The file is open only while a line is written: each rerun reopens it to append
    and closes it again. A session ending without a clean shutdown (a closed
    browser tab, every AppTest session) or an interpreter exiting therefore leaves
    no file open (no ``ResourceWarning``, nothing unflushed) and needs no finaliser.

    Raises OSError (unwritable directory, disk full); the recorder then stops
    writing and the panel says so, while recording goes on in memory.
    """

    def __init__(self, directory: str, header: dict[str, Any]) -> None:
        self.directory = directory
        self.header = header
        self._file: IO[bytes] | None = None
        self._closed = False
        self.path = ""
        self.recreated = 0
        try:
            self._open()
        finally:
            self._release()

    def _open(self) -> None:
        os.makedirs(self.directory, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        while True:
            path = os.path.join(self.directory, f"trace-{stamp}-{self.header['session']}-{secrets.token_hex(2)}.jsonl")
            try:
                self._file = open(path, "xb")  # noqa: SIM115 - closed by _release after each write
                break
            except FileExistsError:
                continue
        self.path = path
        self._file.write(dumps_line(written_header(self.header)))
        self._file.flush()

    def _append(self, data: bytes) -> bool:
        """Append ``data`` to the session's own file (never creating one) with one
        open, write and close: no buffered file object, so nothing to flush and one
        system call per step (each lets the GIL go to another session's thread
        under load). False if the file was deleted meanwhile."""
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        except FileNotFoundError:
            return False
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                if not written:
                    raise OSError(f"cannot append to {self.path}: nothing was written")
                view = view[written:]
        finally:
            os.close(fd)
        return True

    def _release(self) -> None:
        file, self._file = self._file, None
        if file is not None:
            file.close()

    def write(self, rerun: Rerun, earlier: Iterable[Rerun] = ()) -> None:
        """Append one rerun line, flush and close the file.

        If the file was deleted meanwhile, a new file is started with the header and
        ``earlier`` (the reruns still in memory), so what is kept is not lost.
        """
        if self._closed:
            return
        data = dumps_line(rerun_to_json(rerun))  # before opening: the file is open for the write only
        if self._append(data):
            return
        try:
            self._open()
            self.recreated += 1
            for r in earlier:
                self._file.write(dumps_line(rerun_to_json(r)))  # type: ignore[union-attr]
            self._file.write(data)  # type: ignore[union-attr]
            self._file.flush()  # type: ignore[union-attr]
        finally:
            self._release()

    def close(self) -> None:
        """No more lines: later writes do nothing."""
        self._closed = True
        self._release()


# --------------------------------------------------------------------------- from JSON
def rerun_from_json(obj: dict[str, Any], rows: RowReader) -> Rerun:
    """A rerun line as a :class:`Rerun`, every field checked first (``trace_types``).

    Raises:
        ValueError: naming the first wrong field, e.g. ``diff.values['a'] must be a
            list of two strings or nulls, got int``.
    """
    RERUN.check(obj, "")
    files: list[str] = obj.get("files") or _NONE
    d = obj["diff"]
    diff = Diff(
        added=d["added"], removed=d["removed"], changed=d["changed"], mutated_in_place=d["mutated_in_place"],
        values=d.get("values") or {}, sampled=d.get("sampled") or [], unchecked=d.get("unchecked") or [],
        changed_while_paused=d.get("changed_while_paused") or [],
    )
    # whole-value changes are implied by ``values`` (Diff.details shows them): a
    # version-1 line that wrote them out loads like the version-2 line that does not
    diff.details = {k: [Change(*c) for c in v] for k, v in d["details"].items()}
    trig = obj["trigger"]
    return Rerun(
        index=obj["index"],
        trigger=Trigger(**{k: trig.get(k) for k in ("kind", "widget_key", "widget", "label", "form", "fragment", "page", "detail", "restored_from")}),
        started_at=obj["started_at"],
        duration_ms=obj["duration_ms"],
        status=obj["status"],
        events=[rows.event(row, i, files, f"events[{i}]") for i, row in enumerate(obj["events"])],
        diff=diff,
        errors=[_error(e, rows, files, f"errors[{i}]") for i, e in enumerate(obj["errors"])],
        callbacks=[_callback(c) for c in obj.get("callbacks") or _NONE],
        warnings=[RerunWarning(*w) for w in obj.get("warnings") or _NONE],
        page=obj.get("page"),
        events_dropped=obj.get("events_dropped") or 0,
        overflow=bool(obj.get("overflow")),
    )


#: An absent list field of a rerun line (read only, never appended to).
_NONE: list[Any] = []


def _callback(c: list[Any]) -> CallbackRun:
    """``[name, widget_key]`` or ``[name, widget_key, duration_ms]`` (checked by ``RERUN``)."""
    return CallbackRun(c[0], c[1], c[2] if len(c) > 2 else None)


def _error(e: dict[str, Any], rows: RowReader, files: list[str], where: str) -> KeyErrorReport:
    return KeyErrorReport(
        key=e["key"], type=e["type"], message=e["message"], file=e.get("file"), line=e.get("line"),
        explanation=e["explanation"], suggestions=e["suggestions"],
        history=[_history(h, rows, files, f"{where}.history[{j}]") for j, h in enumerate(e["history"])],
        count=e.get("count") or 1,
    )


def _history(h: Any, rows: RowReader, files: list[str], where: str) -> HistoryEntry:
    """``[rerun, event]`` (version 1) or ``[rerun, seq, event]`` (version 2)."""
    size = 2 if rows.version == 1 else 3
    shape = "[rerun, event]" if size == 2 else "[rerun, seq, event]"
    entry = cast("list[Any]", h) if isinstance(h, list) else None
    if entry is None or len(entry) != size:
        got = f"{len(entry)} items" if entry is not None else type_name(h)
        raise FieldError(f"{where} must be {shape}, got {got}")
    h = entry
    INT.check(h[0], f"{where}[0] (rerun)")
    if size == 2:
        return HistoryEntry(h[0], rows.event(h[1], 0, files, f"{where}[1] (event)"))
    INT.check(h[1], f"{where}[1] (seq)")
    return HistoryEntry(h[0], rows.event(h[2], h[1], files, f"{where}[2] (event)"))


def _split_lines(raw: bytes) -> tuple[list[bytes], bool]:
    """The file's lines, and whether the last one ends with its newline. The writer
    ends every line with ``\\n`` in the same write, so only the last line of a file
    cut by a crash can lack it."""
    lines = raw.split(b"\n")
    terminated = lines[-1] == b""
    if terminated:
        lines.pop()
    return lines, terminated


def _read_header(path: str | os.PathLike[str], line: bytes, cut: bool) -> tuple[dict[str, Any], RowReader]:
    """The header (line 1), checked, and the reader of the event arrays it describes.

    The version is checked before anything else, so a newer trace is refused for
    its version, whatever else changed in it.
    """
    try:
        parsed: Any = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        hint = "; the file ends inside its header line (cut while it was written), so it holds no rerun" if cut else ""
        raise TraceError(path, 1, f"not JSON ({exc}){hint}") from None
    header = cast("dict[str, Any]", parsed) if isinstance(parsed, dict) else None
    if header is None or header.get("type") != "header":
        raise TraceError(path, 1, "the first line must be the trace header ({\"type\": \"header\", ...})")
    if header.get("schema") != SCHEMA:
        raise TraceError(path, 1, f"not a st_state_debugger trace: schema is {_short(header.get('schema'))}, expected {SCHEMA!r}")
    version = header.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise TraceError(path, 1, f"header field 'version' must be an integer, got {_short(version)}")
    if version > VERSION:
        raise TraceError(path, 1, f"written by a newer st_state_debugger: version {version}; this one reads version {VERSION}; upgrade st_state_debugger")
    if version < 1:
        raise TraceError(path, 1, f"unknown trace version {version}")
    try:
        HEADER.check(header, "")
        return header, RowReader(version, header.get("event_fields", list(FIELDS_V1) if version == 1 else None), header.get("codes"))
    except ValueError as exc:
        raise TraceError(path, 1, str(exc)) from None


def load_trace(path: str | os.PathLike[str], *, strict: bool = True) -> Trace:
    """Read a trace file (version 1 or 2) back into a :class:`Trace`, every field of
    every line checked against the format, so what it returns is safe for every
    consumer (Markdown export, gen-test, viewer).

    Args:
        strict: when False, a last line cut by a crash mid-write (no newline at its
            end, and not JSON) is reported in ``Trace.warnings`` and the reruns before
            it are kept. A last line without its newline that parses is whole (no
            proper prefix of a JSON object is a JSON object) and is read.

    Raises:
        TraceError: naming the file, the line and what is wrong (not JSON, no
            header, another schema, a newer version, a field of the wrong type).
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise TraceError(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    lines, terminated = _split_lines(raw)
    if not lines:
        raise TraceError(path, None, "empty file: a trace starts with a header line")
    header, rows = _read_header(path, lines[0], cut=len(lines) == 1 and not terminated)
    warnings: list[str] = []
    reruns: list[Rerun] = []
    for number, line in enumerate(lines[1:], start=2):
        try:
            parsed: Any = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            if not strict and number == len(lines) and not terminated:
                warnings.append(f"{p}, line {number}: truncated last line (the app stopped mid-write); {len(reruns)} reruns before it were read")
                break
            raise TraceError(path, number, f"not JSON ({exc})") from None
        parsed_type = type(parsed).__name__
        obj = cast("dict[str, Any]", parsed) if isinstance(parsed, dict) else None
        if obj is None or obj.get("type") != "rerun":
            got = obj.get("type") if obj is not None else parsed_type
            raise TraceError(path, number, f"expected a rerun line ({{\"type\": \"rerun\", ...}}), got {_short(got)}")
        try:
            reruns.append(rerun_from_json(obj, rows))
        except ValueError as exc:
            raise TraceError(path, number, str(exc)) from None
    return Trace(header=header, reruns=reruns, warnings=warnings)
