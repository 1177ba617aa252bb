"""An event as a compact array in a trace line, and back (trace versions 1 and 2).

Stage: store → **export** (and import). Events are most of a trace, so each one is
an array in the column order the header names (``event_fields``), trailing nulls
trimmed. Version 2 (written now) also drops ``seq`` (the position says it), writes
``op``, ``source`` and ``api`` as the short codes the header lists (``codes``: the
file describes itself), ``found`` as 1/0, and ``file`` as an index into the rerun
line's ``files``: ~35 bytes for a typical read instead of ~58 in version 1.
docs/trace-format.md is the reference; MUST stay in sync with it.
"""

from __future__ import annotations

from typing import Any, cast

from .model import Event
from .vocab import OPS, SOURCES

#: Version-1 columns (still read).
FIELDS_V1 = (
    "seq", "op", "key", "source", "file", "line", "value", "found",
    "api", "callback", "widget_key", "reason", "error",
)
#: Version-2 columns (written): ``api`` before ``found``, so a write (found is
#: null) ends at its api.
FIELDS = ("op", "key", "source", "file", "line", "value", "api", "found", "callback", "widget_key", "reason", "error",
          "count")

#: code -> name, written in the header. A name with no code is written as itself;
#: codes are at most 2 characters and every name at least 3, so both read back.
CODES: dict[str, dict[str, str]] = {
    "op": {"r": "read", "w": "write", "d": "delete"},
    "source": {"s": "script", "c": "callback", "w": "widget", "st": "streamlit", "d": "debugger"},
    "api": {
        "gi": "getitem", "ga": "getattr", "si": "setitem", "sa": "setattr", "di": "delitem", "da": "delattr",
        "in": "contains", "g": "get", "sd": "setdefault", "p": "pop", "pi": "popitem", "cl": "clear",
        "it": "iter", "ln": "len", "k": "keys", "i": "items", "v": "values", "td": "to_dict", "s": "str",
        "b": "browser", "wd": "widget-default", "cu": "cleanup", "st": "streamlit", "rs": "restore",
    },
}
_ENCODE = {column: {name: code for code, name in table.items()} for column, table in CODES.items()}
_ENCODE_OP, _ENCODE_SOURCE, _ENCODE_API = _ENCODE["op"], _ENCODE["source"], _ENCODE["api"]
_TEXT = ("key", "value", "api", "callback", "widget_key", "reason", "error")


def to_row(e: Event, files: dict[str, int]) -> list[Any]:
    """The version-2 array of ``e``; ``files`` (name -> index) grows as files are met."""
    op, found, api, source, callback, widget_key, reason, file, line, error, count = e.ctx  # one read, not 11 properties
    if file is not None:
        index = files.get(file)
        if index is None:
            index = files[file] = len(files)
        file = index
    row = [
        _ENCODE_OP.get(op, op), e.key, _ENCODE_SOURCE.get(source, source), file, line, e.value,
        _ENCODE_API.get(api, api) if api is not None else None, None if found is None else int(found),
        callback, widget_key, reason, error, count if count != 1 else None,
    ]
    while row and row[-1] is None:
        row.pop()
    return row


def _text_table(table: dict[Any, Any]) -> dict[str, str]:
    """One column's code table from a header, keys and names as text."""
    return {str(k): str(v) for k, v in table.items()}


class RowReader:
    """Turns the arrays of one trace back into ``Event``s, checking every value."""

    def __init__(self, version: int, fields: Any, codes: Any) -> None:
        expected = FIELDS_V1 if version == 1 else FIELDS
        names = cast("list[str]", fields) if isinstance(fields, list) else None
        if names is None or names[:3] != list(expected[:3]) or not set(names) <= set(expected):
            raise ValueError(f"header field 'event_fields' must list the event columns ({', '.join(expected[:4])}, ...)")
        self.version = version
        self.fields = names
        self.codes: dict[str, dict[str, str]] = {}
        if version >= 2:
            tables = cast("dict[str, Any]", codes) if isinstance(codes, dict) else {}
            if not tables or not all(isinstance(tables.get(c), dict) for c in CODES):
                raise ValueError("header field 'codes' must map op, source and api codes to their names")
            self.codes = {c: _text_table(tables[c]) for c in CODES}

    def event(self, row: Any, position: int, files: list[Any], where: str) -> Event:
        fields = self.fields
        cells = cast("list[Any]", row) if isinstance(row, list) else None
        if cells is None or len(cells) < 3 or len(cells) > len(fields):
            raise ValueError(f"{where} must be an array of 3 to {len(fields)} values")
        values = dict(zip(fields, cells))
        if self.version == 1:
            seq = values.pop("seq", None)
            if not isinstance(seq, int) or isinstance(seq, bool):
                raise ValueError(f"{where}: 'seq' must be an integer")
        else:
            seq = position
            for column in ("op", "source", "api"):
                value = values.get(column)
                if isinstance(value, str):
                    values[column] = self.codes[column].get(value, value)
            file = values.get("file")
            if file is not None:
                if not isinstance(file, int) or isinstance(file, bool) or not 0 <= file < len(files):
                    raise ValueError(f"{where}: 'file' must index the line's 'files' (0 to {len(files) - 1}), got {file!r}")
                values["file"] = files[file]
            found = values.get("found")
            if not isinstance(found, bool) and found in (0, 1):
                values["found"] = bool(found)
        if values["op"] not in OPS:
            raise ValueError(f"{where}: 'op' must be one of {', '.join(OPS)}, got {values['op']!r}")
        if values["source"] not in SOURCES:
            raise ValueError(f"{where}: 'source' must be one of {', '.join(SOURCES)}, got {values['source']!r}")
        for name in _TEXT + ("file",):
            if values.get(name) is not None and not isinstance(values[name], str):
                raise ValueError(f"{where}: '{name}' must be a string or null")
        line = values.get("line")
        if line is not None and (not isinstance(line, int) or isinstance(line, bool)):
            raise ValueError(f"{where}: 'line' must be an integer or null")
        if values.get("found") is not None and not isinstance(values["found"], bool):
            raise ValueError(f"{where}: 'found' must be {'true, false' if self.version == 1 else '1, 0'} or null")
        count = values.pop("count", None)
        if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 1):
            raise ValueError(f"{where}: 'count' must be an integer >= 1 or null")
        return Event(seq=seq, count=count or 1, **values)
