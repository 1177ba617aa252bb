"""Cheap per-key change detection that also sees in-place mutation.

Stage: store → **diff**. At the end of each rerun every key gets a fingerprint; a
key whose fingerprint differs from the previous rerun's changed, whether or not
anything assigned it (``todos.append(x)``, ``df.iloc[0, 0] = 1``). Hashing raw
numpy buffers and pickled bytes with xxh3 is far cheaper than deep-copying and
deep-diffing the whole state (benchmarks/huge_state.py measures it), and unlike
DeepDiff it catches DataFrame changes.

Modes, per key:
* **full** (default): primitives by value; numpy arrays and numeric DataFrame
  columns by xxh3 of their buffers; everything else by xxh3 of its pickle.
  Detects every change.
* **sampled**: for a key whose full fingerprint took longer than the per-key budget
  (``key_budget_ms``) and that holds ≥ 1,000 items: the length plus an evenly spaced
  sample of ≤ 1,000 items. Detects appends, removals and changes to sampled items;
  a change to an unsampled item of a big list/dict can be missed.
* **identity**: a value that cannot be pickled, or a container subclass with its
  own iteration (which pickling would follow, perhaps forever), is fingerprinted
  structurally (dicts, lists, sets, object ``__dict__``, each read through its base
  type and at most ``budget`` items); parts that cannot be read at all (a lock, a
  generator) count by identity only, so replacing them is seen, mutating them is
  not. A key whose full (or sampled) fingerprint took longer than the per-key
  budget and cannot be sampled is fingerprinted by **identity alone** from the
  next rerun on (``identity=True``): it is never pickled again.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from typing import Any

import xxhash

from .guard import LOGGER

_xxh = xxhash.xxh3_128_intdigest
_IMMUTABLE = (type(None), bool, int, float, complex, str, bytes)
_SAMPLE = 1000


@dataclass(slots=True)
class Fingerprint:
    digest: Any
    #: a private copy of the value to diff against next time, or None.
    snapshot: Any
    #: "full", "sampled" or "identity" (see module docstring).
    mode: str
    cost_ns: int = 0
    #: True when ``snapshot`` holds the value's pickle rather than the value.
    pickled: bool = False
    #: sampled dicts: (the dict's length, the sampled keys), looked up again next rerun.
    sample_keys: tuple[int, list[Any]] | None = None
    #: sampled dicts whose sample was spaced afresh: the digest over last rerun's keys,
    #: the one to compare with last rerun's digest.
    was: Any = None


def _is_frame(value: Any) -> bool:
    module = type(value).__module__ or ""
    return module.startswith("pandas") and hasattr(value, "columns") and hasattr(value, "iloc")


def _is_series(value: Any) -> bool:
    module = type(value).__module__ or ""
    return module.startswith("pandas") and hasattr(value, "dtype") and hasattr(value, "iloc") and not hasattr(value, "columns")


def _is_ndarray(value: Any) -> bool:
    module = type(value).__module__ or ""
    return module == "numpy" and hasattr(value, "dtype") and hasattr(value, "shape")


def _array_digest(arr: Any) -> Any:
    import numpy as np

    if arr.dtype.hasobject:
        return _xxh(pickle.dumps(arr, protocol=5))
    contiguous = np.ascontiguousarray(arr)
    return (arr.dtype.str, arr.shape, _xxh(memoryview(contiguous).cast("B")))  # pyright: ignore[reportArgumentType] - an ndarray is a buffer


def _column_digest(col: Any) -> Any:
    import numpy as np

    values = col.array
    arr = np.asarray(values) if getattr(values, "dtype", None) is not None and values.dtype.kind in "biufcmM" else None
    if arr is not None and not arr.dtype.hasobject:
        if isinstance(col.dtype, np.dtype):  # the buffer is the column: NaN and NaT are in its bits
            return (str(col.dtype), _array_digest(arr))
        # an extension array (nullable Int64, Float64...): its NA lives in a mask, not in ``arr``
        return (str(col.dtype), _array_digest(arr), _xxh(pickle.dumps(col.isna().to_numpy(), protocol=5)) if col.hasnans else 0)
    return (str(col.dtype), _xxh(pickle.dumps(values, protocol=5)))


def _frame_digest(df: Any) -> Any:
    index = df.index
    if type(index).__name__ == "RangeIndex":
        index_digest: Any = ("range", index.start, index.stop, index.step)
    else:
        index_digest = _xxh(pickle.dumps(index, protocol=5))
    columns = tuple(repr(c) for c in df.columns)
    return ("df", df.shape, columns, index_digest, tuple(_column_digest(df.iloc[:, i]) for i in range(df.shape[1])))


def _frame_nbytes(df: Any) -> int:
    """The frame's shallow size, as ``df.memory_usage(index=True).sum()`` gives it,
    without building that Series (a third of a 1,000,000-row frame's detection)."""
    try:
        return int(df.index.nbytes) + sum(int(df.iloc[:, i].array.nbytes) for i in range(df.shape[1]))
    except Exception:
        return 1 << 62


def take_fingerprint(value: Any, *, snapshot_max_bytes: int, sampled: bool = False, identity: bool = False,
                     previous: Fingerprint | None = None) -> Fingerprint:
    """Fingerprint ``value`` and keep a copy of it for a later detailed diff.

    Never raises for a hostile value: it falls back to structural, then identity,
    fingerprints. ``identity``: the key blew its time budget; only the object's
    identity (and type) is compared, nothing is read or pickled. ``previous``: the
    key's fingerprint from the last rerun; when a buffer-backed value (bytearray,
    array, DataFrame, Series) hashes the same, its private copy is reused rather
    than taken again (a 10 MB value unchanged over 100 reruns is copied once).
    """
    if type(value) in _IMMUTABLE:
        return Fingerprint((type(value), value), value, "full")
    if identity:
        return Fingerprint(("id", type(value), id(value)), None, "identity")
    if _own_iteration(value):  # pickling iterates it through its override: maybe forever
        return Fingerprint(_structural_digest(value), None, "identity")
    if type(value) is bytearray:  # hash the buffer in place: no 10 MB pickle copy
        return _buffer_fingerprint(("ba", len(value), _xxh(memoryview(value))), previous,
                                   lambda: len(value) <= snapshot_max_bytes, lambda: bytes(value))
    try:
        if _is_frame(value):
            return _buffer_fingerprint(_frame_digest(value), previous,
                                       lambda: _frame_nbytes(value) <= snapshot_max_bytes, lambda: value.copy(deep=True))
        if _is_series(value):
            digest = ("series", value.name, _column_digest(value), _xxh(pickle.dumps(value.index, protocol=5)))
            return _buffer_fingerprint(digest, previous, lambda: value.nbytes <= snapshot_max_bytes, lambda: value.copy(deep=True))
        if _is_ndarray(value):
            return _buffer_fingerprint(_array_digest(value), previous, lambda: value.nbytes <= snapshot_max_bytes, value.copy)
    except Exception as err:  # an exotic subclass: fall through to pickling
        LOGGER.debug("st_state_debugger: fingerprint of a %s falls back to pickling (%r)", type(value).__name__, err)
    if sampled:
        if type(value) is dict:
            fp = _sampled_dict(value, previous.sample_keys if previous is not None else None)
            if fp is not None:
                return fp
        digest = _sampled_digest(value)
        if digest is not None:
            return Fingerprint(digest, None, "sampled")
    try:
        data = pickle.dumps(value, protocol=5)
    except Exception:
        return Fingerprint(_structural_digest(value), None, "identity")
    return Fingerprint(("p", type(value), _xxh(data)), data if len(data) <= snapshot_max_bytes else None, "full", pickled=True)


def _buffer_fingerprint(digest: Any, previous: Fingerprint | None, fits: Callable[[], bool],
                        take_copy: Callable[[], Any]) -> Fingerprint:
    """A full fingerprint of a buffer-backed value (bytearray, array, DataFrame, Series).

    Its private copy is the previous rerun's when the value hashes as it did then:
    the copy is never handed out (time travel builds a fresh value from it), so an
    equal digest, which is already what "unchanged" means here, makes it reusable.
    Otherwise a copy is taken if the value ``fits`` within ``snapshot_max_bytes``
    (asked only then: a DataFrame's size costs something to find).
    """
    snap = _kept(previous, digest)
    if snap is None and fits():
        snap = take_copy()
    return Fingerprint(digest, snap, "full")


def _kept(previous: Fingerprint | None, digest: Any) -> Any:
    """The previous rerun's private copy when the value hashes as it did then, else None."""
    if previous is None or previous.snapshot is None or previous.pickled or previous.mode != "full":
        return None
    try:
        return previous.snapshot if previous.digest == digest else None
    except Exception:  # a digest that does not compare (never for these kinds): copy afresh
        return None


#: base container type -> the methods pickling (and copying) iterate it through
_BASES: tuple[tuple[type, tuple[str, ...]], ...] = (
    (dict, ("__iter__", "items", "keys", "values")),
    (list, ("__iter__",)),
    (tuple, ("__iter__",)),
    (set, ("__iter__",)),
    (frozenset, ("__iter__",)),
)


def _own_iteration(value: Any) -> bool:
    """A dict/list/tuple/set subclass that overrides how it is iterated: its
    iteration is the app's code, which may be slow, have effects, or never end."""
    cls = type(value)
    for base, names in _BASES:
        if cls is base:
            return False
        if isinstance(value, base):
            return any(getattr(cls, n, None) is not getattr(base, n) for n in names)
    return False


def _base_items(v: Any, budget: int) -> list[Any] | None:
    """At most ``budget`` items of a builtin container (of a subclass too, read
    through the base type, never through an override); None if not one."""
    if isinstance(v, dict):
        return [x for kv in islice(dict.items(v), budget) for x in kv]
    bases: tuple[Any, ...] = (list, tuple, set, frozenset)
    for base in bases:
        if isinstance(v, base):
            items = list(islice(base.__iter__(v), budget))
            if base in (set, frozenset):
                items.sort(key=_order)  # iteration order of equal sets may differ
            return items
    return None


def _order(item: Any) -> tuple[str, Any]:
    """A sort key for set items that calls no repr (a repr may have side effects)."""
    t = type(item)
    return (t.__qualname__, item if t in (int, float, str, bytes, bool) else hash(item))


def _sampled_digest(value: Any) -> Any:
    """len + an evenly spaced sample of ≤ 1,000 items; None if not a sized container."""
    try:
        n = len(value)
    except Exception:
        return None
    if n < _SAMPLE:
        return None
    step = max(n // _SAMPLE, 1)
    try:
        if isinstance(value, dict):
            keys = list(value.keys())[::step] if n <= 200_000 else [k for i, k in enumerate(value) if i % step == 0]
            sample: Any = [(k, value[k]) for k in keys[:_SAMPLE]]
        elif isinstance(value, (list, tuple)):
            seq: Any = value
            sample = seq[::step][:_SAMPLE] + seq[-3:]
        else:
            return None
        return ("s", type(value), n, _xxh(pickle.dumps(sample, protocol=5)))
    except Exception:
        return ("s", type(value), n, id(value))


def _sampled_dict(value: dict[Any, Any], earlier: tuple[int, list[Any]] | None) -> Fingerprint | None:
    """A big dict's sample: its length, ≤ 1,000 evenly spaced keys with their values,
    and its 3 newest keys with theirs.

    Listing a 100,000-key dict to space the sample costs 2–4 ms here (every key is
    touched), so while the length holds, the keys sampled last rerun are looked up
    again. Keys are only ever added at a dict's end, so a key set that changed at the
    same length shows in the newest keys; a sampled key that is gone shows as gone.
    Then a fresh sample is spaced for the next rerun, and ``was`` keeps this rerun's
    digest over the old keys: the one to compare with the last rerun's, so the new
    spacing is never mistaken for a change.
    """
    n = len(value)
    if n < _SAMPLE:
        return None
    try:
        if earlier is not None and earlier[0] == n:
            digest, gone = _dict_sample_digest(value, earlier[1])
            if not gone:
                return Fingerprint(digest, None, "sampled", sample_keys=earlier)
            keys = _spaced_keys(value)
            return Fingerprint(_dict_sample_digest(value, keys)[0], None, "sampled", sample_keys=(n, keys), was=digest)
        keys = _spaced_keys(value)
        return Fingerprint(_dict_sample_digest(value, keys)[0], None, "sampled", sample_keys=(n, keys))
    except Exception:
        return Fingerprint(("s", dict, n, id(value)), None, "sampled")


def _spaced_keys(value: dict[Any, Any]) -> list[Any]:
    n = len(value)
    step = max(n // _SAMPLE, 1)
    keys = list(value.keys())[::step] if n <= 200_000 else [k for i, k in enumerate(value) if i % step == 0]
    return keys[:_SAMPLE]


def _dict_sample_digest(value: dict[Any, Any], keys: list[Any]) -> tuple[Any, bool]:
    """The digest of ``value`` read at ``keys`` (and its 3 newest keys); True when a key is gone."""
    sample: list[Any] = []
    gone = False
    for k in keys:
        if k in value:
            sample.append((k, value[k]))
        else:
            sample.append((k,))
            gone = True
    newest = [(k, value[k]) for k in islice(reversed(value.keys()), 3)]
    return ("s", dict, len(value), _xxh(pickle.dumps((sample, newest), protocol=5))), gone


def _structural_digest(value: Any, budget: int = 10_000) -> Any:
    """Digest of what can be read of an unpicklable value; unreadable parts by identity."""
    tokens: list[Any] = []
    seen: set[int] = set()
    stack: list[Any] = [value]
    while stack and len(tokens) < budget:
        v = stack.pop()
        if type(v) in _IMMUTABLE:
            tokens.append(v)
            continue
        if id(v) in seen:
            tokens.append(("cycle", id(v)))
            continue
        seen.add(id(v))
        try:
            items = _base_items(v, budget - len(tokens))
            if items is not None:
                tokens.append((type(v).__name__, len(items)))
                if isinstance(v, dict):
                    for k, item in zip(items[::2], items[1::2]):
                        tokens.append(k if type(k) in _IMMUTABLE else ("k", id(k)))
                        stack.append(item)
                else:
                    stack.extend(items)
                continue
            if _own_iteration(v):
                raise TypeError("iterates through an override")
            data = pickle.dumps(v, protocol=5)
            tokens.append(_xxh(data))
            continue
        except Exception as err:  # unpicklable: its identity and its __dict__ stand in
            LOGGER.debug("st_state_debugger: a %s is fingerprinted by identity (%r)", type(v).__name__, err)
        state = getattr(v, "__dict__", None)
        tokens.append(("id", type(v).__qualname__, id(v)))
        if isinstance(state, dict):
            stack.append(dict(state))
    try:
        return ("x", _xxh(repr(tokens).encode("utf-8", "replace")))
    except Exception:
        return ("x", id(value))
