"""Per-session history: a ring of finished reruns and a bounded index per key.

Stage: record → **store**. Memory stays bounded however long a session runs:
``max_reruns`` reruns are kept (older ones dropped, ``overflow`` set), and each key
remembers its last ``KEY_HISTORY`` events for the KeyError origin view.
"""

from __future__ import annotations

from collections import deque

from .model import HistoryEntry, Rerun

KEY_HISTORY = 50
MAX_KEYS = 10_000


class SessionStore:
    def __init__(self, max_reruns: int) -> None:
        self.reruns: deque[Rerun] = deque(maxlen=max(1, max_reruns))
        self.overflow = False
        self.dropped = 0
        self.key_history: dict[str, deque[HistoryEntry]] = {}
        self.first_writes: dict[str, HistoryEntry] = {}

    def add(self, rerun: Rerun) -> None:
        if len(self.reruns) == self.reruns.maxlen:
            self.overflow = True
            self.dropped += 1
        rerun.overflow = self.overflow
        self.reruns.append(rerun)
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

    def history_of(self, key: str) -> list[HistoryEntry]:
        return list(self.key_history.get(key, ()))

    def known_keys(self) -> set[str]:
        return set(self.key_history)

    def latest(self) -> Rerun | None:
        return self.reruns[-1] if self.reruns else None
