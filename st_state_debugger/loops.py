"""Rerun loops, named: reruns that keep starting themselves with no one clicking.

Stage: record → store. "Why does my app keep rerunning?": an ``st.rerun()`` reached
on every run, or a component that sends its value back on every render. At the end
of each rerun, :class:`LoopWatch` (pure: reruns in, at most one warning out) counts
the reruns in a row started by the same cause with no browser interaction in
between, and at the :data:`THRESHOLD`-th it returns one ``rerun_loop`` warning: the
line of the ``st.rerun()`` call (or the widget and the line creating it), the count
and the keys that changed on each turn. One warning per loop: the count is the
turns seen when it was named (a loop that never ends is named too). :func:`watch`
is the recorder's one call, at ``Recorder._build``.
"""

from __future__ import annotations

import os
import weakref
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from .model import Rerun, RerunWarning

#: Reruns in a row that make a loop, unless the options or the environment say otherwise.
THRESHOLD = 5
ENV_THRESHOLD = "ST_STATE_DEBUGGER_RERUN_LOOP_THRESHOLD"
#: A widget-started rerun that begins this soon after the previous one ended, started
#: by the same widget, is an echo: no person clicks the same widget that fast, in a row.
ECHO_GAP_S = 1.0
#: Streamlit's own widgets: a value from one of them is a person's input. Others
#: (components, ``None`` when no type was found) may echo their value.
BUILTIN_WIDGETS = frozenset({
    "audio_input", "button", "camera_input", "chat_input", "checkbox", "color_picker", "data_editor",
    "date_input", "download_button", "feedback", "file_uploader", "form_submit_button", "multiselect",
    "number_input", "pills", "radio", "segmented_control", "select_slider", "selectbox", "slider",
    "text_area", "text_input", "time_input", "toggle",
})
#: Turns listed in the message, at most (the count says how many there were).
LISTED = 12

Site = tuple[str | None, int | None]


def changed_keys(rerun: Rerun) -> list[str]:
    """The keys a rerun added, removed, changed or mutated in place, sorted."""
    d = rerun.diff
    return sorted({*d.added, *d.removed, *d.changed, *d.mutated_in_place})


@dataclass(slots=True)
class LoopWatch:
    """One session's loop detector: fed every committed rerun, in order."""

    threshold: int = THRESHOLD
    #: (file, line) of the st.rerun() the previous rerun called, if it called one
    pending: Site | None = None
    previous: Rerun | None = None
    cause: tuple[str, Any] | None = None
    turns: list[tuple[int, list[str]]] = field(default_factory=list[tuple[int, list[str]]])
    warned: bool = False

    def see(self, rerun: Rerun, rerun_called_at: Site | None) -> RerunWarning | None:
        """Take one finished rerun and the site of the ``st.rerun()`` it called (None if
        it called none); return the loop's warning when this rerun makes it one.
        The panel's own data runs are not the app's: they neither count nor break a loop."""
        if rerun.trigger.kind == "debugger":
            return None
        started_at, self.pending = self.pending, rerun_called_at
        previous, self.previous = self.previous, rerun
        cause = self._cause(rerun, previous, started_at)
        if cause != self.cause:  # a person did something, or another loop starts
            self.cause, self.turns, self.warned = cause, [], False
        if cause is None:
            return None
        self.turns.append((rerun.index, changed_keys(rerun)))
        if self.warned or len(self.turns) < max(self.threshold, 1):
            return None
        self.warned = True
        return self._warning(rerun, cause, started_at)

    def _cause(self, rerun: Rerun, previous: Rerun | None, started_at: Site | None) -> tuple[str, Any] | None:
        """What started ``rerun`` if it was not a person: ("rerun", site) or ("widget", key)."""
        t = rerun.trigger
        if t.kind == "rerun" and (started_at is not None or (
                t.detail is None and previous is not None and previous.status == "rerun_requested")):
            return ("rerun", started_at)
        if (t.kind == "widget" and t.widget_key and t.widget not in BUILTIN_WIDGETS and previous is not None
                and previous.trigger.kind == "widget" and previous.trigger.widget_key == t.widget_key
                and rerun.started_at - (previous.started_at + previous.duration_ms / 1000) < ECHO_GAP_S):
            return ("widget", t.widget_key)
        return None

    def _warning(self, rerun: Rerun, cause: tuple[str, Any], started_at: Site | None) -> RerunWarning:
        first, count = self.turns[0][0], len(self.turns)
        listed = "; ".join(f"#{i} {', '.join(keys) or 'none'}" for i, keys in self.turns[:LISTED])
        more = f"; … {count - LISTED} more" if count > LISTED else ""
        seen = Counter(k for _, keys in self.turns for k in keys)
        key = min(seen, key=lambda k: (-seen[k], k)) if seen else ""  # the key changed on most turns
        span = f"reruns #{first}–#{rerun.index} ({count} in a row)"
        if cause[0] == "rerun":
            file, line = started_at or (None, None)
            where = f" at {file}:{line}" if file else ""
            text = (f"rerun loop: {span} were started by st.rerun(){where} with no browser interaction in between; "
                    f"keys changed on each turn: {listed}{more}. Call st.rerun() only behind a condition that "
                    "turns false once the state it waits for is reached (or set that state before the code "
                    "that reads it, and drop the st.rerun()).")
        else:
            file, line = _widget_site(rerun, cause[1])
            where = f" (created at {file}:{line})" if file else ""
            text = (f"rerun loop: {span} were started by widget '{cause[1]}'{where} whose value changed with no "
                    f"user input (a component sending its value back on every render?); keys changed on each "
                    f"turn: {listed}{more}. Send a value from the component only when the user acts, or only "
                    "when it differs from the value it was given.")
        return RerunWarning("rerun_loop", key, text, file, line)


def _widget_site(rerun: Rerun, key: str) -> Site:
    """Where the widget of ``key`` is created: its browser value is recorded there."""
    for e in rerun.events:
        if e.key == key and e.source == "widget":
            return e.file, e.line
    return None, None


def threshold_of(options: Any) -> int:
    """The loop threshold: the ``rerun_loop_threshold`` option if the options have it,
    else ``ST_STATE_DEBUGGER_RERUN_LOOP_THRESHOLD``, else :data:`THRESHOLD`."""
    value = getattr(options, "rerun_loop_threshold", None)
    if value is None:
        try:
            value = int(os.environ.get(ENV_THRESHOLD, THRESHOLD))
        except ValueError:
            value = THRESHOLD
    return max(int(value), 2)


_WATCHES: weakref.WeakKeyDictionary[Any, LoopWatch] = weakref.WeakKeyDictionary()


def watch(recorder: Any, rerun: Rerun, ctx: Any, commit: bool) -> None:
    """``Recorder._build``'s one call: feed a committed rerun to the session's
    :class:`LoopWatch` with the ``st.rerun()`` site its run noted
    (``internals/rerun_site``), and keep the loop's warning on the rerun. The panel's
    preview of the running rerun (``commit=False``) asks a copy, so the panel names
    the loop in the run that makes it one and the next commit counts it once."""
    from . import pitfalls
    from .internals import rerun_site

    found = rerun_site.take(ctx, keep=not commit)
    site = recorder.sites.site(*found) if found is not None else None
    loop = _WATCHES.get(recorder)
    if loop is None:
        loop = _WATCHES[recorder] = LoopWatch(threshold_of(recorder.options))
    if not commit:
        loop = replace(loop, turns=list(loop.turns))
    warning = loop.see(rerun, site)
    if warning is not None:
        pitfalls.add_warning(rerun, warning)
