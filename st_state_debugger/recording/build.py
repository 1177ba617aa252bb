"""Raw events + state -> one ``Rerun``: the run boundary, as a pure function.

Stage: record → **store**. ``build_rerun`` takes what the recorder gathered during
one run (the raw events, the state at its end, the run's facts) and the session's
``StateTracker``, ``SessionStore`` and ``Explainer``; it touches no Streamlit object,
so it is unit-tested with a hand-made event list (tests/unit/test_build_rerun.py).
It does advance the tracker (``commit=True``), as the next run's diff needs.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..config import REDACTED
from ..diff import StateTracker
from ..explain import Explainer, failure_name
from ..internals.frames import code_line, tie_to_code
from ..internals.values import NOVAL, AtEnd, Copied, Tally, at_access
from ..model import CallbackRun, Event, Rerun, RerunWarning, Trigger
from ..model import share as share_part
from ..redact import Redactor, summarize
from ..store import SessionStore
from .buffer import MissesNotRecorded
from .event import VALUE, RawEvent

#: Appended to an event's value summary taken at the end of the rerun, not at the access.
AT_END = " (value at end of rerun)"
#: Code objects whose sites are kept per session; beyond it the cache starts again.
MAX_CODES = 2048
_NO_SITE = share_part((None, None))


class SiteCache:
    """file:line of an instruction, cached per code object and offset: hashing a code
    object rehashes its bytecode (~0.7 µs), and this runs for every event, so code
    objects are told apart by id, each tied to its code by a weak reference whose
    callback drops the entry as the code is freed (``frames.tie_to_code``): an id is
    never mistaken for a newer code object, and a code object Streamlit drops takes
    its entry with it. A code object compiled again from the same source (AppTest does it
    on every run, Streamlit after an edit) finds the lines already resolved: its
    offsets map to the same lines exactly when its line table is the same, so the
    offset -> (file, line) table is shared by (file, name, first line, line table).
    Paths under the app's directory are shown relative to it. The ``(file, line)``
    tuple returned is shared by every event of that site (``model.Event.ctx``)."""

    def __init__(self, app_dir: str | None) -> None:
        self.app_dir = app_dir
        #: id(code) -> its offset -> (file, line) table; an entry leaves with its code
        #: (``frames.tie_to_code``), so an id found here is always the same code's.
        self._codes: dict[int, dict[int, tuple[str | None, int | None]]] = {}
        self._refs: dict[int, Any] = {}
        self._by_source: dict[tuple[Any, ...], dict[int, tuple[str | None, int | None]]] = {}

    def site(self, code: Any, lasti: int) -> tuple[str | None, int | None]:
        if code is None:
            return _NO_SITE  # type: ignore[return-value] - the shared (None, None)
        lines = self._codes.get(id(code))
        if lines is None:
            lines = self._new_code(code)
        found = lines.get(lasti)
        if found is None:
            path = code.co_filename
            if self.app_dir and path.startswith(self.app_dir + os.sep):
                path = os.path.relpath(path, self.app_dir)
            found = lines[lasti] = share_part((path, code_line(code, lasti)))  # type: ignore[assignment]
        return found  # type: ignore[return-value] - a shared (file, line)

    def _new_code(self, code: Any) -> dict[int, tuple[str | None, int | None]]:
        codes, refs = self._codes, self._refs
        if len(codes) >= MAX_CODES:
            codes.clear()
            refs.clear()
        if len(self._by_source) >= MAX_CODES:
            self._by_source.clear()
        source = (code.co_filename, code.co_name, code.co_firstlineno,
                  getattr(code, "co_linetable", b""))
        lines = self._by_source.setdefault(source, {})

        def forget(ident: int) -> None:
            codes.pop(ident, None)
            refs.pop(ident, None)

        codes[tie_to_code(code, refs, forget)] = lines
        return lines


@dataclass
class RunFacts:
    """What the recorder knows of one run besides its events."""

    index: int
    trigger: Trigger
    status: str = "ok"
    t0: float = 0.0  # time.perf_counter() at the start (the duration is taken at the build)
    wall0: float = 0.0  # time.time() at the start
    page: str | None = None
    callbacks: list[CallbackRun] = field(default_factory=list)
    warnings: list[RerunWarning] = field(default_factory=list)
    dropped: int = 0


#: Keys and summaries shared between a session's events, at most (then the table
#: starts again: it only saves copies, every event keeps its own reference).
MAX_SHARED_TEXTS = 20_000


@dataclass
class Describe:
    """How events are described: where they happened and how values are summarized.

    ``texts`` makes the events of a session share one string per key and per
    summary (memory per kept event): an app that builds its keys (``f"k{i}"``)
    hands the debugger a new string object at every access.
    """

    sites: SiteCache
    redactor: Redactor
    value_chars: int
    texts: dict[str, str] = field(default_factory=dict[str, str])


def build_rerun(raw_events: Sequence[RawEvent], state: dict[str, Any], tracker: StateTracker, store: SessionStore,
                run: RunFacts, describe: Describe, explainer: Explainer, *, written_extra: set[str] | frozenset[str] = frozenset(),
                commit: bool = True, reuse: dict[str, Any] | None = None, after_pause: bool = False,
                done: Sequence[Event] = (), clock: Callable[[], float] = time.perf_counter) -> Rerun:
    """Turn one run's raw events into a ``Rerun``.

    Args:
        raw_events: the run's events, in order (``event.py``).
        state: the user's session state at the end of the run.
        written_extra: keys written without an event (Streamlit resets trigger widgets itself).
        commit: False for the panel's preview of a running rerun: the tracker keeps
            its baseline for the final diff.
        reuse: the preview's fingerprints, reused by the final diff (no app code ran since).
        done: events already converted by the preview (a prefix of ``raw_events``).
        clock: the clock ``run.t0`` was read from.
    """
    written = set(written_extra)
    failures = []
    # one unpacking by the field names of event.FIELDS: cheaper than nine lookups by index per event
    for pos, (op, key, _api, _attr, _code, _lasti, found, _value, exc) in enumerate(raw_events):
        if op != "read" and key is not None and found is not False:
            written.add(str(key))
        if exc is not None:
            failures.append((pos, exc))
    diff = tracker.diff_run(state, written, commit=commit, reuse=reuse, after_pause=after_pause)
    # An event whose value is its key's end-of-run object has the summary the
    # tracker just made (summaries are taken at run end): reuse it.
    summaries = tracker.last_summaries
    known = {key: (value, summaries.get(key)) for key, value in state.items()}
    done = list(done) if len(done) <= len(raw_events) else []
    for event, raw in zip(done, raw_events):
        if type(raw[VALUE]) is Tally:  # a failed lookup may have failed again since the preview
            event.count = raw[VALUE][0]
    events = done + to_events(raw_events, len(done), known, describe)
    errors = explainer.explain_rerun(run.index, events, failures, store, {*state, *diff.removed}) if failures else []
    return Rerun(
        index=run.index,
        trigger=run.trigger,
        started_at=round(run.wall0, 3),
        duration_ms=round((clock() - run.t0) * 1000, 3),
        status=run.status,
        events=events,
        diff=diff,
        errors=errors,
        callbacks=run.callbacks,
        # a line's failed lookups past its budget, counted while the run went: said with file:line
        warnings=[w.final(*describe.sites.site(w.code, w.lasti)) if type(w) is MissesNotRecorded else w
                  for w in run.warnings],
        page=run.page,
        events_dropped=run.dropped,
    )


def to_events(raw_events: Sequence[RawEvent], start: int, known: dict[str, tuple[Any, str | None]],
              describe: Describe) -> list[Event]:
    """The raw events from ``start`` on as stored: file:line resolved, values summarized
    (redacted). ``known``: each key's end-of-run value and summary, reused when an
    event's value is that very object."""
    site, is_secret, chars, redactor = describe.sites.site, describe.redactor.is_secret, describe.value_chars, describe.redactor
    out = []
    seq = start
    end_copies: dict[str, Any] = {}
    texts = describe.texts
    if len(texts) > MAX_SHARED_TEXTS:
        texts.clear()
    share = texts.setdefault
    ctxs: dict[tuple[Any, ...], tuple[Any, Any, tuple[Any, ...]]] = {}
    for op, key, api, attr, code, lasti, found, value, exc in raw_events[start:]:  # event.FIELDS
        if key is not None:
            if type(key) is not str:
                key = str(key)  # as SessionStateProxy does; deferred off the hot path
            key = share(key, key)
        end = known.get(key) if key is not None else None
        at_end = type(value) is AtEnd
        copied = type(value) is Copied
        count = 1
        if at_end or copied:
            value = value[0]
        elif type(value) is Tally:  # a failed lookup, and how many times it failed
            count = value[0]
            value = NOVAL
        if value is NOVAL or (exc is not None):
            text = None
        elif is_secret(key):
            text = REDACTED
        elif end is not None and end[1] is not None and (
                end[0] is value or (copied and key is not None and _same_as_end(key, value, end[0], end_copies))):
            text = end[1]
        else:
            text = summarize(value, chars, redactor)
        if at_end and text is not None and text != REDACTED and not text.startswith("<unprintable "):
            # not copied at the access (too big, or not a builtin container): say so
            text += AT_END
        if text is not None:
            text = share(text, text)
        # found: did a read find the key, or did a delete fail; not for writes
        if op != "read" and (op != "delete" or found is not False):
            found = None
        where = site(code, lasti)
        error = failure_name(exc) if exc is not None else None
        # the event's shared context, found by identity first (no tuple hashing per event)
        ident = (op, found, api, id(attr), id(where), error, count)
        got = ctxs.get(ident)
        if got is None or got[0] is not attr or got[1] is not where:  # the ids were of these very objects
            got = ctxs[ident] = (attr, where, share_part((op, found, api, attr.source, attr.callback, attr.widget_key,
                                                         attr.reason, where[0], where[1], error, count)))
        out.append(Event.packed(seq, key, text, got[2]))
        seq += 1
    return out


def _same_as_end(key: str, copy: Any, end_value: Any, end_copies: dict[str, Any]) -> bool:
    """Is a read's private copy equal to the key's end-of-run value? Then the end
    summary is the read's too (no second summary). Compared copy to copy: both hold
    only builtin containers of immutable values, so ``==`` runs no app code."""
    if key not in end_copies:
        taken = at_access(end_value)
        end_copies[key] = taken[0] if type(taken) is Copied else None
    other = end_copies[key]
    return other is not None and type(other) is type(copy) and other == copy
