"""HOT PATH and run boundary: one session's recorder.

Stage: **record** → store. During a run, ``RunBuffer.note`` appends one small tuple
per session-state operation (no repr, no copy, no JSON; the code object and
instruction offset stand in for file:line). At the run boundary ``Recorder.finish``
turns the tuples into ``Event``s, fingerprints and diffs the state, explains
KeyErrors, stores the rerun and writes its trace line.

``internals/`` calls the ``on_*`` methods (the ``SessionListener`` Protocol in
internals/listener.py); every one of them runs inside the guard
there, so an exception here turns the debugger off for this session only.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from typing import Any

from . import attribution, controls, pitfalls
from . import internals as hooks
from .breakpoints import Breakpoints
from .config import REDACTED, Options
from .diff import StateTracker
from .explain import Explainer, failure_name
from .model import CallbackRun, Event, Rerun, RerunWarning
from .redact import Redactor, forget_reprs, summarize
from .store import SessionStore
from .timetravel import StateHistory
from .trace import TraceWriter, make_header

_is_internal = hooks._is_internal
NOVAL = hooks.NOVAL
_PENDING_CAP = 1000
_PANEL_IDS = 200
#: Appended to an event's value summary taken at the end of the rerun, not at the access.
AT_END = " (value at end of rerun)"


class RunBuffer:
    """The events of one script run, owned by its ScriptRunContext.

    ``hooks._record`` (the hot path) appends to ``events`` directly: one tuple per
    operation, ``(op, key, api, attribution, code, offset, found, value, exc)``.
    """

    __slots__ = (
        "recorder", "events", "attr", "cap", "dropped", "dead", "index", "t0", "wall0",
        "rerun_data", "runner", "changed_widgets", "callbacks", "status", "body_done",
        "last_whole", "pending_cb", "finished", "preview_fps", "preview_events", "warnings", "breaks",
        "restore", "restore_applied", "restored_keys",
    )

    def __init__(self, recorder: Recorder, index: int, rerun_data: Any, runner: Any) -> None:
        self.recorder = recorder
        self.events: list[tuple[Any, ...]] = []
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
        self.pending_cb: tuple[Any, str | None] | None = None
        self.finished = False
        self.preview_fps: dict[str, Any] | None = None
        self.preview_events: list[Event] = []
        self.warnings: list[RerunWarning] = []
        #: key -> source (None: any) under break_on(); empty for the common case
        self.breaks = recorder.breakpoints
        #: a RestorePlan when this run restores an earlier state (controls.py)
        self.restore: Any = None
        self.restore_applied = False
        self.restored_keys: set[str] = set()

    def note_whole(self, api: str, frame: Any) -> None:
        while frame is not None and _is_internal(frame.f_code):
            frame = frame.f_back
        site = (frame.f_code, frame.f_lasti) if frame is not None else (None, -1)
        if self.last_whole == site:
            return  # list(ss) calls __iter__ and __len__: one read
        self.last_whole = site
        if len(self.events) < self.cap:
            self.events.append(("read", None, api, self.attr, site[0], site[1], None, NOVAL, None))
        else:
            self.dropped += 1

    def add(self, op: str, key: str | None, api: str, attr: Any, site: tuple[Any, int], found: Any, value: Any) -> None:
        if len(self.events) < self.cap:
            if value is not NOVAL and type(value) not in hooks._ATOMS:
                value = hooks.at_access(value)  # the value as it was now, not at the run's end
            self.events.append((op, key, api, attr, site[0], site[1], found, value, None))
        else:
            self.dropped += 1


class _Warnings:
    """Collects the warnings of the cleanup to come (pitfalls builders take a buffer)."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.warnings: list[RerunWarning] = []


def _app_wrote_after_restore(buf: RunBuffer, key: str) -> bool:
    """Did the app write ``key`` after this run's restore set it?"""
    for raw in reversed(buf.events):
        if raw[1] == key and raw[0] == "write":
            return raw[3].source != "debugger"
    return False


class Recorder:
    """Everything the debugger keeps for one browser session."""

    def __init__(self, options: Options, inner: Any, ctx: Any) -> None:
        self.options = options
        self.inner = inner
        self.dead = False
        self.session = secrets.token_hex(4)
        self.redactor = Redactor(options.redact, options.safe_keys)
        self.store = SessionStore(options.max_reruns)
        self.tracker = StateTracker(
            self.redactor,
            value_chars=options.max_value_chars,
            snapshot_max_bytes=options.snapshot_max_bytes,
            key_budget_ms=options.key_budget_ms,
        )
        self.app_dir = hooks.main_script_dir(ctx)
        hooks.add_app_dir(self.app_dir)
        app_path = None
        try:
            app_path = os.path.relpath(ctx.pages_manager.main_script_path, os.getcwd())
        except Exception:
            pass
        self.header = make_header(
            session=self.session,
            app=app_path,
            redaction=options.redact,
            placeholder=REDACTED,
            max_reruns=options.max_reruns,
            max_events_per_rerun=options.max_events_per_rerun,
            value_chars=options.max_value_chars,
        )
        self.writer: TraceWriter | None = None
        #: why the trace file is not (or no longer) written; shown in the panel
        self.trace_problem: str | None = None
        if options.trace_dir:
            try:
                self.writer = TraceWriter(options.trace_dir, self.header)
            except OSError as exc:
                self._trace_failed(f"cannot create a trace file in {options.trace_dir}", exc)
        self.next_index = 1
        self.open_buffer: RunBuffer | None = None
        self.pending: list[tuple[Any, ...]] = []
        self.widgets: dict[str, dict[str, Any]] = {}
        #: the panel's widget ids seen lately, oldest first (a dict as an ordered set)
        self.internal_widget_ids: dict[str, None] = {}
        self.last_status: str | None = None
        self.last_page: str | None = None
        self.lock = threading.RLock()
        self._sites: dict[tuple[int, int], tuple[Any, str | None, int | None]] = {}
        # panel (sidebar.py): its widgets, fragment and pending requests. Whether
        # the panel is being drawn is per thread: a run Streamlit is stopping can
        # still be drawing its panel while the next run starts on a new thread.
        self._panel_thread = threading.local()
        self.panel_fragment_id: str | None = None
        self.panel_want: int | None = None
        self.panel_export = False
        self.view_cache: dict[int, dict[str, Any]] = {}
        self.paused = False
        #: reruns went unrecorded (paused) since the last recorded one: its diff says
        #: "changed while paused" for changes without an event (diff.StateTracker)
        self.missed_reruns = False
        #: a break was turned off after it stopped the app: the panel reruns the app
        self.rerun_app = False
        self.breakpoints: dict[str, str | None] = Breakpoints()
        self.watched: list[str] = []
        # time travel: every key's copies per rerun; the panel's restore request
        # (restore_want) becomes the next app rerun's restore (restore_pending)
        self.history = StateHistory(self.redactor.is_secret)
        self.restore_want: int | None = None
        self.restore_pending: int | None = None
        #: widget keys Streamlit refuses to set (buttons, uploaders) -> the widget
        self.no_write: dict[str, str] = {}
        #: KeyError explanations, with their caches (explain.Explainer)
        self.explainer = Explainer()
        self.explainer.widget_of = self.widget_function

    def widget_function(self, key: str) -> str | None:
        """The Streamlit function that made ``key``'s widget (``text_input``), for advice
        that depends on it (``persist_state=``); None when unknown."""
        wid = hooks.key_widget_id(self.inner, key)
        return (self.widgets.get(wid) or {}).get("widget") if wid else None

    @property
    def rendering_panel(self) -> bool:
        return getattr(self._panel_thread, "on", False)

    @rendering_panel.setter
    def rendering_panel(self, on: bool) -> None:
        self._panel_thread.on = on

    def is_panel_widget(self, inner: Any, widget_id: str) -> bool:
        """The panel's widgets by identity (its callback), never by when they came."""
        return widget_id in self.internal_widget_ids or hooks.is_panel_widget(inner, widget_id)

    def _note_panel_widget(self, widget_id: str) -> None:
        """Remember a panel widget id, newest last; the oldest go first (the panel's
        ids change with its data, two a render)."""
        ids = self.internal_widget_ids
        ids.pop(widget_id, None)
        ids[widget_id] = None
        while len(ids) > _PANEL_IDS:
            del ids[next(iter(ids))]

    # ------------------------------------------------------------------ lifecycle
    def shut_down(self, detach: bool = False) -> None:
        """Stop recording this session.

        After an internal error (``guard.trip``) the session keeps its subclass with
        this dead recorder, so the ``enable()`` at the top of the next run sees it
        and stays off; ``disable()`` detaches fully, and a later ``enable()`` starts
        afresh.
        """
        self.dead = True
        if detach:
            hooks.detach(self.inner)
        for buf in (self.open_buffer, self._sink()):
            if buf is not None:
                buf.dead = True
                buf.cap = 0  # the hot path then stores nothing
        ctx = hooks.current_ctx()
        if ctx is not None and hooks.run_buffer(ctx) is not None:
            hooks.set_run_buffer(ctx, None)
        if self.writer is not None:
            self.writer.close()

    def begin_run(self, ctx: Any, rerun_data: Any, runner: Any) -> RunBuffer | None:
        forget_reprs()  # each value's repr is taken at most once per rerun (redact._repr_once)
        with self.lock:
            if self.paused:  # st_state_debugger.pause(): the index moves on, nothing is kept
                if self.open_buffer is not None and not self.open_buffer.finished:
                    self.finish(self.open_buffer, None)
                self.next_index += 1
                self.missed_reruns = True
                self.pending.clear()
                self.restore_pending = None  # no restore while paused (the panel offers none)
                return None
            if self.open_buffer is not None and not self.open_buffer.finished:
                old = self.open_buffer
                old.status = old.status or "stopped"
                self.finish(old, None)
            buf = RunBuffer(self, self.next_index, rerun_data, runner)
            self.next_index += 1
            if self.pending:
                buf.events.extend(self.pending)
                self.pending.clear()
            self.open_buffer = buf
            hooks.set_run_buffer(ctx, buf)
            if self.restore_pending is not None:
                index, self.restore_pending = self.restore_pending, None
                controls.plan_restore(self, buf, index)
                if not hooks.applies_browser_values(rerun_data):
                    controls.apply_restore(self, buf)  # else once they are applied
            return buf

    def on_browser_values_applied(self, inner: Any) -> None:
        buf = self._sink()
        if buf is not None and buf.restore is not None:
            controls.apply_restore(self, buf)

    def refuses_writes(self, key: str) -> str | None:
        """Why Streamlit would refuse a value for ``key`` set through session state."""
        widget = self.no_write.get(key)
        return None if widget is None else f"Streamlit does not let a {widget}'s value be set through session state"

    def body_done(self, ctx: Any, result: tuple[Any, ...]) -> None:
        buf = hooks.run_buffer(ctx)
        if buf is None or buf.recorder is not self:
            return
        _, _, rerun_exception_data, premature_stop, uncaught_exception = result
        if rerun_exception_data is not None:
            buf.status = "rerun_requested"
        elif uncaught_exception is not None:
            buf.status = "exception"
        elif premature_stop:
            buf.status = "stopped"
        else:
            buf.status = "ok"
        buf.body_done = True
        if premature_stop:  # Streamlit skips on_script_finished: finish here
            self.finish(buf, ctx)

    def _sink(self) -> RunBuffer | None:
        ctx = hooks.current_ctx()
        buf = hooks.run_buffer(ctx) if ctx is not None else None
        return buf if buf is not None and buf.recorder is self else None

    def _add_outside(self, event: tuple[Any, ...]) -> None:
        if self.paused:
            return
        buf = self._sink()
        if buf is not None:
            buf.events.append(event) if len(buf.events) < buf.cap else None
        elif len(self.pending) < _PENDING_CAP:
            self.pending.append(event)

    # ------------------------------------------------------------------ H2 callbacks
    def on_widget_changed(self, inner: Any, widget_id: str) -> str | None:
        """A new value from the browser; returns a break_on() message to raise, if any."""
        buf = self._sink()
        if buf is None:
            return None
        buf.changed_widgets.append(widget_id)
        if self.is_panel_widget(inner, widget_id):
            self._note_panel_widget(widget_id)
            return None
        key = hooks.widget_key_of(inner, widget_id)
        if key is None:
            return None
        info = self.widgets.get(widget_id, {})
        attr = attribution.widget(key)
        stop = self.break_message(buf, key, info.get("code"), info.get("lasti", -1), attr) if buf.breaks else None
        if stop is None:  # a break takes the value back (hooks.drop_browser_value): no write
            buf.add("write", key, "browser", attr, (info.get("code"), info.get("lasti", -1)), None, hooks.widget_value(inner, widget_id))
        return stop

    def on_callback_pending(self, inner: Any, fn: Any, widget_id: str | None) -> None:
        if getattr(fn, "_ssd_panel", False) and widget_id is not None:
            self._note_panel_widget(widget_id)
            controls.take_request(self, hooks.widget_value(inner, widget_id))
        buf = self._sink()
        if buf is not None:
            buf.pending_cb = (fn, widget_id)

    def on_callback_start(self, inner: Any, run: Any) -> Any:
        buf = self._sink()
        if buf is None:
            return None
        fn, wid = hooks.callback_target(inner, run)
        if fn is None and buf.pending_cb is not None:
            fn, wid = buf.pending_cb
        buf.pending_cb = None
        widget = self._widget_name(inner, wid)
        name = hooks.callback_name(fn) if fn is not None else "callback"
        run = None
        if wid is None or wid not in self.internal_widget_ids:
            run = CallbackRun(name, widget)
            buf.callbacks.append(run)
        previous = buf.attr
        buf.attr = attribution.callback(name, widget)
        return (buf, previous, run, time.perf_counter())

    def on_callback_end(self, inner: Any, token: Any) -> None:
        if token is not None:
            buf, previous, run, t0 = token
            buf.attr = previous
            if run is not None:
                run.duration_ms = round((time.perf_counter() - t0) * 1000, 3)

    def on_widget_registered(self, inner: Any, widget_id: Any, user_key: Any, existed: bool, frame: Any) -> str | None:
        if widget_id is None:
            return
        if hooks.is_panel_widget(inner, widget_id):  # the panel's own widgets: never the app's
            self._note_panel_widget(widget_id)
            return
        info = self.widgets.get(widget_id)
        if info is None:
            info = hooks.widget_site(frame, widget_id)
            if len(self.widgets) < 10_000:
                self.widgets[widget_id] = info
        elif info.get("proto") == "TextInput" and not info.get("secret") and user_key is not None:
            # a keyed text box keeps its id when its type changes: look again
            info["secret"] = hooks.is_password_proto(hooks.widget_proto(frame, widget_id))
        if info.get("secret") and user_key is not None and self.redactor.active and user_key not in self.redactor.secret_keys:
            self.mark_secret(str(user_key))
        if user_key is None or existed or widget_id in self.internal_widget_ids:
            return
        if hooks.has_key_raw(inner, user_key, widget_id):
            value = hooks.raw_value(inner, user_key)
            buf = self._sink()
            if buf is not None:
                attr = attribution.streamlit(f"default value of new widget '{user_key}'", user_key)
                buf.add("write", user_key, "widget-default", attr, (info.get("code"), info.get("lasti", -1)), None, value)
        return None

    def mark_secret(self, key: str) -> None:
        """``key`` belongs to a password widget: redact it from now on, and redact
        what is already held about it (a value remembered under that key before the
        box first appeared): kept reruns, the running rerun's preview, summaries,
        time-travel copies and the panel's cached views. Trace lines already written
        are not rewritten (docs/security.md)."""
        was_secret = self.redactor.is_secret(key)
        self.redactor.secret_keys.add(key)
        if was_secret:
            return
        self.store.redact_key(key, REDACTED)
        self.tracker.forget_secret(key)
        self.history.forget(key)
        self.view_cache.clear()
        buf = self.open_buffer
        for event in buf.preview_events if buf is not None else ():
            if event.key == key and event.value is not None:
                event.value = REDACTED

    def on_streamlit_write(self, inner: Any, key: str, value: Any, reason: str) -> None:
        if type(value) not in hooks._ATOMS:
            value = hooks.at_access(value)  # as Streamlit set it, not as the run leaves it
        self._add_outside(("write", key, "streamlit", attribution.streamlit(reason, None), None, -1, None, value, None))

    def on_streamlit_delete(self, inner: Any, key: str, reason: str) -> None:
        self._add_outside(("delete", key, "streamlit", attribution.streamlit(reason, None), None, -1, True, NOVAL, None))

    def on_run_flag(self, inner: Any, ran_without_errors: bool) -> None:
        """The run enable() was first called in has ended (H3 did not wrap it)."""
        buf = self._sink()
        if buf is None or buf.body_done or buf.finished:
            return
        if not ran_without_errors:  # an uncaught exception: Streamlit skips on_script_finished
            buf.status = "exception"
            buf.body_done = True
            self.finish(buf, hooks.current_ctx())

    def on_widget_will_default(self, inner: Any, widget_id: Any, user_key: str, frame: Any) -> str | None:
        """A keyed widget is about to give its key its default value (the key is not in
        the state): the break_on() message, if that write hits one, else None."""
        buf = self._sink()
        if buf is None or not buf.breaks or self.rendering_panel or widget_id in self.internal_widget_ids:
            return None
        site = hooks.user_frame(frame)
        code, lasti = (site.f_code, site.f_lasti) if site is not None else (None, -1)
        attr = attribution.streamlit(f"default value of new widget '{user_key}'", user_key)
        return self.break_message(buf, user_key, code, lasti, attr)

    def break_message(self, buf: RunBuffer, key: Any, code: Any, lasti: int, attr: Any = None) -> str | None:
        """The StateBreakpoint message if this write (or delete), which has not
        happened yet, hits a breakpoint, else None."""
        key = key if type(key) is str else str(key)
        if key not in self.breakpoints:
            return None
        wanted = self.breakpoints[key]
        attr = attr or buf.attr
        if wanted is not None and attr.source != wanted:
            return None
        file, line = self._site(code, lasti)
        if attr.source == "callback":
            who = f"callback {attr.callback}()" + (f" of widget '{attr.widget_key}'" if attr.widget_key else "")
        elif attr.source == "widget":
            who = f"the browser (widget '{attr.widget_key}')"
        elif attr.source == "streamlit":
            who = f"Streamlit ({attr.reason})"
        else:
            who = attr.source
        message = (f"st_state_debugger: '{key}' is about to be changed by {who} at {file}:{line} (break_on({key!r}"
                   + (f", source={wanted!r}" if wanted else "") + ")); stopped before the change, which did not happen")
        if len(buf.warnings) < 50:  # the panel says why the run stopped, beside the app's error
            buf.warnings.append(RerunWarning("breakpoint", key, f"stopped by break on change: {message[19:]}", file, line))
        return message

    def note_refused_write(self, buf: RunBuffer, key: str, frame: Any, exc: BaseException) -> None:
        pitfalls.refused_write(self, buf, key, frame, exc)

    def on_widget_rules(self, inner: Any, default_value: Any, key: str, writes_allowed: bool, frame: Any) -> bool:
        """A keyed widget is being created (Streamlit checks its session-state rules).
        True when the key's session-state value is the debugger's restore alone: the
        app did not set it, so Streamlit's "value= and session state" warning is not its."""
        if self.rendering_panel:
            return False
        if not writes_allowed:
            if key not in self.no_write and len(self.no_write) < 10_000:
                self.no_write[key] = hooks.widget_site(frame).get("widget") or "widget"
            return False
        if default_value is None:
            return False
        buf = self._sink()
        if buf is None or not hooks.set_in_this_run(inner, key):
            return False
        if key in buf.restored_keys:
            return not _app_wrote_after_restore(buf, key)
        pitfalls.value_and_state(self, buf, key, hooks.user_frame(frame))
        return False

    def on_finish_start(self, inner: Any, remove_stale: bool) -> Any:
        return self._sink()

    def on_keys_before_cleanup(self, inner: Any) -> set[str]:
        return hooks.user_keys(inner)

    def on_cleanup_done(self, inner: Any, before: Any, active_ids: frozenset[str]) -> None:
        if before is None:
            return
        removed = before - hooks.user_keys(inner)
        if not removed:
            return
        buf = self._sink()
        if buf is None and self.paused:
            return
        for event, info in self._cleanup_events(inner, buf, removed, active_ids):
            if buf is not None:
                buf.events.append(event)
                if "not rendered" in event[3].reason:
                    pitfalls.widget_cleanup(self, buf, event[1], info)
            elif len(self.pending) < _PENDING_CAP:
                self.pending.append(event)

    def _cleanup_events(self, inner: Any, buf: Any, removed: set[str], active_ids: frozenset[str]) -> list[tuple[Any, dict[str, Any]]]:
        """Streamlit's end-of-run removals as delete events with their reason (used
        for the cleanup that happened and for the panel's view of the one to come)."""
        out = []
        ctx = hooks.current_ctx() if buf is not None and self.last_page is not None else None
        page_hash = hooks.page_of(ctx)[0] if ctx is not None else None
        # a page switch: the explanation advises persist_state="session", not "page"
        switched = " (page switch)" if page_hash is not None and page_hash != self.last_page else ""
        for key in sorted(removed):
            wid = hooks.key_widget_id(inner, key)
            info = self.widgets.get(wid, {}) if wid else {}
            if wid is not None and wid in active_ids:
                reason = f"page-scoped value of widget '{key}' dropped on a page switch"
            elif buf is not None:
                reason = f"widget '{key}' was not rendered in rerun {buf.index}{switched}"
            else:
                reason = f"widget '{key}' was not rendered on the new page (page switch)"
            out.append((("delete", key, "cleanup", attribution.streamlit(reason, key), info.get("code"), info.get("lasti", -1), True, NOVAL, None), info))
        return out

    def on_finish_end(self, inner: Any, buf: Any, remove_stale: bool) -> None:
        if buf is None or buf.finished:
            return
        if not buf.body_done:  # the run enable() was first called in
            buf.status = "ok" if remove_stale else "rerun_requested"
        self.finish(buf, hooks.current_ctx())

    # ------------------------------------------------------------------ run boundary
    def finish(self, buf: RunBuffer, ctx: Any) -> Rerun | None:
        with self.lock:
            if buf.finished:
                return None
            buf.finished = True
            if ctx is not None and hooks.run_buffer(ctx) is buf:
                hooks.set_run_buffer(ctx, None)
            if self.open_buffer is buf:
                self.open_buffer = None
            if self.dead:
                return None
            if attribution.panel_only(self, buf):
                # a panel action (select, export, pause, watch, break): no timeline
                # row; anything Streamlit did meanwhile goes to the next app rerun
                self.pending.extend(buf.events[:max(0, _PENDING_CAP - len(self.pending))])
                if self.next_index == buf.index + 1:
                    self.next_index = buf.index
                return None
            rerun = self._build(buf, ctx)
            if rerun.trigger.kind == "debugger" and not rerun.events and rerun.diff.empty:
                # the panel asked for data and only its fragment ran: not an app rerun
                if self.next_index == buf.index + 1:
                    self.next_index = buf.index
                return None
            self.store.add(rerun)
            self.missed_reruns = False
            self.last_status = rerun.status
            self._remember(rerun)
            if self.writer is not None:
                try:
                    # the reruns before this one, read only if the file must be rewritten
                    self.writer.write(rerun, (r for r in self.store.reruns if r is not rerun))
                except OSError as exc:
                    self._trace_failed(f"writing {self.writer.path} failed", exc)
            forget_reprs()  # release the objects the memo held
            return rerun

    def _remember(self, rerun: Rerun) -> None:
        """Keep the copies of what changed, for time travel."""
        d = rerun.diff
        self.history.record(rerun.index, d.added, d.changed, d.removed, self.tracker.fps)
        if self.store.overflow and rerun.index % 50 == 0:
            self.history.forget_before(self.store.reruns[0].index)

    def _trace_failed(self, what: str, exc: OSError) -> None:
        """Stop writing the trace file (recording goes on in memory) and say so once."""
        from .guard import LOGGER

        self.trace_problem = f"trace file not written: {what} ({exc.strerror or exc}); export from the panel instead"
        LOGGER.warning("st_state_debugger: %s", self.trace_problem)
        if self.writer is not None:
            try:
                self.writer.close()
            except OSError:
                pass
            self.writer = None

    def _build(self, buf: RunBuffer, ctx: Any, *, commit: bool = True, state: dict[str, Any] | None = None,
               coming: tuple[list[tuple[Any, ...]], list[RerunWarning]] = ([], [])) -> Rerun:
        """Turn a run's raw tuples into a Rerun. ``commit=False`` is the panel's
        preview of the running rerun: nothing is remembered for the next one;
        ``coming`` are the events and warnings of the end-of-run cleanup to come."""
        state = hooks.user_state(self.inner) if state is None else state
        raw_events = list(buf.events) + coming[0]
        written = {str(raw[1]) for raw in raw_events if raw[0] != "read" and raw[1] is not None and raw[6] is not False}
        written |= hooks.trigger_widget_keys(self.inner)  # Streamlit resets these itself
        diff = self.tracker.diff_run(state, written, commit=commit, reuse=buf.preview_fps if commit else None,
                                     after_pause=self.missed_reruns)
        # An event whose value is its key's end-of-run object has the summary the
        # tracker just made (summaries are taken at run end): reuse it.
        summaries = self.tracker.last_summaries
        known = {key: (value, summaries.get(key)) for key, value in state.items()}
        # Between the panel's preview and the end of the run no app code runs (only
        # Streamlit's cleanup, which removes keys and appends its events): the final
        # diff reuses the preview's fingerprints and its converted events.
        done = buf.preview_events if commit and len(buf.preview_events) <= len(raw_events) else []
        events = done + [self._event(seq, raw, known) for seq, raw in enumerate(raw_events) if seq >= len(done)]
        if not commit:
            buf.preview_fps = self.tracker.last_fps
            buf.preview_events = events[:len(buf.events)]
        page_hash, page_name = hooks.page_of(ctx) if ctx is not None else (None, None)
        trigger = attribution.trigger_of(self, buf, page_hash, page_name)
        if page_hash is not None and commit:
            self.last_page = page_hash
        failures = [(pos, raw[8]) for pos, raw in enumerate(raw_events) if raw[8] is not None]
        errors = self.explainer.explain_rerun(buf.index, events, failures, self.store, {*state, *diff.removed}) if failures else []
        return Rerun(
            index=buf.index,
            trigger=trigger,
            started_at=round(buf.wall0, 3),
            duration_ms=round((time.perf_counter() - buf.t0) * 1000, 3),
            status=buf.status or "ok",
            events=events,
            diff=diff,
            errors=errors,
            callbacks=buf.callbacks,
            warnings=list(buf.warnings) + coming[1] + (pitfalls.shared_objects(self, state) if commit else []),
            page=page_name,
            events_dropped=buf.dropped,
        )

    # ------------------------------------------------------------------ panel
    def after_body(self, ctx: Any, failed: bool = False, stopped: bool = False) -> None:
        """End of the script body (or of the fragments that ran, or an ``st.stop()``): show the panel."""
        if not self.options.panel or self.dead or self.rendering_panel:
            return
        if failed or stopped:
            buf = self._sink()
            if buf is not None:
                buf.status = "exception" if failed else "stopped"
        if not self.options.allow_remote and hooks.remote_ip(ctx) is not None:
            return  # a browser on another machine: no panel, no data
        from . import sidebar

        if hooks.fragment_ids_this_run(ctx):
            # A fragment-only run: the panel's own fragment reran itself (a panel
            # request), or the app's fragment ran alone, which leaves elements
            # outside it (the panel) as they are. Re-emitting the panel from inside
            # another fragment's run duplicates it in the page, so it refreshes on
            # the next full rerun; the trace has the fragment run at once.
            return
        import streamlit as st

        with st.sidebar:
            sidebar.panel_fragment()()

    def on_after_body_hook(self, inner: Any, ctx: Any) -> None:
        self.after_body(ctx)

    def render_panel_now(self, ctx: Any) -> None:
        """Inside the panel's fragment: build the bounded payload and mount it."""
        from . import sidebar

        self.panel_fragment_id = hooks.current_fragment_id() or self.panel_fragment_id
        if self.restore_want is not None or self.rerun_app:
            # a restore (the next app rerun applies it), or a break turned off after it
            # stopped the app (the app runs again): this panel run ends here
            if self.restore_want is not None:
                self.restore_pending, self.restore_want = self.restore_want, None
            self.rerun_app = False
            import streamlit as st

            st.rerun(scope="app")
        buf = self._sink()
        state = hooks.user_state(self.inner)
        preview = None
        if buf is not None and not buf.finished:
            panel_only = bool(buf.changed_widgets) and all(self.is_panel_widget(self.inner, w) for w in buf.changed_widgets)
            if not panel_only or buf.events:
                state, coming = self._after_cleanup(buf, ctx, state)
                preview = self._build(buf, ctx, commit=False, state=state, coming=coming)
        export = sidebar.export_file(self) if self.panel_export else None
        want, self.panel_want, self.panel_export = self.panel_want, None, False
        data = sidebar.build_payload(self, preview, state, want, export)
        self.rendering_panel = True
        try:
            sidebar.mount(data)
        finally:
            self.rendering_panel = False

    def _after_cleanup(self, buf: RunBuffer, ctx: Any, state: dict[str, Any]) -> tuple[dict[str, Any], tuple[list[Any], list[RerunWarning]]]:
        """The state, events and warnings of this run once Streamlit's end-of-run
        cleanup (trigger reset, removal of widgets not rendered) is done: the panel
        is drawn before it, so it shows the cleanup Streamlit's own code will do
        (``hooks.state_after_run_end``). After ``st.stop()`` or an uncaught exception
        Streamlit does none (a premature stop skips ``on_script_finished``)."""
        if buf.status in ("stopped", "exception"):
            return state, ([], [])
        dry = hooks.state_after_run_end(self.inner, ctx)
        if dry is None:
            return state, ([], [])
        after = hooks.user_state(dry)
        removed = set(state) - set(after)
        shared = getattr(ctx, "shared", None)
        active = frozenset(shared.widget_ids_this_run.snapshot() if shared is not None else ctx.widget_ids_this_run)
        holder = _Warnings(buf.index)
        events = []
        for event, info in self._cleanup_events(self.inner, buf, removed, active):
            events.append(event)
            if "not rendered" in event[3].reason:
                pitfalls.widget_cleanup(self, holder, event[1], info)
        return after, (events, holder.warnings)

    def _event(self, seq: int, raw: tuple[Any, ...], known: dict[str, tuple[Any, str | None]]) -> Event:
        op, key, api, attr, code, lasti, found, value, exc = raw
        if key is not None and type(key) is not str:
            key = str(key)  # as SessionStateProxy does; deferred off the hot path
        file, line = self._site(code, lasti)
        end = known.get(key) if key is not None else None
        at_end = type(value) is hooks.AtEnd
        if at_end or type(value) is hooks.Copied:
            value = value[0]
        if value is NOVAL or (exc is not None):
            text = None
        elif self.redactor.is_secret(key):
            text = REDACTED
        elif end is not None and end[0] is value and end[1] is not None:
            text = end[1]
        else:
            text = summarize(value, self.options.max_value_chars, self.redactor)
        if at_end and text is not None and text != REDACTED and not text.startswith("<unprintable "):
            # not copied at the access (too big, or not a builtin container): say so
            text += AT_END
        return Event(
            seq=seq, op=op, key=key, source=attr.source, file=file, line=line, value=text,
            # found: did a read find the key, or did a delete fail; not for writes
            found=found if op == "read" or (op == "delete" and found is False) else None, api=api,
            callback=attr.callback, widget_key=attr.widget_key, reason=attr.reason,
            error=failure_name(exc) if exc is not None else None,
        )

    def _site(self, code: Any, lasti: int) -> tuple[str | None, int | None]:
        """file:line of an instruction, cached by (id(code), offset): hashing a code
        object rehashes its bytecode (~0.7 µs), and this runs for every event. The
        entry keeps the code object, so an id is never mistaken for a newer one."""
        if code is None:
            return None, None
        key = (id(code), lasti)
        entry = self._sites.get(key)
        if entry is None or entry[0] is not code:
            path = code.co_filename
            if self.app_dir and path.startswith(self.app_dir + os.sep):
                path = os.path.relpath(path, self.app_dir)
            entry = (code, path, hooks.code_line(code, lasti))
            if len(self._sites) < 50_000:
                self._sites[key] = entry
        return entry[1], entry[2]

    def _widget_name(self, inner: Any, widget_id: str | None) -> str | None:
        if widget_id is None:
            return None
        key = hooks.widget_key_of(inner, widget_id)
        if key is not None:
            return key
        info = self.widgets.get(widget_id) or {}
        if info.get("label"):
            return f"{info.get('widget') or 'widget'} {info['label']!r}"
        return info.get("widget")
