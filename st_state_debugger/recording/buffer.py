"""One script run's raw events, and the events that come between runs.

Stage: **record** (hot path). ``internals.proxy._record`` appends to
``RunBuffer.events`` directly (one tuple, see ``event.py``) while there is room and
counts the rest in ``dropped``; every other path goes through ``push``, so all of
them honour ``max_events_per_rerun`` and count what they leave out.
"""

from __future__ import annotations

import time
from typing import Any

from .. import attribution
from .. import internals as hooks
from ..model import CallbackRun, Event, RerunWarning
from .event import RawEvent

#: Events kept from outside any run (AppTest, threads) until the next run starts.
PENDING_CAP = 1000
#: Distinct missing keys one line's failed lookups record as events (and errors) per
#: rerun; the lookups of further keys there are counted on a MissesNotRecorded warning.
#: A loop over 1,000 missing keys would otherwise cost ~10 µs per key (event, error
#: explained, trace line) against Streamlit's own ~4 µs miss (benchmarks/keyerrors.py).
MISSED_KEYS_PER_LINE = 20


class MissesNotRecorded(RerunWarning):
    """The failed lookups at one line past its :data:`MISSED_KEYS_PER_LINE` distinct
    keys: counted here (no event, no explanation), said in the rerun's warnings.

    Lives in ``RunBuffer.warnings`` while the run goes (the hot path counts on it);
    ``build.build_rerun`` turns it into a plain ``RerunWarning`` with file:line and the
    final count. ``keys``: the keys that do have events at that line (their repeats
    are counted on their own events, not here).
    """

    __slots__ = ("api", "code", "first", "keys", "lasti", "n")

    def __init__(self, first: str, api: str, code: Any, lasti: int, keys: set[str]) -> None:
        super().__init__("missing_keys_not_recorded", first, "")
        self.first, self.api, self.code, self.lasti, self.keys = first, api, code, lasti, keys
        self.n = 0

    def final(self, file: str | None, line: int | None) -> RerunWarning:
        """The warning as kept: what was left out, how many, and why."""
        where = f"{file}:{line}" if file else "one line"
        how = {"getitem": "st.session_state[key]", "contains": "key in st.session_state",
               "get": "st.session_state.get(key)"}.get(self.api, self.api)
        message = (f"{self.n} more failed lookups ({how}) at {where} were counted, not recorded one by one: "
                   f"after {MISSED_KEYS_PER_LINE} distinct missing keys at one line in a rerun, the lookups of "
                   f"other keys there get no event and no explanation (the first of them: {self.first!r})")
        return RerunWarning(self.kind, self.first, message, file, line)


hooks.proxy._MISSED_KEYS_PER_LINE = MISSED_KEYS_PER_LINE  # the hot path counts against these
hooks.proxy._MissesNotRecorded = MissesNotRecorded


class PendingEvents:
    """Events Streamlit caused while no run was going, for the next run; bounded,
    with the overflow counted (it becomes that run's ``events_dropped``)."""

    __slots__ = ("dropped", "events")

    def __init__(self) -> None:
        self.events: list[RawEvent] = []
        self.dropped = 0

    def push(self, event: RawEvent) -> None:
        if len(self.events) < PENDING_CAP:
            self.events.append(event)
        else:
            self.dropped += 1

    def keep(self, events: list[RawEvent], dropped: int) -> None:
        """Keep a run's events for the next one (a panel-only run is no rerun)."""
        for event in events:
            self.push(event)
        self.dropped += dropped

    def clear(self) -> None:
        self.events.clear()
        self.dropped = 0

    def __bool__(self) -> bool:
        return bool(self.events) or self.dropped > 0


class RunBuffer:
    """The events of one script run, owned by its ScriptRunContext.

    ``hooks._record`` (the hot path) appends to ``events`` directly: one tuple per
    operation, ``(op, key, api, attribution, code, offset, found, value, exc)``.
    """

    __slots__ = (
        "attr",
        "body_done",
        "breaks",
        "callbacks",
        "cap",
        "changed_widgets",
        "dead",
        "dropped",
        "events",
        "finished",
        "index",
        "last_miss",
        "last_whole",
        "miss_sites",
        "misses",
        "pending_cb",
        "preview_events",
        "preview_fps",
        "recorder",
        "rerun_data",
        "restore",
        "restore_applied",
        "restored_keys",
        "runner",
        "status",
        "t0",
        "wall0",
        "warnings",
    )

    def __init__(self, recorder: Any, index: int, rerun_data: Any, runner: Any) -> None:
        self.recorder = recorder
        self.events: list[RawEvent] = []
        self.attr = attribution.SCRIPT
        self.cap = recorder.options.max_events_per_rerun
        self.dropped = 0
        self.dead = False
        self.index = index
        self.t0 = time.perf_counter()
        self.wall0 = time.time()
        self.rerun_data = rerun_data
        self.runner = runner
        self.changed_widgets: list[str] = []
        self.callbacks: list[CallbackRun] = []
        self.status: str | None = None
        self.body_done = False
        self.last_whole: tuple[Any, int] | None = None
        #: (key, code, offset, api, attribution) of each failed lookup -> its Tally
        #: (the value slot of its one event): repeats are counted there
        self.misses: dict[tuple[Any, ...], Any] = {}
        #: (code, offset, api, attribution) of a line whose lookups failed -> the keys
        #: recorded there (a set, up to MISSED_KEYS_PER_LINE), then its MissesNotRecorded
        self.miss_sites: dict[tuple[Any, ...], Any] = {}
        #: (key, code, offset, attribution, events then, Tally, MissesNotRecorded or
        #: None) of the last failed ``ss[key]`` the app made: the same one again, with
        #: no event in between, is counted by the proxy without recording anything
        #: else; so is another key there once the line is past its budget
        self.last_miss: tuple[Any, ...] | None = None
        self.pending_cb: tuple[Any, str | None] | None = None
        self.finished = False
        self.preview_fps: dict[str, Any] | None = None
        self.preview_events: list[Event] = []
        self.warnings: list[RerunWarning] = []
        #: key -> source (None: any) under break_on(); empty for the common case
        self.breaks = recorder.debug.breakpoints
        #: a RestorePlan when this run restores an earlier state (recording/restore.py)
        self.restore: Any = None
        self.restore_applied = False
        self.restored_keys: set[str] = set()

    def push(self, event: RawEvent) -> None:
        """Append one event if the cap leaves room, else count it as dropped."""
        if len(self.events) < self.cap:
            self.events.append(event)
        else:
            self.dropped += 1

    def take_pending(self, pending: PendingEvents) -> None:
        """Start with the events that came while no run was going (and their drops)."""
        for event in pending.events:
            self.push(event)
        self.dropped += pending.dropped
        pending.clear()

    def start_callback(self, name: str, widget: str | None, timed: bool) -> tuple[Any, ...]:
        """A callback starts: its events get its attribution; ``timed`` ones (not the
        panel's) are listed with their duration. The token goes to ``end_callback``."""
        run = None
        if timed:
            run = CallbackRun(name, widget)
            self.callbacks.append(run)
        previous, self.attr = self.attr, attribution.callback(name, widget)
        return (self, previous, run, time.perf_counter())

    @staticmethod
    def end_callback(token: tuple[Any, ...]) -> None:
        buf, previous, run, t0 = token
        buf.attr = previous
        if run is not None:
            run.duration_ms = round((time.perf_counter() - t0) * 1000, 3)

    def end_body(self, rerun_requested: bool, uncaught_exception: bool, stopped: bool) -> None:
        """The script body is over: how it ended (``st.rerun()``, an exception, ``st.stop()``, or normally)."""
        if rerun_requested:
            self.status = "rerun_requested"
        elif uncaught_exception:
            self.status = "exception"
        elif stopped:
            self.status = "stopped"
        else:
            self.status = "ok"
        self.body_done = True

    def redact_preview(self, key: str, placeholder: str) -> None:
        """``key`` became secret: the panel's preview of this run shows none of its values."""
        for event in self.preview_events:
            if event.key == key and event.value is not None:
                event.value = placeholder

    def note_whole(self, api: str, frame: Any) -> None:
        while frame is not None and hooks._is_internal(frame.f_code):
            frame = frame.f_back
        site = (frame.f_code, frame.f_lasti) if frame is not None else (None, -1)
        if self.last_whole == site:
            return  # list(ss) calls __iter__ and __len__: one read
        self.last_whole = site
        self.push(("read", None, api, self.attr, site[0], site[1], None, hooks.NOVAL, None))

    def add(self, op: str, key: str | None, api: str, attr: Any, site: tuple[Any, int], found: Any, value: Any) -> None:
        if len(self.events) < self.cap:
            if value is not hooks.NOVAL and type(value) not in hooks._ATOMS:
                value = hooks.at_access(value)  # the value as it was now, not at the run's end
            self.events.append((op, key, api, attr, site[0], site[1], found, value, None))
        else:
            self.dropped += 1
