"""The type of every field of a trace line, checked when a trace is read.

Stage: trace → **import**. A trace may come from another machine or another tool, and
its reader hands it to the Markdown export, ``gen-test`` and the viewer, which trust
the types of what they get (``f"{ms:.1f}"``, ``", ".join(keys)``, ``values[key][1]``).
So ``load_trace`` checks every field against the specs below, the tables of
docs/trace-format.md written as code (MUST stay in sync with them), and refuses a
line with the path of the first wrong field: ``diff.values['a'] must be a list of
two strings or nulls, got int``. Fields the format does not name are ignored (a
newer writer may add optional fields without a new version).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .vocab import STATUSES, TRIGGER_KINDS


def type_name(value: Any) -> str:
    """The JSON-ish name of ``value``'s type for a message (``null``, not ``NoneType``)."""
    return "null" if value is None else type(value).__name__


def short_repr(value: Any) -> str:
    """A bounded repr: a message must not repeat a megabyte of trace."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class FieldError(ValueError):
    """A field of a trace line that has the wrong type (``load_trace`` adds file and line)."""


class Spec:
    """What one JSON value must be; raises :class:`FieldError` naming ``path``."""

    def __init__(self, want: str, test: Callable[[Any], bool] = lambda _: True) -> None:
        self.want = want
        self._test = test

    def check(self, value: Any, path: str) -> None:
        if not self._test(value):
            raise FieldError(f"{path} must be {self.want}, got {type_name(value)}")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


STR = Spec("a string", lambda v: isinstance(v, str))
INT = Spec("an integer", _is_int)
COUNT = Spec("an integer ≥ 0", lambda v: _is_int(v) and v >= 0)
POSITIVE = Spec("an integer ≥ 1", lambda v: _is_int(v) and v >= 1)
# orjson never yields NaN or infinity, so every float read is finite
NUMBER = Spec("a number", lambda v: _is_int(v) or isinstance(v, float))
BOOL = Spec("true or false", lambda v: isinstance(v, bool))
ANY = Spec("anything")  # checked elsewhere (event arrays: rows.RowReader)


class _Nullable(Spec):
    def __init__(self, inner: Spec) -> None:
        super().__init__(f"{inner.want} or null")
        self.inner = inner

    def check(self, value: Any, path: str) -> None:
        if value is None:
            return
        if type(self.inner) is Spec and not self.inner._test(value):  # a scalar: say null would do
            raise FieldError(f"{path} must be {self.want}, got {type_name(value)}")
        self.inner.check(value, path)


def nullable(spec: Spec) -> Spec:
    """``spec`` or null (an optional field written as null reads as absent)."""
    return _Nullable(spec)


class OneOf(Spec):
    """A word from a fixed vocabulary (statuses, trigger kinds, line types)."""

    def __init__(self, *words: str) -> None:
        super().__init__("one of " + ", ".join(words))
        self.words = words

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, str) or value not in self.words:
            raise FieldError(f"{path} must be {self.want}, got {short_repr(value)}")


class ListOf(Spec):
    """An array whose every item is ``item`` (named ``path[i]`` in a message)."""

    def __init__(self, item: Spec) -> None:
        super().__init__("a list")
        self.item = item

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, list):
            raise FieldError(f"{path} must be a list, got {type_name(value)}")
        for i, item in enumerate(value):
            self.item.check(item, f"{path}[{i}]")


class MapOf(Spec):
    """An object from any key (a session-state key, a code) to ``item``."""

    def __init__(self, item: Spec) -> None:
        super().__init__("an object")
        self.item = item

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise FieldError(f"{path} must be an object, got {type_name(value)}")
        for key, item in value.items():
            self.item.check(item, f"{path}[{short_repr(key)}]")


class Row(Spec):
    """A fixed-position array such as ``[callback, widget, ms]``; the last
    ``len(items) - required`` positions may be left out."""

    def __init__(self, names: tuple[str, ...], items: tuple[Spec, ...], required: int, want: str | None = None) -> None:
        super().__init__(want or f"an array [{', '.join(names)}]")
        self.names, self.items, self.required = names, items, required

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, list) or not self.required <= len(value) <= len(self.items):
            got = f"{len(value)} items" if isinstance(value, list) else type_name(value)
            raise FieldError(f"{path} must be {self.want}, got {got}")
        for i, (name, spec, item) in enumerate(zip(self.names, self.items, value)):
            spec.check(item, f"{path}[{i}] ({name})")


class Obj(Spec):
    """A JSON object with named fields: ``required`` ones must be present; the others
    may be absent (and null when their spec says so). Unknown fields are ignored."""

    def __init__(self, fields: dict[str, Spec], required: tuple[str, ...] = (), what: str = "") -> None:
        super().__init__("an object")
        self.fields, self.required, self.what = fields, required, what

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise FieldError(f"{path or self.what} must be an object, got {type_name(value)}")
        for name, spec in self.fields.items():
            if name in value:
                spec.check(value[name], f"{path}.{name}" if path else name)
            elif name in self.required:
                raise FieldError(f"{path or self.what} is missing field '{name}'")


OPT_STR = nullable(STR)
STRINGS = ListOf(STR)

# ---------------------------------------------------------------- header (line 1)
CODE_TABLE = MapOf(STR)
HEADER = Obj({
    "type": OneOf("header"), "schema": STR, "version": INT, "session": STR, "app": OPT_STR, "started_at": STR,
    "streamlit": STR, "python": STR, "debugger": STR,
    "redaction": Obj({"patterns": STRINGS, "placeholder": STR}),
    "history_cap": Obj({"max_reruns": COUNT, "max_events_per_rerun": COUNT}),
    "value_chars": POSITIVE, "event_fields": STRINGS,
    "codes": Obj({"op": CODE_TABLE, "source": CODE_TABLE, "api": CODE_TABLE}, required=("op", "source", "api")),
}, required=("type", "schema", "version"), what="header")

# ---------------------------------------------------------------- rerun line
TRIGGER = Obj({
    "kind": OneOf(*TRIGGER_KINDS), "widget_key": OPT_STR, "widget": OPT_STR, "label": OPT_STR, "form": OPT_STR,
    "fragment": OPT_STR, "page": OPT_STR, "detail": OPT_STR, "restored_from": nullable(INT),
}, required=("kind",))
CALLBACK = Row(("callback", "widget", "ms"), (STR, OPT_STR, nullable(NUMBER)), 2)
WARNING = Row(("kind", "key", "message", "file", "line"), (STR, STR, STR, OPT_STR, nullable(INT)), 3)
CHANGE = Row(("path", "change", "old", "new"), (STR, STR, OPT_STR, OPT_STR), 2)
BEFORE_AFTER = Row(("before", "after"), (OPT_STR, OPT_STR), 2, want="a list of two strings or nulls")
DIFF = Obj({
    "added": STRINGS, "removed": STRINGS, "changed": STRINGS, "mutated_in_place": STRINGS,
    "details": MapOf(ListOf(CHANGE)), "values": nullable(MapOf(BEFORE_AFTER)),
    "sampled": nullable(STRINGS), "unchecked": nullable(STRINGS), "changed_while_paused": nullable(STRINGS),
}, required=("added", "removed", "changed", "mutated_in_place", "details"))
ERROR = Obj({
    "key": STR, "type": STR, "message": STR, "file": OPT_STR, "line": nullable(INT), "explanation": STR,
    "suggestions": STRINGS, "history": ListOf(ANY),  # entries: trace._history (they differ by version)
    "count": nullable(POSITIVE),
}, required=("key", "type", "message", "explanation", "suggestions", "history"))
RERUN = Obj({
    "type": OneOf("rerun"), "index": INT, "trigger": TRIGGER, "started_at": NUMBER, "duration_ms": NUMBER,
    "status": OneOf(*STATUSES), "page": OPT_STR, "files": nullable(STRINGS), "events": ListOf(ANY),
    "events_dropped": nullable(COUNT), "callbacks": nullable(ListOf(CALLBACK)), "diff": DIFF,
    "errors": ListOf(ERROR), "warnings": nullable(ListOf(WARNING)), "overflow": nullable(BOOL),
}, required=("index", "trigger", "started_at", "duration_ms", "status", "events", "diff", "errors"), what="rerun line")
