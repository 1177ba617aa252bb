"""Per-session history: a ring of finished reruns and a bounded index per key.

Stage: record → **store**. Memory stays bounded however long a session runs:
``max_reruns`` reruns are kept (older ones dropped, ``overflow`` set), and each key
remembers its last ``KEY_HISTORY`` events for the KeyError origin view.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence

from .model import Change, Event, HistoryEntry, Rerun

KEY_HISTORY = 50
MAX_KEYS = 10_000
SLOWEST = 5
#: A timed callback: (ms, callback name, widget, rerun index).
SlowCallback = tuple[float, str, "str | None", int]


def slowest_callbacks(reruns: Iterable[Rerun], earlier: Sequence[SlowCallback] = ()) -> list[SlowCallback]:
    """The :data:`SLOWEST` slowest timed callbacks of ``reruns`` and ``earlier``, slowest first."""
    timed = [(c.duration_ms, c.callback, c.widget_key, r.index) for r in reruns for c in r.callbacks if c.duration_ms is not None]
    return sorted([*earlier, *timed], key=lambda t: -t[0])[:SLOWEST]


class SessionStore:
    def __init__(self, max_reruns: int) -> None:
        self.reruns: deque[Rerun] = deque(maxlen=max(1, max_reruns))
        self.overflow = False
        self.dropped = 0
        self.key_history: dict[str, deque[HistoryEntry]] = {}
        self.first_writes: dict[str, HistoryEntry] = {}
        #: the session's slowest callbacks, kept however many reruns are dropped
        self.slowest: list[SlowCallback] = []

    def add(self, rerun: Rerun) -> None:
        if len(self.reruns) == self.reruns.maxlen:
            self.overflow = True
            self.dropped += 1
        rerun.overflow = self.overflow
        self.reruns.append(rerun)
        if rerun.callbacks:
            self.slowest = slowest_callbacks([rerun], self.slowest)
        for event in rerun.events:
            key = event.key
            if key is None:
                continue
            entry = HistoryEntry(rerun.index, event)
            history = self.key_history.get(key)
            if history is None:
                if len(self.key_history) >= MAX_KEYS:
                    continue
                history = self.key_history[key] = deque(maxlen=KEY_HISTORY)
            history.append(entry)
            if event.op == "write" and key not in self.first_writes:
                self.first_writes[key] = entry

    def redact_key(self, key: str, placeholder: str) -> None:
        """``key`` just became secret (a password widget's): replace every value
        already held about it, in the kept reruns (events, diff values and details,
        the histories of their KeyErrors) and in the key's history."""
        for rerun in self.reruns:
            redact_rerun(rerun, key, placeholder)
        for entry in self.key_history.get(key, ()):
            _redact_event(entry.event, key, placeholder)
        first = self.first_writes.get(key)
        if first is not None:
            _redact_event(first.event, key, placeholder)

    def history_of(self, key: str) -> list[HistoryEntry]:
        return list(self.key_history.get(key, ()))

    def known_keys(self) -> set[str]:
        return set(self.key_history)

    def latest(self) -> Rerun | None:
        return self.reruns[-1] if self.reruns else None


def redact_rerun(rerun: Rerun, key: str, placeholder: str) -> None:
    """Replace every value of ``key`` held in ``rerun`` by ``placeholder``."""
    for event in rerun.events:
        _redact_event(event, key, placeholder)
    d = rerun.diff
    values = d.values.get(key)
    if values is not None:
        d.values[key] = [None if v is None else placeholder for v in values]
    if key in d.detailed:  # a whole-value change is shown from ``values``, redacted above
        d.detailed[key] = [Change(key, "changed", placeholder, placeholder)]
    for err in rerun.errors:
        for entry in err.history:
            _redact_event(entry.event, key, placeholder)


def _redact_event(event: Event, key: str, placeholder: str) -> None:
    if event.key == key and event.value is not None:
        event.value = placeholder
