"""Watched keys: a pinned key's value over time, each change with its source.

Stage: store → **render**. Built from the reruns already kept (their diffs and
events): a rerun where the key did not change costs one dict lookup. The rows are
the diff's bounded, redacted summaries, never the live values.
"""

from __future__ import annotations

from typing import Any

from .model import Event, Rerun
from .store import SlowCallback
from .vocab import who_did

ROWS = 30


def watch_view(key: str, reruns: list[Rerun], break_on: Any, redacted: bool) -> dict[str, Any]:
    """``WatchView`` (frontend/src/types.ts): the last :data:`ROWS` changes of ``key``.

    Args:
        key: the watched key.
        reruns: oldest first (the stored ones, then the running one's preview).
        break_on: the key's breakpoint source: None = any source, a source name, or
            ``False`` when the key has no breakpoint.
        redacted: the key is secret-looking (its summaries are already redacted).
    """
    rows: list[dict[str, Any]] = []
    for r in reruns:
        values = r.diff.values.get(key)
        if values is None:
            continue
        d = r.diff
        change = "added" if key in d.added else "removed" if key in d.removed else (
            "mutated" if key in d.mutated_in_place else "changed")
        last = _last_change(r.events, key)
        if last is not None:
            source, file, line = who_did(last), last.file, last.line
        elif change == "mutated":
            source, file, line = "mutated in place (no assignment)", None, None
        elif key in d.changed_while_paused:
            source, file, line = "changed while paused (not recorded)", None, None
        else:
            source, file, line = "changed with no recorded write", None, None
        rows.append({"rerun": r.index, "change": change, "value": values[1], "source_text": source, "file": file, "line": line})
    return {
        "key": key,
        "break_on": None if break_on is False else (break_on or "any"),
        "redacted": redacted,
        "rows": rows[-ROWS:],
    }


def _last_change(events: list[Event], key: str) -> Event | None:
    for e in reversed(events):
        if e.key == key and e.op != "read":
            return e
    return None


def slowest_view(slowest: list[SlowCallback]) -> list[dict[str, Any]]:
    """``SlowCallback`` rows (frontend/src/types.ts) from :func:`store.slowest_callbacks`."""
    return [{"name": name, "widget": widget, "ms": ms, "rerun": index} for ms, name, widget, index in slowest]
