"""What an event keeps of a value: the object itself, a small copy, or "at the end".

Stage: **record** (hot path). An access keeps immutable values as they are and
copies small builtin containers, so the trace shows what the access saw.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

#: "This event carries no value" (a miss, a delete, a membership test): not None,
#: which is a value an app may store.
NOVAL = object()


class _NotRead:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<browser value not yet read>"


#: A serialized browser value nobody has read yet (reading it would deserialize it).
NOT_READ = _NotRead()


#: Immutable values: an event may keep the object itself, it shows what the access saw.
_ATOMS = frozenset({str, int, float, bool, type(None), bytes, complex, datetime.date, datetime.datetime,
                    datetime.time, datetime.timedelta, decimal.Decimal, uuid.UUID, range})
_COPYABLE = frozenset({list, dict, set, tuple, frozenset})
#: Elements (nested ones included) copied at an access; a bigger value is summarized
#: at the end of the rerun and says so.
COPY_BUDGET = 32


class Copied(tuple):  # type: ignore[type-arg]
    """``(copy,)``: a small builtin container as an access saw it (an exact, private
    copy). A tuple subclass, so making one costs no Python-level ``__init__``."""

    __slots__ = ()


class AtEnd(tuple):  # type: ignore[type-arg]
    """``(value,)``: a value that could not be copied at its access (big, or not a
    builtin container): its summary is taken at the end of the rerun, and says so."""

    __slots__ = ()


class Tally(list):  # type: ignore[type-arg]
    """``[n]``: the value slot of a failed lookup (a read that found nothing), and
    how many times that same lookup (key, code, offset, api, attribution) failed
    in the run so far. The hot path counts a repeat here instead of appending an
    event; the run boundary turns it into ``Event.count``."""

    __slots__ = ()


_FAIL = object()


def at_access(value: Any) -> Any:
    """What an event keeps of a non-immutable ``value``: a :class:`Copied` for a small
    builtin container (at most :data:`COPY_BUDGET` elements in all, nested ones
    included), else an :class:`AtEnd`. Sentinels pass through. Never raises; a flat
    container of immutable values (the common case) costs one pass and a C-level copy."""
    tp = type(value)
    if tp in _COPYABLE:
        try:
            if len(value) <= COPY_BUDGET:
                copy = _flat_copy(value, tp)
                if copy is _FAIL:
                    copy = _copy_small(value, tp, [COPY_BUDGET])
                if copy is not _FAIL:
                    return Copied((copy,))
        except Exception:  # changed by another thread meanwhile
            return AtEnd((value,))
    elif value is NOVAL or value is NOT_READ:
        return value
    return AtEnd((value,))


def _flat_copy(value: Any, tp: type) -> Any:
    """A copy of a container whose elements are all immutable, else :data:`_FAIL`."""
    atoms = _ATOMS
    if tp is dict:
        for k, v in value.items():
            if type(v) not in atoms or type(k) not in atoms:
                return _FAIL
        return value.copy()
    for v in value:
        if type(v) not in atoms:
            return _FAIL
    return value if tp is tuple or tp is frozenset else value.copy()


def _copy_small(value: Any, tp: type, left: list[int]) -> Any:
    """A deep copy of nested builtin containers of immutable values within ``left[0]``
    elements in all, else :data:`_FAIL`."""
    left[0] -= len(value)
    if left[0] < 0:
        return _FAIL
    atoms = _ATOMS
    if tp is dict:
        out: dict[Any, Any] = {}
        for k, v in value.items():
            if type(k) not in atoms:
                return _FAIL
            tv = type(v)
            if tv not in atoms:
                if tv not in _COPYABLE:
                    return _FAIL
                v = _copy_small(v, tv, left)
                if v is _FAIL:
                    return _FAIL
            out[k] = v
        return out
    items = []
    for v in value:
        tv = type(v)
        if tv not in atoms:
            if tv not in _COPYABLE:
                return _FAIL
            v = _copy_small(v, tv, left)
            if v is _FAIL:
                return _FAIL
        items.append(v)
    return items if tp is list else tp(items)


