"""What one browser session keeps besides the run lifecycle: the store, the tracker,
the time-travel copies, the trace writer and the user's controls.

Stage: record → **store**. The recorder owns one ``DebugSession``; the panel's
requests (``panel/requests.py``) and the public ``pause()``/``watch()``/``break_on()``
change only this object, never the recorder.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass, field
from typing import Any

from ..breakpoints import Breakpoints
from ..config import REDACTED, Options
from ..diff import StateTracker
from ..guard import LOGGER
from ..model import Rerun
from ..redact import Redactor
from ..store import SessionStore
from ..timetravel import StateHistory
from ..trace import TraceWriter, make_header


@dataclass
class DebugSession:
    """One session's kept data and the user's controls over it."""

    store: SessionStore
    tracker: StateTracker
    history: StateHistory
    #: the trace header (session, app, redaction, limits): the file's first line and the export's
    header: dict[str, Any] = field(default_factory=dict)
    writer: TraceWriter | None = None
    #: why the trace file is not (or no longer) written; shown in the panel
    trace_problem: str | None = None
    # the user's controls
    paused: bool = False
    breakpoints: Breakpoints = field(default_factory=Breakpoints)
    watched: list[str] = field(default_factory=list)
    # panel requests the panel's next draw (or the next app rerun) acts on
    panel_want: int | None = None
    panel_export: bool = False
    #: the rerun whose state the next app rerun restores (the panel's restore button)
    restore_want: int | None = None
    #: a break was turned off after it stopped the app: the panel reruns the app
    rerun_app: bool = False
    #: the panel's "open in a tab": its next draw starts (or finds) the inspector
    inspect_want: bool = False

    @classmethod
    def open(cls, options: Options, redactor: Redactor, session: str, app_path: str | None) -> DebugSession:
        """A new session's store, tracker, history and trace file (if ``options.trace_dir``)."""
        tracker = StateTracker(redactor, value_chars=options.max_value_chars,
                               snapshot_max_bytes=options.snapshot_max_bytes, key_budget_ms=options.key_budget_ms)
        header = make_header(session=session, app=app_path, redaction=options.redact, placeholder=REDACTED,
                             max_reruns=options.max_reruns, max_events_per_rerun=options.max_events_per_rerun,
                             value_chars=options.max_value_chars)
        debug = cls(SessionStore(options.max_reruns), tracker, StateHistory(redactor.is_secret), header=header)
        if options.trace_dir:
            try:
                debug.writer = TraceWriter(options.trace_dir, header)
            except OSError as exc:
                debug.stop_trace(f"cannot create a trace file in {options.trace_dir}", exc)
        return debug

    def forget_secret(self, key: str) -> None:
        """``key`` just became secret: redact what the store, the tracker and the
        time-travel copies hold of it."""
        self.store.redact_key(key, REDACTED)
        self.tracker.forget_secret(key)
        self.history.forget(key)

    def keep(self, rerun: Rerun) -> None:
        """Store a finished rerun, keep the copies of what changed (time travel) and
        append it to the trace file."""
        self.store.add(rerun)
        d = rerun.diff
        self.history.record(rerun.index, d.added, d.changed, d.removed, self.tracker.fps)
        if self.store.overflow and rerun.index % 50 == 0:
            self.history.forget_before(self.store.reruns[0].index)
        if self.writer is not None:
            try:
                # the reruns before this one, read only if the file must be rewritten
                self.writer.write(rerun, (r for r in self.store.reruns if r is not rerun))
            except OSError as exc:
                self.stop_trace(f"writing {self.writer.path} failed", exc)

    def trace_path(self) -> str:
        """The path of this session's trace file, started on demand when it has none
        (no ``trace_dir``, or writing it failed): in a private temporary directory
        (mode 0700, removed at interpreter exit), with the header and the reruns kept
        so far; :meth:`keep` appends each later rerun as usual.

        Raises:
            OSError: the temporary file cannot be written.
        """
        if self.writer is not None:
            return self.writer.path
        directory = tempfile.mkdtemp(prefix="st_state_debugger-")  # mode 0700: this user's only
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
        writer = TraceWriter(directory, self.header)
        for rerun in list(self.store.reruns):
            writer.write(rerun)
        self.writer = writer
        return writer.path

    def stop_trace(self, what: str, exc: OSError) -> None:
        """Stop writing the trace file (recording goes on in memory) and say so once."""
        self.trace_problem = f"trace file not written: {what} ({exc.strerror or exc}); export from the panel instead"
        LOGGER.warning("st_state_debugger: %s", self.trace_problem)
        if self.writer is not None:
            try:
                self.writer.close()
            except OSError as close_exc:
                LOGGER.debug("st_state_debugger: closing the trace file failed too (%s)", close_exc)
            self.writer = None
