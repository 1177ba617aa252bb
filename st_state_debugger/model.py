"""The objects a trace is made of: one Rerun per script run, holding its Events.

Stage: **store**. The recorder builds these at the run boundary; ``trace.py`` writes
and reads them (docs/trace-format.md); the panel renders them. Plain slotted
dataclasses (``Event``: a slotted class with shared parts) so they are cheap to keep
(a ring of up to ``max_reruns``) and compare equal after a save/load round trip.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The enumerations are the vocabulary's (vocab.py): one place to add a trigger kind.
from .vocab import OPS as OPS
from .vocab import SOURCES as SOURCES
from .vocab import STATUSES as STATUSES
from .vocab import TRIGGER_KINDS as TRIGGER_KINDS

SCHEMA = "st_state_debugger.trace"
VERSION = 2

#: What repeats from event to event (``Event.ctx``) is shared through this table, up
#: to its cap: a session's events come from a few sites and callers.
_SHARED: dict[tuple[Any, ...], tuple[Any, ...]] = {}
_SHARED_MAX = 20_000


def share(part: tuple[Any, ...]) -> tuple[Any, ...]:
    """The one stored copy of ``part`` (a tuple of strings, ints, bools, None)."""
    got = _SHARED.get(part)
    if got is not None:
        return got
    if len(_SHARED) < _SHARED_MAX:
        _SHARED[part] = part
    return part


class Event:
    """One operation on session state.

    ``key`` is ``None`` for whole-state reads (iteration, ``len``, ``keys()``,
    ``to_dict()``, ``st.write(st.session_state)``); ``api`` says which one.

    A session keeps up to ``max_reruns`` × thousands of these, so an event is four
    slots, not fourteen: everything but its order, key and value repeats from event
    to event (an access site reads the same way, for the same caller, every rerun)
    and is held in one shared tuple, ``ctx`` = (op, found, api, source, callback,
    widget_key, reason, file, line, error, count). The fields read as before.
    """

    __slots__ = ("seq", "key", "value", "ctx")

    seq: int
    key: str | None
    value: str | None
    ctx: tuple[Any, ...]

    def __init__(self, seq: int, op: str, key: str | None, source: str, file: str | None = None,
                 line: int | None = None, value: str | None = None, found: bool | None = None,
                 api: str | None = None, callback: str | None = None, widget_key: str | None = None,
                 reason: str | None = None, error: str | None = None, count: int = 1) -> None:
        self.seq = seq
        self.key = key
        self.value = value
        self.ctx = share((op, found, api, source, callback, widget_key, reason, file, line, error, count))

    @classmethod
    def packed(cls, seq: int, key: str | None, value: str | None, ctx: tuple[Any, ...]) -> Event:
        """An event whose ``ctx`` the caller already shares (``recording/build.py``)."""
        e = cls.__new__(cls)
        e.seq, e.key, e.value, e.ctx = seq, key, value, ctx
        return e

    @property
    def op(self) -> str:
        return self.ctx[0]

    @property
    def found(self) -> bool | None:
        return self.ctx[1]

    @property
    def api(self) -> str | None:
        return self.ctx[2]

    @property
    def source(self) -> str:
        return self.ctx[3]

    @property
    def callback(self) -> str | None:
        return self.ctx[4]

    @property
    def widget_key(self) -> str | None:
        return self.ctx[5]

    @property
    def reason(self) -> str | None:
        return self.ctx[6]

    @property
    def file(self) -> str | None:
        return self.ctx[7]

    @property
    def line(self) -> int | None:
        return self.ctx[8]

    @property
    def error(self) -> str | None:
        return self.ctx[9]

    @property
    def count(self) -> int:
        """How many times this same failed lookup (key, line, api) happened in the
        rerun: one event, at the first (a loop of caught KeyErrors is one event ×N)."""
        return self.ctx[10]

    @count.setter
    def count(self, n: int) -> None:
        self.ctx = share((*self.ctx[:10], n))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Event):
            return NotImplemented
        return (self.seq, self.key, self.value, self.ctx) == (other.seq, other.key, other.value, other.ctx)

    __hash__ = None  # type: ignore[assignment] - mutable (a key turned secret is redacted in place)

    def __repr__(self) -> str:
        names = ("seq", "op", "key", "source", "file", "line", "value", "found", "api",
                 "callback", "widget_key", "reason", "error", "count")
        return "Event(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in names) + ")"


@dataclass(slots=True)
class Trigger:
    """What started a rerun. ``kind`` is one of :data:`TRIGGER_KINDS`."""

    kind: str
    widget_key: str | None = None
    widget: str | None = None  # the widget's type, e.g. "button"
    label: str | None = None
    form: str | None = None
    fragment: str | None = None
    page: str | None = None
    detail: str | None = None
    #: kind "restore": the rerun whose end state was restored
    restored_from: int | None = None

    def text(self) -> str:
        """The trigger in words, as the timeline shows it."""
        who = self.widget_key or (f"{self.widget} {self.label!r}" if self.label else self.widget) or "?"
        if self.kind == "widget":
            return f"widget {who}"
        if self.kind == "form_submit":
            return f"form submit {self.form or who}"
        if self.kind == "fragment":
            return f"fragment {self.fragment or '?'}()"
        if self.kind == "page":
            return f"page switch{' to ' + self.page if self.page else ''}"
        if self.kind == "rerun":
            return "st.rerun()" if self.detail is None else f"rerun ({self.detail})"
        if self.kind == "debugger":
            return "debugger panel"
        if self.kind == "restore":
            return f"restore of #{self.restored_from}"
        return self.kind


@dataclass(slots=True)
class Change:
    """One detailed difference inside a changed key (from deepdiff or a cell diff)."""

    path: str
    change: str
    old: str | None = None
    new: str | None = None


@dataclass(slots=True)
class Diff:
    """State at the end of a rerun against the end of the previous one."""

    added: list[str] = field(default_factory=list[str])
    removed: list[str] = field(default_factory=list[str])
    changed: list[str] = field(default_factory=list[str])
    mutated_in_place: list[str] = field(default_factory=list[str])
    #: key -> the detailed changes inside it, for keys where there is more to say than
    #: "the whole value changed from before to after" (that one is implied by
    #: ``values``, and kept once, not twice: :attr:`details` shows it, as the trace
    #: file's version 2 does)
    detailed: dict[str, list[Change]] = field(default_factory=dict[str, list[Change]])
    #: key -> [before, after] summaries for added/removed/changed keys.
    values: dict[str, list[str | None]] = field(default_factory=dict[str, list[str | None]])
    #: keys checked by sampled (cheaper, partial) change detection this rerun.
    sampled: list[str] = field(default_factory=list[str])
    #: keys whose content cannot be fingerprinted: only replacement is detected.
    unchecked: list[str] = field(default_factory=list[str])
    #: added, removed or changed keys with no event in this rerun, which follows
    #: reruns that were not recorded (paused): they changed while paused.
    changed_while_paused: list[str] = field(default_factory=list[str])

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def detail(self, key: str) -> list[Change]:
        """The detailed changes of ``key``: what is kept, or the whole value's change."""
        kept = self.detailed.get(key)
        if kept is not None:
            return kept
        before_after = self.values.get(key)
        if key in self.changed and before_after is not None:
            return [Change(key, "changed", before_after[0], before_after[1])]
        return []

    @property
    def details(self) -> dict[str, list[Change]]:
        """Key -> its detailed changes, for every changed key that has any (a new dict:
        change :attr:`detailed` to change what is kept)."""
        return {key: changes for key in dict.fromkeys((*self.detailed, *self.changed)) if (changes := self.detail(key))}

    @details.setter
    def details(self, details: dict[str, list[Change]]) -> None:
        self.detailed = {key: changes for key, changes in details.items() if not whole_change(key, changes, self.values)}


def whole_change(key: str, changes: list[Change], values: dict[str, list[str | None]]) -> bool:
    """Only the whole value changed: the detail would repeat ``values`` (not kept)."""
    if len(changes) != 1:
        return False
    c = changes[0]
    return c.path == key and c.change == "changed" and [c.old, c.new] == values.get(key)


@dataclass(slots=True)
class HistoryEntry:
    """An earlier event on a key, with the rerun it happened in."""

    rerun: int
    event: Event


@dataclass(slots=True)
class KeyErrorReport:
    """A failed session-state lookup that raised, explained."""

    key: str
    type: str
    message: str
    file: str | None
    line: int | None
    explanation: str
    suggestions: list[str] = field(default_factory=list[str])
    history: list[HistoryEntry] = field(default_factory=list[HistoryEntry])
    #: how many times this same lookup (key, file, line, type) failed in the rerun
    count: int = 1


@dataclass(slots=True)
class RerunWarning:
    """Something Streamlit is about to do (or just did) that bites, with the line."""

    kind: str  # docs/trace-format.md lists the kinds: "widget_cleanup", "write_after_widget", "shared_object",
    # "value_and_state", "restore_skipped", "breakpoint", "rerun_loop", "missing_keys_not_recorded"
    key: str
    message: str
    file: str | None = None
    line: int | None = None


@dataclass(slots=True)
class CallbackRun:
    """A callback that ran before the script body, and the widget that fired it."""

    callback: str
    widget_key: str | None
    duration_ms: float | None = None


@dataclass(slots=True)
class Rerun:
    """One script run of one session."""

    index: int
    trigger: Trigger
    started_at: float
    duration_ms: float
    status: str
    events: list[Event] = field(default_factory=list[Event])
    diff: Diff = field(default_factory=Diff)
    errors: list[KeyErrorReport] = field(default_factory=list[KeyErrorReport])
    callbacks: list[CallbackRun] = field(default_factory=list[CallbackRun])
    warnings: list[RerunWarning] = field(default_factory=list[RerunWarning])
    page: str | None = None
    events_dropped: int = 0
    overflow: bool = False

    def counts(self) -> tuple[int, int, int]:
        r = w = d = 0
        for e in self.events:
            ctx = e.ctx  # (op, ..., count): one read, not two properties
            if ctx[0] == "read":
                r += ctx[10]
            elif ctx[0] == "write":
                w += ctx[10]
            else:
                d += ctx[10]
        return r, w, d


@dataclass(slots=True)
class Trace:
    """A session's header and its reruns, as written to or read from a file."""

    header: dict[str, Any]
    reruns: list[Rerun] = field(default_factory=list[Rerun])
    #: Problems found while reading that did not prevent it (a truncated last line).
    warnings: list[str] = field(default_factory=list[str])

    @property
    def overflow(self) -> bool:
        return any(r.overflow for r in self.reruns)
