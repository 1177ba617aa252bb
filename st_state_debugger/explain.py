"""KeyError origin: where a missing key went, in one plain sentence.

Stage: diff → **explain** (at the run boundary, only for reruns with errors). Uses
the key's history in this session (every earlier event on it, Streamlit's widget
cleanup included) and the keys that exist or existed, to say *why* the lookup
failed and what the developer probably meant.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

from .model import Event, HistoryEntry, KeyErrorReport

_NORMALIZE = re.compile(r"[\s_\-.]+")


def _norm(key: str) -> str:
    return _NORMALIZE.sub("", key.lower())


def suggest(key: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Keys that look like ``key``: same words in another case or separator style
    first (``user_name`` for ``userName``), then close spellings (edit distance)."""
    pool = sorted({c for c in candidates if isinstance(c, str) and c != key})
    target = _norm(key)
    exact = [c for c in pool if _norm(c) == target]
    close = difflib.get_close_matches(key, pool, n=limit, cutoff=0.75)
    close_norm = [c for c in pool if c not in exact and c not in close and difflib.SequenceMatcher(None, _norm(c), target).ratio() >= 0.8]
    out: list[str] = []
    for c in exact + close + close_norm:
        if c not in out:
            out.append(c)
    return out[:limit]


def _where(e: Event) -> str:
    if e.file is None:
        return "an unknown line"
    return f"{e.file}:{e.line}" if e.line is not None else e.file


def _by_whom(e: Event) -> str:
    if e.source == "callback":
        widget = f" (widget '{e.widget_key}')" if e.widget_key else ""
        return f"by callback {e.callback}(){widget} at {_where(e)}"
    if e.source == "widget":
        return f"by widget '{e.widget_key}'"
    if e.source == "streamlit":
        return "by Streamlit"
    if e.source == "debugger":
        return f"by the debugger's restore ({e.reason})" if e.reason else "by the debugger's restore"
    return f"at {_where(e)}"


def explain(
    key: str,
    failed: Event,
    rerun_index: int,
    history: Sequence[HistoryEntry],
    later_in_run: Sequence[Event],
    known_keys: Iterable[str],
    first_writes: dict[str, HistoryEntry],
    error_type: str,
    message: str,
) -> KeyErrorReport:
    """Build the report for one failed lookup of ``key``.

    Args:
        history: earlier events on ``key`` in this session (oldest first).
        later_in_run: events after the failed one in the same rerun (a write of
            ``key`` there means it was read before it was set).
        known_keys: keys that exist now or existed earlier in the session.
        first_writes: key → where it was first set, for "did you mean" sentences.
    """
    suggestions = suggest(key, known_keys)
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
        history=list(history),
    )
