"""Time travel: every key's value as of the end of each rerun, and a plan to restore it.

Stage: diff → **store**, and back. The fingerprints taken at the end of a rerun
already hold a private copy of each value (``fingerprint.py``: the pickle, a
DataFrame/array copy, or the immutable value itself). A key's copy is kept here
only in the reruns where the key changed, so a value that never changes costs one
version whatever the session's length. The state as of rerun N is, per key, its
last version at or before N.

Restoring (``plan``) turns that into writes and deletes applied at the start of a
rerun, before any widget is created, so Streamlit accepts values for widget keys.
Values with no full copy (redacted, unpicklable, too big, sampled, or dropped by
the memory budget) and keys of widgets whose value Streamlit refuses to set (a
button, a file uploader) are listed with the reason and left as they are.
"""

from __future__ import annotations

import pickle
import sys
from bisect import bisect_right
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from .fingerprint import Fingerprint

#: shown beside the panel's restore button
RESTORE_NOTE = (
    "Restores session state only: side effects outside it (files written, database rows, "
    "messages or API calls sent, st.cache_data / st.cache_resource) are not undone."
)

#: Copies kept for time travel, per session. Above it the oldest copies go first
#: (never a key's current one); those reruns then restore the key no more.
KEEP_BYTES = 64 * 2**20
_IMMUTABLE = (type(None), bool, int, float, complex, str, bytes)


@dataclass(slots=True)
class Version:
    """A key's value from the end of rerun ``rerun`` on (until its next version)."""

    rerun: int
    #: the private copy, or None when there is none (``missing`` says why)
    copy: Any = None
    #: how to turn ``copy`` into a fresh value: "value", "pickle", "bytearray", "copy"
    kind: str = "value"
    missing: str | None = None
    removed: bool = False
    size: int = 0
    #: the key it is a version of (set when it joins the history): the eviction queue
    #: holds versions alone, not a (key, version) pair per copy
    key: str = ""


@dataclass(slots=True)
class RestorePlan:
    """What restoring the state as of the end of rerun ``source`` does."""

    source: int
    writes: dict[str, Any] = field(default_factory=dict)
    deletes: list[str] = field(default_factory=list)
    #: key -> why it is left as it is
    skipped: dict[str, str] = field(default_factory=dict)
    #: keys Streamlit never lets session state set (buttons, form submit buttons,
    #: uploaders): left as they are, and said once (:func:`never_restorable`)
    never: list[str] = field(default_factory=list)


class StateHistory:
    """The versions of every key of one session, bounded by :data:`KEEP_BYTES`."""

    def __init__(self, is_secret: Any, keep_bytes: int = KEEP_BYTES) -> None:
        self.is_secret = is_secret
        self.keep_bytes = keep_bytes
        self.versions: dict[str, list[Version]] = {}
        self.bytes = 0
        self._order: deque[Version] = deque()  # oldest copy first

    def record(self, index: int, added: list[str], changed: list[str], removed: list[str], fps: dict[str, Fingerprint]) -> None:
        """Keep the copies of the keys that changed in rerun ``index`` (end-of-run work)."""
        for key in added:
            self._add(key, self._version(index, key, fps.get(key)))
        for key in changed:
            self._add(key, self._version(index, key, fps.get(key)))
        for key in removed:
            self._add(key, Version(index, removed=True))
        for key, fp in fps.items():
            # a key that turned sampled (or too big) keeps no copy: from here on its
            # last copy is not its value any more
            if fp.snapshot is None:
                chain = self.versions.get(key)
                if chain and chain[-1].missing is None and not chain[-1].removed:
                    self._add(key, self._version(index, key, fp))
        turns = len(self._order)  # one pass at most: current copies go back in the queue
        while self.bytes > self.keep_bytes and turns > 0:
            turns -= 1
            version = self._order.popleft()
            if version.copy is None:
                continue
            chain = self.versions.get(version.key)
            if chain and chain[-1] is version:
                self._order.append(version)  # the current value: keep it
                continue
            version.copy, version.missing = None, f"its copy was dropped to keep time travel under {self.keep_bytes >> 20} MB"
            self.bytes -= version.size

    def forget_before(self, first: int) -> None:
        """Reruns before ``first`` left the timeline: keep one version per key at or before it."""
        for key, chain in list(self.versions.items()):
            cut = bisect_right(chain, first, key=_rerun) - 1
            if cut > 0:
                for v in chain[:cut]:
                    if v.copy is not None:
                        self.bytes -= v.size
                        v.copy = None
                del chain[:cut]
            if chain and chain[-1].removed and chain[-1].rerun <= first:
                del self.versions[key]
        self._order = deque(v for v in self._order if v.copy is not None)

    def forget(self, key: str) -> None:
        """``key`` just became secret (a password widget's): drop every copy of it.
        Its versions stay, as "redacted", so a restore says why it skips the key."""
        for version in self.versions.get(key, ()):
            if version.copy is not None:
                self.bytes -= version.size
            if not version.removed:
                version.copy, version.missing = None, "redacted: secret-looking values are never kept"
        self._order = deque(v for v in self._order if v.copy is not None)

    def state_at(self, index: int) -> dict[str, Version]:
        """Key → its version as of the end of rerun ``index`` (keys that existed then)."""
        out = {}
        for key, chain in self.versions.items():
            pos = bisect_right(chain, index, key=_rerun) - 1
            if pos >= 0 and not chain[pos].removed:
                out[key] = chain[pos]
        return out

    def plan(self, index: int, current: set[str], refuses_writes: Any) -> RestorePlan:
        """The writes and deletes that bring ``current`` keys back to rerun ``index``.

        Args:
            index: the rerun whose end state to restore.
            current: the keys the session holds now.
            refuses_writes: key -> a reason when Streamlit refuses to set that key
                (a button's, an uploader's), else None.
        """
        target = self.state_at(index)
        plan = RestorePlan(index)
        for key, version in sorted(target.items()):
            chain = self.versions[key]
            if key in current and chain[-1] is version:
                continue  # unchanged since then
            if refuses_writes(key) is not None:
                plan.never.append(key)
                continue
            why = version.missing
            if why is None:
                try:
                    plan.writes[key] = _fresh(version)
                except Exception as exc:
                    why = f"its copy could not be read back ({type(exc).__name__})"
            if why is not None:
                plan.skipped[key] = why
        for key in sorted(current - set(target)):
            if refuses_writes(key) is None:
                plan.deletes.append(key)
            else:
                plan.never.append(key)
        plan.never.sort()
        return plan

    def _version(self, index: int, key: str, fp: Fingerprint | None) -> Version:
        if self.is_secret(key):
            return Version(index, missing="redacted: secret-looking values are never kept")
        if fp is None or fp.snapshot is None:
            if fp is not None and fp.mode == "identity":
                why = "it cannot be copied (not picklable)"
            elif fp is not None and fp.mode == "sampled":
                why = "it is checked by sampling: no full copy is kept"
            else:
                why = "it is too big to keep a copy of (over snapshot_max_bytes)"
            return Version(index, missing=why)
        snap = fp.snapshot
        if fp.pickled:
            return Version(index, snap, "pickle", size=len(snap))
        if type(fp.digest) is tuple and fp.digest and fp.digest[0] == "ba":
            return Version(index, snap, "bytearray", size=len(snap))
        if type(snap) in _IMMUTABLE:
            return Version(index, snap, "value", size=sys.getsizeof(snap))
        return Version(index, snap, "copy", size=_nbytes(snap))

    def _add(self, key: str, version: Version) -> None:
        version.key = key
        chain = self.versions.setdefault(key, [])
        if chain and chain[-1].rerun == version.rerun:
            old = chain.pop()  # the same rerun seen twice (never in practice): keep the last
            if old.copy is not None:
                self.bytes -= old.size
        chain.append(version)
        if version.copy is not None:
            self.bytes += version.size
            self._order.append(version)


def never_restorable(keys: list[str], widgets: dict[str, str]) -> str:
    """The one line a restore says about the keys it can never restore, and why.

    Args:
        keys: the keys (:attr:`RestorePlan.never`).
        widgets: key -> the widget that owns it ("button", "form_submit_button"…).
    """
    named = ", ".join(f"'{k}' ({widgets.get(k, 'widget')})" for k in keys[:20]) + (f" and {len(keys) - 20} more" if len(keys) > 20 else "")
    return (f"Never restored: {named}. Streamlit does not let a button's, form submit button's or file "
            "uploader's value be set through session state; they keep their current values.")


def _rerun(version: Version) -> int:
    return version.rerun


def _fresh(version: Version) -> Any:
    """A new object equal to the kept copy: the copy itself is never handed out."""
    if version.kind == "pickle":
        return pickle.loads(version.copy)
    if version.kind == "bytearray":
        return bytearray(version.copy)
    if version.kind == "copy":
        try:
            return version.copy.copy(deep=True)  # pandas
        except TypeError:
            return version.copy.copy()  # numpy
    return version.copy


def _nbytes(value: Any) -> int:
    try:
        usage = getattr(value, "memory_usage", None)
        if callable(usage):
            total = usage(deep=False)
            return int(total.sum()) if hasattr(total, "sum") else int(total)  # pyright: ignore[reportAttributeAccessIssue, reportArgumentType]
        return int(value.nbytes)
    except Exception:
        return sys.getsizeof(value)
