"""The raw event the hot path appends: one bare tuple per session-state operation.

Stage: **record** (hot path). ``internals.proxy._record`` builds it as a tuple literal,
``(op, key, api, attribution, code, lasti, found, value, exc)``; everything that reads
one reads it by these names. A ``NamedTuple`` would read the same but costs more to
build on the hot path (``benchmarks/bench_recording.py`` prints both), so the tuple
stays bare and its positions are named here once. MUST stay in sync with the tuple
literals in ``internals/proxy.py``, ``buffer.py`` and ``cleanup.py``.
"""

from __future__ import annotations

from typing import Any

#: A raw event: ``(op, key, api, attribution, code, lasti, found, value, exc)``.
RawEvent = tuple[Any, ...]
#: Its fields in order: ``FIELDS[KEY] == "key"`` (a loop over many events may unpack
#: them by these names at once, as ``build.to_events`` does).
FIELDS = ("op", "key", "api", "attr", "code", "lasti", "found", "value", "exc")

OP = 0  # "read" | "write" | "delete"
KEY = 1  # the key as the app passed it (made a str at the run boundary), None for whole-state reads
API = 2  # the SessionStateProxy method or hook ("getitem", "browser", "cleanup", ...)
ATTR = 3  # the attribution.Attribution shared by the phase (script, callback, cleanup)
CODE = 4  # code object of the user's frame (None: no user code)
LASTI = 5  # instruction offset in CODE (file:line is resolved at the run boundary)
FOUND = 6  # did a read find the key / did a delete succeed (None: not asked)
VALUE = 7  # the value (internals.values.NOVAL: none), possibly AtEnd/Copied-wrapped; a read that
#           found nothing holds its Tally: how many times that same lookup failed (Event.count)
EXC = 8  # (exception type, args) of a failed access, else None


def raw_event(op: str, key: Any, api: str, attr: Any, code: Any = None, lasti: int = -1,
              found: Any = None, value: Any = None, exc: Any = None) -> RawEvent:
    """A raw event off the hot path (hooks outside the proxy, tests), by name."""
    return (op, key, api, attr, code, lasti, found, value, exc)


def last_write(events: list[RawEvent], key: str) -> RawEvent | None:
    """The last raw write of ``key`` in ``events``, or None."""
    return next((raw for raw in reversed(events) if raw[KEY] == key and raw[OP] == "write"), None)
