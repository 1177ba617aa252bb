"""State at the end of a rerun against the end of the previous one.

Stage: store → **diff** → render/export. Change is decided per key by fingerprints
(``fingerprint.py``); only keys that changed are compared in detail: a pruned walk
of dicts, lists, tuples, sets, other sequences and mappings, and objects' attributes
(``__dict__`` and ``__slots__``), a cell diff for DataFrames and arrays, and a
one-level diff for big containers. Paths read like DeepDiff's (``todos[3]['done']``,
``user.name``, ``tags['x']`` for a set item) but DeepDiff itself is not used: its
import alone loads numpy and pandas (~85 MB per server) into apps that use neither.
Nothing here imports numpy or pandas: a DataFrame or an array in the state means
the app imported them already.
"""

from __future__ import annotations

import enum
import pickle
import time
import types
from collections.abc import Mapping, Sequence
from typing import Any, cast

import xxhash

from .config import REDACTED
from .fingerprint import Fingerprint, take_fingerprint
from .model import Change, Diff, whole_change
from .redact import Redactor, summarize

MAX_DETAILS = 20
#: Above this pickled size a changed value gets a one-level diff, not a full walk
#: (the name is kept from when the walk was DeepDiff's).
DEEPDIFF_MAX_BYTES = 256_000
_DETAIL_CHARS = 60
#: Values fingerprinted by value (fingerprint.take_fingerprint keeps them as their own snapshot).
_SCALARS = frozenset({type(None), bool, int, float, complex, str, bytes})


class StateTracker:
    """Remembers the previous rerun's fingerprints and summaries for one session."""

    def __init__(self, redactor: Redactor, *, value_chars: int, snapshot_max_bytes: int, key_budget_ms: float) -> None:
        self.redactor = redactor
        self.value_chars = value_chars
        self.snapshot_max_bytes = snapshot_max_bytes
        self.budget_ns = int(key_budget_ms * 1e6)
        self.fps: dict[str, Fingerprint] = {}
        self.summaries: dict[str, str] = {}
        self.sampled_keys: set[str] = set()
        #: keys fingerprinted by identity only: their fingerprint (pickle) blew the
        #: per-key budget and they cannot be sampled
        self.slow_keys: set[str] = set()
        self._over_budget: dict[str, int] = {}
        #: the summaries of the last diff_run (committed or preview): the panel's state view.
        self.last_summaries: dict[str, str] = self.summaries
        #: key -> (value, fingerprint) of the last diff_run, for a following reuse.
        self.last_fps: dict[str, tuple[Any, Fingerprint]] = {}

    def summary(self, key: str, value: Any) -> str:
        if self.redactor.is_secret(key):
            return REDACTED
        return summarize(value, self.value_chars, self.redactor)

    def diff_run(self, state: dict[str, Any], written: set[str], *, commit: bool = True,
                 reuse: dict[str, tuple[Any, Fingerprint]] | None = None, after_pause: bool = False) -> Diff:
        """Fingerprint ``state``, compare with the previous rerun, explain what changed.

        Args:
            state: user-visible key → value at the end of this rerun.
            written: keys that had a write or delete event in this rerun (any source);
                a changed key not among them was mutated in place.
            commit: False for a preview (the panel shows the running rerun before
                Streamlit's cleanup): nothing is remembered for the next rerun.
            reuse: key -> (value, fingerprint) taken moments ago for the very same
                objects (the preview); such keys are not fingerprinted again.
            after_pause: reruns went unrecorded (paused) since the previous diff: a
                change without a write may be one of theirs, so it is "changed while
                paused", never "mutated in place".
        """
        diff = Diff()
        prev = self.fps
        new_fps: dict[str, Fingerprint] = {}
        summaries = self.summaries if commit else dict(self.summaries)
        self.last_summaries = summaries
        taken: dict[str, tuple[Any, Fingerprint]] = {}
        for key, value in state.items():
            old = prev.get(key)
            if old is not None and old.snapshot is value and type(value) in _SCALARS:
                # the very same int/str/... object as last rerun: unchanged, and its
                # fingerprint would be equal (a secret's keeps no snapshot: never here)
                new_fps[key] = old
                taken[key] = (value, old)
                continue
            sampled = key in self.sampled_keys
            earlier = reuse.get(key) if reuse else None
            if earlier is not None and earlier[0] is value:
                fp = earlier[1]
            else:
                t0 = time.perf_counter_ns()
                fp = take_fingerprint(value, snapshot_max_bytes=self.snapshot_max_bytes, sampled=sampled,
                                      identity=key in self.slow_keys, previous=old)
                fp.cost_ns = time.perf_counter_ns() - t0
                if self.redactor.is_secret(key):
                    fp = _hashed(fp)  # a secret's value is never held, not even its copy
            taken[key] = (value, fp)
            if not commit:
                pass
            elif fp.mode == "full" and fp.cost_ns > self.budget_ns and _sized(value) >= 1000:
                self.sampled_keys.add(key)  # from the next rerun on
            elif fp.mode == "sampled" and _sized(value) < 1000:
                self.sampled_keys.discard(key)
            if commit and fp.pickled:
                self._note_pickle_cost(key, fp.cost_ns, value)
            if fp.mode == "sampled":
                diff.sampled.append(key)
            elif fp.mode == "identity":
                diff.unchecked.append(key)
            new_fps[key] = fp
            compare = fp
            if old is not None and old.mode != fp.mode and "identity" not in (old.mode, fp.mode):
                # the key switched between full and sampled detection: compare in the
                # old mode this once, or the switch itself would look like a change
                compare = take_fingerprint(value, snapshot_max_bytes=self.snapshot_max_bytes, sampled=old.mode == "sampled")
                if self.redactor.is_secret(key):
                    compare = _hashed(compare)
            if fp.was is not None and old is not None and old.mode == "sampled":
                compare = Fingerprint(fp.was, None, "sampled")  # the sample was spaced afresh: compare over the old keys
            if old is not None and fp.mode == "identity" != old.mode and key in self.slow_keys:
                compare = old if key not in written else fp  # the switch to identity is no change
            if old is None:
                diff.added.append(key)
                summary = self.summary(key, value)
                diff.values[key] = [None, summary]
                summaries[key] = summary
            elif not _same(old.digest, compare.digest):
                diff.changed.append(key)
                if key in written:
                    pass
                elif after_pause:
                    diff.changed_while_paused.append(key)
                elif not _immutable(value):  # an int, str, tuple of them... is never changed in place
                    diff.mutated_in_place.append(key)
                summary = self.summary(key, value)
                before = summaries.get(key)
                diff.values[key] = [before, summary]
                summaries[key] = summary
                changes = self._details(key, old, value, before, summary)
                if not whole_change(key, changes, diff.values):  # else implied by values (Diff.detail)
                    diff.detailed[key] = changes
        for key in prev:
            if key not in state:
                diff.removed.append(key)
                diff.values[key] = [summaries.pop(key, None), None]
        if after_pause:  # added or removed with no event of this rerun: while paused
            seen = {str(k) for k in written}
            diff.changed_while_paused += [k for k in (*diff.added, *diff.removed) if k not in seen]
        self.last_fps = taken
        if commit:
            self.fps = new_fps
        diff.added.sort()
        diff.removed.sort()
        diff.changed.sort()
        diff.mutated_in_place.sort()
        diff.changed_while_paused.sort()
        return diff

    def _note_pickle_cost(self, key: str, cost_ns: int, value: Any) -> None:
        """A key pickled over the per-key budget in two reruns in a row (one slow
        rerun may be a cold start or a busy machine) that cannot be sampled is
        fingerprinted by identity from then on: it is never pickled again."""
        if cost_ns <= self.budget_ns or (isinstance(value, (dict, list, tuple)) and _sized(value) >= 1000):  # sampled instead
            self._over_budget.pop(key, None)
            return
        strikes = self._over_budget[key] = self._over_budget.get(key, 0) + 1
        if strikes >= 2:
            self.slow_keys.add(key)
            del self._over_budget[key]

    def _details(self, key: str, old: Fingerprint, new: Any, before: str | None, after: str) -> list[Change]:
        red = self.redactor
        if red.is_secret(key) or (red.active and _secret_series(new, red)):
            return [Change(key, "changed", REDACTED, REDACTED)]  # no detail: its parts are secret too
        if old.snapshot is None:
            why = "not copyable" if old.mode == "identity" else "no copy kept (over snapshot_max_bytes or sampled)"
            return [Change(key, f"changed ({why}: no detailed diff)", before, after)]
        cap = min(self.value_chars, _DETAIL_CHARS)
        if (type(new) in _SCALARS and type(old.snapshot) is type(new) and before is not None
                and len(before) <= cap and len(after) <= cap):
            # a scalar replaced: its detail is the two summaries already made (the same
            # text at the detail's shorter limit), not two more strings per rerun
            return [Change(key, "changed", before, after)]
        try:
            changes = detail_changes(key, old, new, self.value_chars, red)
        except Exception as exc:  # a value that cannot be compared
            changes = [Change(key, "changed", None, f"<no detail: {type(exc).__name__}>")]
        return redact_changes(changes, key, red) if red.active else changes

    def forget_secret(self, key: str) -> None:
        """``key`` just became secret (a password widget's): drop its kept copy and
        clear summaries, keeping only what change detection needs (a hash)."""
        for summaries in (self.summaries, self.last_summaries):
            if key in summaries:
                summaries[key] = REDACTED
        fp = self.fps.get(key)
        if fp is not None:
            self.fps[key] = _hashed(fp)
        self.last_fps.pop(key, None)


def redact_changes(changes: list[Change], key: str, red: Redactor) -> list[Change]:
    """Cut each path at its first secret name (``cfg['db']['password']``,
    ``df.loc[3, 'password']``, ``user.token``) and redact what it held; a path can
    name a value (DeepDiff names a set item by its repr), so nothing below is kept."""
    out: list[Change] = []
    seen: set[str] = set()
    for c in changes:
        prefix = red.secret_prefix(c.path, key)
        if prefix is None:
            out.append(c)
            continue
        if prefix in seen:
            continue  # one line per secret path
        seen.add(prefix)
        out.append(Change(prefix, c.change, None if c.old is None else REDACTED, None if c.new is None else REDACTED))
    return out


def _secret_series(value: Any, red: Redactor) -> bool:
    """A pandas Series named like a secret (a ``password`` column taken out)."""
    module = type(value).__module__ or ""
    return module.startswith("pandas") and hasattr(value, "dtype") and not hasattr(value, "columns") and red.is_secret(getattr(value, "name", None))


_ATOMS = (type(None), bool, int, float, complex, str, bytes, range)


def _immutable(value: Any, depth: int = 0) -> bool:
    """True for a value that cannot change in place: scalars, and tuples and frozensets
    of them (checked at most 3 levels and 1000 elements deep; beyond that: False)."""
    tp = cast("type[Any]", type(value))
    if tp in _ATOMS:
        return True
    if tp in (tuple, frozenset) and depth < 3 and len(value) <= 1000:
        return all(_immutable(v, depth + 1) for v in value)
    return False


def _is_hashed(digest: Any) -> bool:
    """A digest :func:`_hashed` made already: ``("h", int)``."""
    return type(digest) is tuple and cast("tuple[Any, ...]", digest)[:1] == ("h",)


def _hashed(fp: Fingerprint) -> Fingerprint:
    """A secret key's fingerprint without its value: the digest of a str is the
    string itself, and the snapshot is a copy. Change detection still works."""
    old: Any = fp.digest
    if fp.snapshot is None and _is_hashed(old):
        return fp
    try:
        digest: Any = ("h", xxhash.xxh3_128_intdigest(pickle.dumps(old, protocol=5)))
    except Exception:
        digest = ("h", xxhash.xxh3_128_intdigest(repr(old).encode("utf-8", "replace")))
    return Fingerprint(digest, None, fp.mode, fp.cost_ns)


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b) and type(a) is type(b)
    except Exception:
        return a is b


def _sized(value: Any) -> int:
    try:
        return len(value)
    except Exception:
        return 0


def _s(value: Any, limit: int, red: Redactor) -> str:
    """A detail's value: through the session's redactor like every other summary."""
    return summarize(value, min(limit, _DETAIL_CHARS), red)


def detail_changes(key: str, previous: Fingerprint, new: Any, limit: int, red: Redactor) -> list[Change]:
    """What changed inside ``key``, from the kept snapshot of its previous value."""
    snapshot = previous.snapshot
    old = pickle.loads(snapshot) if previous.pickled else snapshot
    module = type(new).__module__ or ""
    if module.startswith("pandas") and hasattr(new, "columns") and type(old) is type(new):
        return _frame_changes(key, old, new, limit, red)
    if module == "numpy" and hasattr(new, "shape") and type(old) is type(new):
        return _array_changes(key, old, new, limit, red)
    if previous.pickled and len(snapshot) > DEEPDIFF_MAX_BYTES:
        return _shallow_changes(key, old, new, limit, red)
    changes: list[Change] = []
    _pruned(key, old, new, limit, changes, 0, red)
    return changes or [Change(key, "changed", _s(old, limit, red), _s(new, limit, red))]


_LEAF = (type(None), bool, int, float, complex, str, bytes)


def _pruned(path: str, old: Any, new: Any, limit: int, out: list[Change], depth: int, red: Redactor,
            seen: set[tuple[int, int]] | None = None) -> None:
    """Descend containers and objects only where C-level ``==`` says they differ;
    report primitive leaves directly, anything opaque as one change.

    For a list of 20 dicts with one field changed this is ~100× cheaper than
    DeepDiff on the whole value (perf-baselines §3), with the same paths.
    ``seen`` holds the (old, new) pairs on the current path: a value that
    contains itself is walked once, not 50 levels deep.
    """
    if len(out) >= MAX_DETAILS:
        return
    if not _same_class(old, new) or depth > 50:
        out.append(Change(path, "changed", _s(old, limit, red), _s(new, limit, red)))
        return
    if isinstance(new, _LEAF):
        if not _eq(old, new) or repr(old) != repr(new):
            out.append(Change(path, "changed", _s(old, limit, red), _s(new, limit, red)))
        return
    pair = (id(old), id(new))
    seen = set() if seen is None else seen
    if pair in seen:
        return
    seen.add(pair)
    try:
        _walk(path, old, new, limit, out, depth, red, seen)
    finally:
        seen.discard(pair)


def _same_class(old: Any, new: Any) -> bool:
    """The same class, or one the script defines anew at every rerun (``class
    Profile`` in the app): the kept copy is unpickled as this rerun's class, the
    value in the state still belongs to the first run's."""
    a, b = cast("type[Any]", type(old)), cast("type[Any]", type(new))
    return a is b or (a.__qualname__ == b.__qualname__ and a.__module__ == b.__module__ and not isinstance(new, _LEAF))


def _walk(path: str, old: Any, new: Any, limit: int, out: list[Change], depth: int, red: Redactor,
          seen: set[tuple[int, int]]) -> None:
    """:func:`_pruned` below a non-leaf value of one type on both sides."""
    if isinstance(new, (dict, Mapping)):
        _walk_items(path, cast("Mapping[Any, Any]", old), cast("Mapping[Any, Any]", new), "[{!r}]", limit, out, depth, red, seen)
        return
    if isinstance(new, (set, frozenset)):
        _set_changes(path, cast("set[Any]", old), cast("set[Any]", new), limit, out, red)
        return
    module = type(new).__module__ or ""
    if module.startswith("pandas") and hasattr(new, "columns"):  # a DataFrame inside a value
        _extend(out, _frame_changes(path, old, new, limit, red))
        return
    if module == "numpy" and hasattr(new, "shape") and hasattr(new, "dtype"):
        _extend(out, _array_changes(path, old, new, limit, red))
        return
    attrs = _attributes(old), _attributes(new)
    if attrs[0] is not None and attrs[1] is not None:
        _walk_items(path, attrs[0], attrs[1], ".{}", limit, out, depth, red, seen)
        if not isinstance(new, (list, tuple, Sequence)):
            return
    if isinstance(new, (list, tuple, Sequence)) and not isinstance(new, (str, bytes, bytearray, memoryview, range)):
        _walk_sequence(path, cast("Sequence[Any]", old), cast("Sequence[Any]", new), limit, out, depth, red, seen)
        return
    if attrs[1] is None:  # opaque (a date, a Decimal, an Enum member, a C object): the value itself
        out.append(Change(path, "changed", _s(old, limit, red), _s(new, limit, red)))


def _walk_items(path: str, old: Mapping[Any, Any], new: Mapping[Any, Any], form: str, limit: int,
                out: list[Change], depth: int, red: Redactor, seen: set[tuple[int, int]]) -> None:
    """Keys of a mapping (``form`` ``[{!r}]``) or attributes of an object (``.{}``)."""
    for k in new:
        if len(out) >= MAX_DETAILS:
            return
        sub = path + form.format(k)
        if k not in old:
            out.append(Change(sub, "added", None, _s(new[k], limit, red)))
        elif new[k] is not old[k] and not _eq(old[k], new[k]):
            _pruned(sub, old[k], new[k], limit, out, depth + 1, red, seen)
    for k in old:
        if k not in new and len(out) < MAX_DETAILS:
            out.append(Change(path + form.format(k), "removed", _s(old[k], limit, red), None))


def _walk_sequence(path: str, old: Sequence[Any], new: Sequence[Any], limit: int, out: list[Change], depth: int,
                   red: Redactor, seen: set[tuple[int, int]]) -> None:
    """Lists, tuples and other sequences (a deque, an ``array.array``): by index."""
    common = min(len(old), len(new))
    for i in range(common):
        if len(out) >= MAX_DETAILS:
            return
        if new[i] is not old[i] and not _eq(old[i], new[i]):
            _pruned(f"{path}[{i}]", old[i], new[i], limit, out, depth + 1, red, seen)
    for i in range(common, len(new)):
        if len(out) < MAX_DETAILS:
            out.append(Change(f"{path}[{i}]", "added", None, _s(new[i], limit, red)))
    for i in range(common, len(old)):
        if len(out) < MAX_DETAILS:
            out.append(Change(f"{path}[{i}]", "removed", _s(old[i], limit, red), None))


def _set_changes(path: str, old: set[Any] | frozenset[Any], new: set[Any] | frozenset[Any], limit: int,
                 out: list[Change], red: Redactor) -> None:
    """Items removed, then added, each named by its repr like DeepDiff's ``root['x']``
    (in repr order: a set has none of its own)."""
    for kind, items in (("removed", old - new), ("added", new - old)):
        for item in sorted(items, key=_safe_repr):
            if len(out) >= MAX_DETAILS:
                return
            text = _s(item, limit, red)
            out.append(Change(f"{path}[{_safe_repr(item)}]", kind, text if kind == "removed" else None,
                              text if kind == "added" else None))


def _safe_repr(value: Any) -> str:
    try:
        return repr(value)
    except Exception as exc:
        return f"<repr-error {type(exc).__name__}>"


_OPAQUE = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.MethodType, enum.Enum)


def _attributes(value: Any) -> dict[str, Any] | None:
    """An object's attributes from ``__dict__`` and ``__slots__`` (dunder names left
    out, as DeepDiff does), or None for a value without them (or a class, a module, a
    function, an Enum member: compared as a whole)."""
    if isinstance(value, _OPAQUE):
        return None
    found: dict[str, Any] = {}
    has = False
    try:
        own = object.__getattribute__(value, "__dict__")
    except Exception:
        own = None
    if isinstance(own, dict):
        has = True
        for name, v in cast("dict[Any, Any]", own).items():
            if isinstance(name, str) and not name.startswith("__"):
                found[name] = v
    for cls in type(value).__mro__:
        slots: Any = vars(cls).get("__slots__", ())
        for name in (slots,) if isinstance(slots, str) else slots:
            if not isinstance(name, str) or name in ("__dict__", "__weakref__") or name.startswith("__"):
                continue
            has = True
            try:
                found[name] = object.__getattribute__(value, name)
            except Exception:  # an unset slot
                continue
    return found if has else None


def _extend(out: list[Change], changes: list[Change]) -> None:
    out.extend(changes[: max(0, MAX_DETAILS - len(out))])


def _shallow_changes(key: str, old: Any, new: Any, limit: int, red: Redactor) -> list[Change]:
    """One level deep, with C-level ``==``: bounded for 100,000-item values."""
    changes: list[Change] = []
    if isinstance(old, dict) and isinstance(new, dict):
        old, new = cast("dict[Any, Any]", old), cast("dict[Any, Any]", new)
        for k in new.keys() - old.keys():
            changes.append(Change(f"{key}[{k!r}]", "added", None, _s(new[k], limit, red)))
            if len(changes) >= MAX_DETAILS:
                return changes
        for k in old.keys() - new.keys():
            changes.append(Change(f"{key}[{k!r}]", "removed", _s(old[k], limit, red), None))
            if len(changes) >= MAX_DETAILS:
                return changes
        for k, v in new.items():
            if k in old and not _eq(old[k], v):
                changes.append(Change(f"{key}[{k!r}]", "changed", _s(old[k], limit, red), _s(v, limit, red)))
                if len(changes) >= MAX_DETAILS:
                    return changes
        return changes
    if isinstance(old, (list, tuple)) and isinstance(new, (list, tuple)):
        old, new = cast("list[Any]", old), cast("list[Any]", new)  # or tuples: indexed only
        for i in range(min(len(old), len(new))):
            if not _eq(old[i], new[i]):
                changes.append(Change(f"{key}[{i}]", "changed", _s(old[i], limit, red), _s(new[i], limit, red)))
                if len(changes) >= MAX_DETAILS:
                    return changes
        for i in range(len(old), len(new)):
            changes.append(Change(f"{key}[{i}]", "added", None, _s(new[i], limit, red)))
            if len(changes) >= MAX_DETAILS:
                return changes
        for i in range(len(new), len(old)):
            changes.append(Change(f"{key}[{i}]", "removed", _s(old[i], limit, red), None))
            if len(changes) >= MAX_DETAILS:
                return changes
        return changes
    return [Change(key, "changed", _s(old, limit, red), _s(new, limit, red))]


def _eq(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except Exception:
        return a is b


def _frame_changes(key: str, old: Any, new: Any, limit: int, red: Redactor) -> list[Change]:
    changes: list[Change] = []
    if list(old.columns) != list(new.columns):
        for c in [c for c in new.columns if c not in set(old.columns)]:
            changes.append(Change(f"{key}[{c!r}]", "column added", None, str(new[c].dtype)))
        for c in [c for c in old.columns if c not in set(new.columns)]:
            changes.append(Change(f"{key}[{c!r}]", "column removed", str(old[c].dtype), None))
    if len(old) != len(new):
        changes.append(Change(f"{key}.shape", "rows", f"{len(old)} rows", f"{len(new)} rows"))
    if old.shape == new.shape and list(old.columns) == list(new.columns) and old.index.equals(new.index):
        for ci, col in enumerate(new.columns):
            a, b = old.iloc[:, ci], new.iloc[:, ci]
            try:
                differs = (a != b) & ~(a.isna() & b.isna())
            except Exception:
                differs = a.astype(object) != b.astype(object)
            positions = differs.to_numpy().nonzero()[0]
            for pos in positions[: MAX_DETAILS - len(changes)]:
                label = new.index[pos]
                changes.append(Change(f"{key}.loc[{label!r}, {col!r}]", "changed", _s(a.iloc[pos], limit, red), _s(b.iloc[pos], limit, red)))
            if len(changes) >= MAX_DETAILS:
                break
        if str(old.dtypes.to_dict()) != str(new.dtypes.to_dict()) and not changes:
            changes.append(Change(f"{key}.dtypes", "changed", str(old.dtypes.to_dict()), str(new.dtypes.to_dict())))
    if not changes:
        changes.append(Change(key, "changed", _s(old, limit, red), _s(new, limit, red)))
    return changes


def _array_changes(key: str, old: Any, new: Any, limit: int, red: Redactor) -> list[Change]:
    import numpy as np

    if old.shape != new.shape or old.dtype != new.dtype:
        return [Change(key, "changed", f"{old.dtype} {old.shape}", f"{new.dtype} {new.shape}")]
    differs = old != new
    if np.issubdtype(new.dtype, np.floating):
        differs &= ~(np.isnan(old) & np.isnan(new))
    changes: list[Change] = []
    for idx in np.argwhere(differs)[:MAX_DETAILS]:
        t = tuple(int(i) for i in idx)
        where = ", ".join(map(str, t))
        changes.append(Change(f"{key}[{where}]", "changed", _s(old[t], limit, red), _s(new[t], limit, red)))
    return changes or [Change(key, "changed", None, None)]
