"""KeyError origin: where a missing key went, in one plain sentence.

Stage: diff → **explain** (at the run boundary, only for reruns with errors). Uses
the key's history in this session (every earlier event on it, Streamlit's widget
cleanup included) and the keys that exist or existed, to say *why* the lookup
failed and what the developer probably meant.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import inspect
import re
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from .model import Event, HistoryEntry, KeyErrorReport
from .vocab import by_whom

#: Earlier events kept in one error's history (the documented cap; the store keeps
#: as many per key).
KEY_HISTORY = 50
#: History entries over all the errors of one rerun; errors past it keep only
#: their last ERROR_HISTORY_MIN events (a loop over 1,000 missing keys that each
#: have a long story would otherwise write 50,000 history rows per rerun).
ERROR_HISTORY_BUDGET = 1_000
ERROR_HISTORY_MIN = 3

_NORMALIZE = re.compile(r"[\s_\-.]+")


def _norm(key: str) -> str:
    return _NORMALIZE.sub("", key.lower())


#: Candidate comparisons (difflib) allowed per rerun, over all its missing keys;
#: past it a missing key gets only same-words suggestions (an index lookup), so a
#: loop over 1,000 missing keys costs no more than a fixed amount of difflib.
SUGGEST_BUDGET = 20_000


class KeyIndex:
    """Look-alike keys for many missing keys at once.

    The known keys are indexed by their normalised form (``user_name`` and
    ``userName`` meet in one bucket) and by length (a key too short or too long to
    reach the similarity cutoff is never compared). Suggestions are cached per
    missing key while the set of known keys stays the same, so a rerun that reads
    the same missing keys again pays nothing; comparisons are capped per rerun
    (:data:`SUGGEST_BUDGET`).
    """

    def __init__(self, budget: int = SUGGEST_BUDGET) -> None:
        self.budget = budget
        self.left = budget
        self._keys: frozenset[str] = frozenset()
        self._by_norm: dict[str, list[str]] = {}
        self._by_len: dict[int, list[str]] = {}
        self._norm_by_len: dict[int, list[str]] = {}
        self._cache: dict[str, list[str]] = {}

    def begin_rerun(self, keys: Iterable[str]) -> None:
        """Index ``keys`` (unless unchanged since the last rerun) and refill the budget."""
        self.left = self.budget
        fresh = frozenset(k for k in keys if isinstance(k, str))
        if fresh == self._keys:
            return
        self._keys = fresh
        self._cache.clear()
        self._by_norm, self._by_len, self._norm_by_len = {}, {}, {}
        for k in sorted(fresh):
            n = _norm(k)
            self._by_norm.setdefault(n, []).append(k)
            self._by_len.setdefault(len(k), []).append(k)
            if len(self._by_norm[n]) == 1:
                self._norm_by_len.setdefault(len(n), []).append(n)

    def cached(self, key: str) -> list[str] | None:
        """The suggestions :meth:`suggest` would return from its cache, or None."""
        return self._cache.get(key)

    def suggest(self, key: str, limit: int = 3) -> list[str]:
        """Keys that look like ``key``: same words in another case or separator style
        first (``user_name`` for ``userName``), then close spellings (edit distance)."""
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        target = _norm(key)
        exact = [c for c in self._by_norm.get(target, ()) if c != key]
        out = list(exact)
        complete = self.left > 0
        if complete:
            close = _close(key, self._by_len, 0.75, self)
            close.sort(key=lambda sc: (-sc[0], _Desc(sc[1])))  # difflib.get_close_matches' order
            out += [c for _, c in close[:limit] if c not in out]
            if len(out) < limit:
                near = sorted(c for _, n in _close(target, self._norm_by_len, 0.8, self) if n != target for c in self._by_norm[n])
                out += [c for c in near if c not in out and c != key]
            complete = self.left > 0
        out = out[:limit]
        if complete:  # a suggestion cut short by the budget is recomputed next time
            self._cache[key] = out
        return out


class _Desc(str):
    """Reverses string order (ties in difflib's ranking go to the larger string)."""

    def __lt__(self, other: str) -> bool:  # type: ignore[override]
        return str.__gt__(self, other)


def _close(word: str, by_len: dict[int, list[str]], cutoff: float, index: KeyIndex) -> list[tuple[float, str]]:
    """(score, candidate) of candidates at least ``cutoff`` similar to ``word``, as
    difflib.get_close_matches scores them; only lengths that can reach the cutoff
    (ratio <= 2*min/(a+b)) are compared, each comparison spending the budget."""
    found: list[tuple[float, str]] = []
    size = len(word)
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    for length, cands in by_len.items():
        if size + length == 0 or 2 * min(size, length) / (size + length) < cutoff:
            continue
        for c in cands:
            if index.left <= 0:
                return found
            index.left -= 1
            if c == word:
                continue
            matcher.set_seq1(c)
            if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
                score = matcher.ratio()
                if score >= cutoff:
                    found.append((score, c))
    return found


def suggest(key: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Look-alike keys of ``key`` among ``candidates`` (see :class:`KeyIndex`)."""
    index = KeyIndex(budget=1 << 62)
    index.begin_rerun(candidates)
    return index.suggest(key, limit)


class _Store(Protocol):
    """What the explainer reads of the session's store (store.SessionStore)."""

    key_history: dict[str, deque[HistoryEntry]]
    first_writes: dict[str, HistoryEntry]


class Explainer:
    """Explains a rerun's failed lookups at a cost that does not grow with loops.

    One report per distinct failed lookup (key, file, line, error type): a lookup
    failing again in a loop is counted on its report (``count``), not explained
    again, and its earlier failures are not repeated in its history. Histories are
    capped (:data:`KEY_HISTORY` each, :data:`ERROR_HISTORY_BUDGET` per rerun) and
    kept per lookup across reruns, so a lookup that fails in every rerun looks only
    at the events added since; when nothing it depends on changed (no new history,
    the same suggestions and message), its last report is reused, not rebuilt: the
    same object when its count is the same too (reports are values, never changed
    once returned; store.redact_rerun changes only the events they share anyway).
    Suggestions come from a :class:`KeyIndex` of the keys that exist or were ever
    set (a key that was only ever looked up is no suggestion).
    """

    def __init__(self) -> None:
        self.index = KeyIndex()
        #: lookup -> (newest store entry looked at, its history without repeats)
        self._histories: dict[tuple[Any, ...], tuple[HistoryEntry, list[HistoryEntry]]] = {}
        #: lookup -> (what its last report was built from, that report)
        self._reports: dict[tuple[Any, ...], tuple[tuple[Any, ...], KeyErrorReport]] = {}

    def explain_rerun(self, rerun: int, events: list[Event], failures: Sequence[tuple[int, Any]],
                      store: _Store, existing: Iterable[str]) -> list[KeyErrorReport]:
        """Reports for the ``failures`` (position in ``events``, the failure as
        hooks._record keeps it) of one rerun, in the order they first failed.

        Args:
            existing: keys in the state now, or removed by this rerun.
        """
        self.index.begin_rerun({*existing, *store.first_writes})
        groups = _group(events, failures)
        on_key = dict.fromkeys([sig[0] for sig in groups], 0)  # events on each failing key
        for e in events:
            n = on_key.get(e.key)  # type: ignore[arg-type]
            if n is not None:
                on_key[e.key] = n + e.count  # type: ignore[index]
        # a loop's lookup: every event on its key is this lookup failing (no
        # allocation per key: positions are listed only for the other keys)
        loud = {sig[0] for sig, g in groups.items() if not g[3] or on_key[sig[0]] != g[1]}
        positions: dict[str, list[int]] = {key: [] for key in loud}
        if loud:
            for pos, e in enumerate(events):
                if e.key in loud:
                    positions[e.key].append(pos)  # type: ignore[index]
        reports: list[KeyErrorReport] = []
        budget = ERROR_HISTORY_BUDGET
        for sig, (pos, count, failure, _uniform) in groups.items():
            mine = positions.get(sig[0])
            cap = KEY_HISTORY if budget > 0 else ERROR_HISTORY_MIN
            report = self._repeat(sig, events[pos], failure, store, cap) if mine is None else None
            if report is None:
                report = self._report(sig, rerun, events, pos, failure, mine or [], mine is None, store, cap)
            if report.count != count:
                report = _copy(report) if report.count else report  # a shared report is never changed
                report.count = count
            budget -= len(report.history)
            reports.append(report)
        if len(self._reports) >= 10_000:
            self._reports.clear()
        return reports

    #: key -> the Streamlit function that created its widget (``text_input``), or
    #: None; set by the recorder, read for the advice on a key Streamlit cleaned up.
    widget_of: Callable[[str], str | None] | None = None

    def widget_name(self, key: str) -> str | None:
        """The Streamlit function that created ``key``'s widget, if known. Never raises."""
        try:
            return self.widget_of(key) if self.widget_of is not None else None
        except Exception:
            return None

    def _repeat(self, sig: tuple[Any, ...], event: Event, failure: Any, store: _Store, cap: int) -> KeyErrorReport | None:
        """A loop's steady state, checked with no allocation: last rerun's report of
        this lookup again when the only store entry since is this lookup failing, and
        the suggestions, hint and message are the ones it was built from; else None."""
        cached = self._reports.get(sig)
        if cached is None:
            return None
        mark = self._histories.get(sig)
        stored = store.key_history.get(sig[0])
        if mark is None:
            if stored:
                return None
        elif not (stored is not None and len(stored) > 1 and stored[-2] is mark[0] and _same_lookup(stored[-1].event, event)):
            return None
        (length, suggestions, hint, message), report = cached
        if self.index.cached(sig[0]) is not suggestions or length > cap:
            return None
        if (store.first_writes.get(suggestions[0]) if suggestions else None) is not hint or _message(failure) != message:
            return None
        if mark is not None:
            self._histories[sig] = (stored[-1], mark[1])  # type: ignore[index]
        return report

    def _report(self, sig: tuple[Any, ...], rerun: int, events: list[Event], pos: int, failure: Any,
                mine: list[int], quiet: bool, store: _Store, cap: int) -> KeyErrorReport:
        """The report of one distinct failed lookup (its first failure at ``pos``)."""
        key, event = sig[0], events[pos]
        kept, changed = self._store_history(sig, store.key_history.get(key), event)
        suggestions = self.index.suggest(key)
        hint = store.first_writes.get(suggestions[0]) if suggestions else None
        message = _message(failure)
        cached = self._reports.get(sig) if quiet and not changed else None
        if cached is not None:  # a loop's steady state: last rerun's report, if built from the same
            old = cached[0]
            if old[0] == min(len(kept), cap) and old[1] is suggestions and old[2] is hint and old[3] == message:
                return cached[1]
        if quiet:  # nothing in this rerun but repeats: no earlier events, no later write
            history, later = kept[-cap:], None
        else:
            cut = bisect.bisect_left(mine, pos)
            earlier = [HistoryEntry(rerun, events[p]) for p in mine[max(cut - 2 * KEY_HISTORY, 0):cut]]
            history = (kept + [h for h in earlier if not _same_lookup(h.event, event)])[-cap:]
            later = next((events[p] for p in mine[cut + 1:] if events[p].op == "write"), None)
        # what the report is built from: history length (its entries unchanged),
        # suggestions and hint (cached objects: identity means unchanged), message
        basis = (len(history), suggestions, hint, message)
        report = explain(key, event, rerun, history, [later] if later is not None else [],
                         suggestions, store.first_writes, sig[3], message, self.widget_name(key))
        report.count = 0  # not counted yet: explain_rerun sets it
        if quiet:
            self._reports[sig] = (basis, report)
        else:
            self._reports.pop(sig, None)
        return report

    def _store_history(self, sig: tuple[Any, ...], stored: deque[HistoryEntry] | None,
                       failed: Event) -> tuple[list[HistoryEntry], bool]:
        """The key's history from earlier reruns without repeats of this lookup,
        looking only at the store entries added since this lookup last failed; and
        whether it differs from what it was then."""
        if not stored:
            return [], self._histories.pop(sig, None) is not None
        cached = self._histories.get(sig)
        if cached is not None and len(stored) > 1 and stored[-2] is cached[0] and _same_lookup(stored[-1].event, failed):
            # a loop's steady state: the one entry since is this lookup failing last rerun
            self._histories[sig] = (stored[-1], cached[1])
            return cached[1], False
        fresh: list[HistoryEntry] = []
        kept: list[HistoryEntry] = []
        if cached is not None:
            mark, kept = cached
            for h in reversed(stored):
                if h is mark:
                    break
                fresh.append(h)
            else:  # the mark fell out of the store's window: start again
                fresh, kept = [], []
                cached = None
        if cached is None:
            fresh = list(reversed(stored))
        added = [h for h in reversed(fresh) if not _same_lookup(h.event, failed)]
        if added:
            kept = (kept + added)[-KEY_HISTORY:]
        if len(self._histories) >= 10_000:
            self._histories.clear()
        before = self._histories.get(sig)
        self._histories[sig] = (stored[-1], kept)
        # unchanged: the same entries as last time (a loop of 50+ repeats pushes the
        # mark out of the store's window every rerun, and finds only repeats again)
        same = before is not None and len(before[1]) == len(kept) and all(a is b for a, b in zip(before[1], kept))
        return kept, not same


def _group(events: list[Event], failures: Sequence[tuple[int, Any]]) -> dict[tuple[Any, ...], list[Any]]:
    """Failures by lookup (key, file, line, error type): [position of the first,
    how many, the first failure, whether all were the same operation]."""
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for pos, failure in failures:
        e = events[pos]
        if e.key is None:
            continue
        sig = (e.key, e.file, e.line, failure_name(failure))
        g = groups.get(sig)
        if g is None:
            groups[sig] = [pos, e.count, failure, True]
        else:
            g[1] += e.count
            if g[3] and events[g[0]].op != e.op:
                g[3] = False
    return groups


def _copy(r: KeyErrorReport) -> KeyErrorReport:
    """A report of its own, to count apart from the one it copies."""
    return KeyErrorReport(r.key, r.type, r.message, r.file, r.line, r.explanation,
                          list(r.suggestions), list(r.history), 0)


def _same_lookup(earlier: Event, failed: Event) -> bool:
    """``earlier`` is the lookup ``failed`` itself failing before (same key, line
    and op): a repeat that is counted, not history."""
    return (earlier.op == failed.op and earlier.key == failed.key and earlier.line == failed.line
            and earlier.file == failed.file and (earlier.error is not None or earlier.found is False))


def failure_name(failure: Any) -> str:
    """The exception type's name of a recorded failure: ``(type, args)`` as the hot
    path keeps it (hooks._record), or an exception."""
    return (failure[0] if type(failure) is tuple else type(failure)).__name__


def _message(failure: Any) -> str:
    """The exception's message, rebuilt from its args (``str(KeyError('x'))`` is
    ``"'x'"``; Streamlit's one-string message is shown as it is)."""
    try:
        if type(failure) is not tuple:
            return _message((type(failure), failure.args))
        kind, args = failure
        if len(args) == 1 and isinstance(args[0], str):
            return args[0]
        # the built-in's formatting, without running a subclass's own __init__ again
        return str((KeyError if issubclass(kind, KeyError) else Exception)(*args))
    except Exception:  # noqa: BLE001 - an argument's repr is user code
        return failure_name(failure)


def _where(e: Event) -> str:
    if e.file is None:
        return "an unknown line"
    return f"{e.file}:{e.line}" if e.line is not None else e.file


def _by_whom(e: Event) -> str:
    """Who did ``e``, in the words every sentence uses (``vocab.by_whom``)."""
    return by_whom(e, _where(e))


@functools.lru_cache(maxsize=64)
def _takes_persist_state(widget: str) -> bool | None:
    """Does ``st.<widget>`` take ``persist_state=`` (Streamlit 1.60+)? None when the
    installed Streamlit has no such function (or none is installed)."""
    try:
        import streamlit  # the installed release decides; the offline half has none

        fn = getattr(streamlit, widget, None)
        return None if fn is None else "persist_state" in inspect.signature(fn).parameters
    except Exception:
        return None


def _keep_value_advice(key: str, e: Event, widget: str | None) -> str:
    """How to keep a cleaned-up widget value: Streamlit's own ``persist_state=``
    first, for the widget at the line that created it; "page" keeps it while the
    widget is hidden, "session" across page switches too."""
    scope = "session" if "page switch" in (e.reason or "") else "page"
    site = f" at {_where(e)}" if e.file else ""
    call = f"st.{widget}(..., key={key!r})" if widget else f"the widget with key={key!r}"
    takes = _takes_persist_state(widget) if widget else None
    if takes is False:
        return (f"; st.{widget} does not take persist_state=, so render it in every run, or copy its value to a key "
                f"of your own from its on_change/on_click callback")
    if takes is None:
        return f'; to keep its value, add persist_state="{scope}" to {call}{site} if that widget takes it'
    return f'; to keep its value, add persist_state="{scope}" to {call}{site}'


def explain(
    key: str,
    failed: Event,
    rerun_index: int,
    history: Sequence[HistoryEntry],
    later_in_run: Sequence[Event],
    suggestions: Sequence[str],
    first_writes: dict[str, HistoryEntry],
    error_type: str,
    message: str,
    widget: str | None = None,
) -> KeyErrorReport:
    """Build the report for one failed lookup of ``key``.

    Args:
        history: earlier events on ``key`` in this session (oldest first).
        later_in_run: events after the failed one in the same rerun (a write of
            ``key`` there means it was read before it was set).
        suggestions: look-alike keys (:meth:`KeyIndex.suggest`), best first.
        first_writes: key → where it was first set, for "did you mean" sentences.
        widget: the Streamlit function that created ``key``'s widget (``text_input``),
            when known: the advice for a key Streamlit cleaned up names it.
    """
    suggestions = list(suggestions)
    mutations = [h for h in history if h.event.op in ("write", "delete") and h.event.found is not False]
    last = mutations[-1] if mutations else None
    later_write = next((e for e in later_in_run if e.key == key and e.op == "write"), None)
    if last is not None and last.event.op == "delete":
        e = last.event
        if e.source == "streamlit":
            why = e.reason or "Streamlit cleaned it up"
            if "not rendered" in why:
                sentence = f"'{key}' was removed by Streamlit at the end of rerun {last.rerun} because its widget was not rendered in that run"
            else:
                sentence = f"'{key}' was removed by Streamlit in rerun {last.rerun}: {why}"
            if e.api == "cleanup":
                sentence += _keep_value_advice(key, e, widget)
        elif e.api == "clear":
            sentence = f"'{key}' was removed by st.session_state.clear() {_by_whom(e)} in rerun {last.rerun}"
        else:
            sentence = f"'{key}' was deleted {_by_whom(e)} in rerun {last.rerun}"
    elif last is not None:
        sentence = (
            f"'{key}' was last set {_by_whom(last.event)} in rerun {last.rerun}, "
            "but is no longer in session state (the session was reset, or Streamlit dropped it)"
        )
    elif later_write is not None:
        sentence = f"'{key}' is read at {_where(failed)} before it is first set, at {_where(later_write)}, in rerun {rerun_index}"
    else:
        sentence = f"'{key}' was never set in this session"
    if suggestions and (last is None or last.event.op == "write"):
        hint = suggestions[0]
        first = first_writes.get(hint)
        where = f", set at {_where(first.event)}" if first is not None and first.event.file else ""
        sentence += f"; did you mean '{hint}'{where}?"
    elif last is None and later_write is None:
        sentence += f"; initialize it before reading it, e.g. st.session_state.setdefault({key!r}, ...)"
    return KeyErrorReport(
        key=key,
        type=error_type,
        message=message,
        file=failed.file,
        line=failed.line,
        explanation=sentence,
        suggestions=suggestions,
        history=list(history)[-KEY_HISTORY:],
    )
