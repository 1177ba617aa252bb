"""One session's recorder: the run lifecycle and the widget registry.

Stage: **record** → store. During a run the hot path appends one raw tuple per
session-state operation to the run's ``RunBuffer`` (``recording/``: no repr, no
copy, no JSON; the code object and instruction offset stand in for file:line). At
the run boundary ``Recorder.finish`` gathers what Streamlit knows (state, page,
trigger) and hands it to the pure ``recording.build.build_rerun``; the session's
``DebugSession`` stores the rerun, keeps its time-travel copies and writes its trace line.

``internals/`` tells the recorder what Streamlit did through the typed
``SessionListener`` Protocol (internals/listener.py), with values already decoded,
inside the guard: an exception here turns the debugger off for this session only.
What widgets and callbacks tell it is ``recording/widget_events.py`` (a base class),
break checks ``recording/breaks.py``, restores ``recording/restore.py``, Streamlit's
cleanup ``recording/cleanup.py``.
"""

from __future__ import annotations

import os
import secrets
import threading
from typing import TYPE_CHECKING, Any

from . import attribution, pitfalls
from . import internals as hooks
from .config import Options
from .explain import Explainer
from .guard import LOGGER
from .internals.listener import SessionListener
from .model import Rerun, RerunWarning
from .recording import cleanup, restore
from .recording.buffer import PendingEvents, RunBuffer
from .recording.build import Describe, RunFacts, SiteCache, build_rerun
from .recording.debug_session import DebugSession
from .recording.event import RawEvent
from .recording.widget_events import WidgetEvents
from .recording.widgets import WidgetRegistry
from .redact import Redactor, forget_reprs

NOVAL = hooks.NOVAL
__all__ = ["Recorder", "RunBuffer"]


def _app_path(ctx: Any) -> str | None:
    """The main script's path, relative to the working directory (the trace header's ``app``)."""
    try:
        return os.path.relpath(ctx.pages_manager.main_script_path, os.getcwd())
    except Exception as exc:  # noqa: BLE001 - a missing main script path only leaves the header's app empty
        LOGGER.debug("st_state_debugger: no main script path (%s)", exc)
        return None


class Recorder(WidgetEvents):
    """One browser session's run lifecycle (its widgets' events are ``WidgetEvents``);
    what it keeps and the user's controls are its ``debug`` (``recording.debug_session.DebugSession``)."""

    def __init__(self, options: Options, inner: Any, ctx: Any) -> None:
        self.options = options
        self.inner = inner
        self.dead = False
        self.session = secrets.token_hex(4)
        self.redactor = Redactor(options.redact, options.safe_keys)
        self.app_dir = hooks.main_script_dir(ctx)
        hooks.add_app_dir(self.app_dir)
        self.debug = DebugSession.open(options, self.redactor, self.session, _app_path(ctx))
        self.next_index = 1
        self.open_buffer: RunBuffer | None = None
        self.pending = PendingEvents()
        self.registry = WidgetRegistry()
        self.internal_widget_ids = self.registry.panel_ids
        self.last_status: str | None = None
        self.last_page: str | None = None
        self.lock = threading.RLock()
        self.sites = SiteCache(self.app_dir)
        self.describe = Describe(self.sites, self.redactor, options.max_value_chars)
        # panel (sidebar.py): its fragment and cached views. Whether the panel is
        # being drawn is per thread: a run Streamlit is stopping can still be
        # drawing its panel while the next run starts on a new thread.
        self._panel_thread = threading.local()
        self.panel_fragment_id: str | None = None
        self.view_cache: dict[int, dict[str, Any]] = {}
        #: reruns went unrecorded (paused) since the last recorded one: its diff says
        #: "changed while paused" for changes without an event (diff.StateTracker)
        self.missed_reruns = False
        #: the panel's restore request (debug.restore_want) becomes the next app rerun's restore
        self.restore_pending: int | None = None
        #: KeyError explanations, with their caches (explain.Explainer)
        self.explainer = Explainer()
        self.explainer.widget_of = self.widget_function

    # ------------------------------------------------------------------ lifecycle
    def shut_down(self, detach: bool = False) -> None:
        """Stop recording this session. After an internal error (``guard.trip``) the
        session keeps its subclass with this dead recorder, so the next run's
        ``enable()`` stays off; ``disable()`` detaches fully (a later ``enable()`` starts afresh)."""
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
        if self.debug.writer is not None:
            self.debug.writer.close()

    def begin_run(self, ctx: Any, rerun_data: Any, runner: Any) -> RunBuffer | None:
        forget_reprs()  # each value's repr is taken at most once per rerun (redact._repr_once)
        with self.lock:
            if self.debug.paused:  # st_state_debugger.pause(): the index moves on, nothing is kept
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
                buf.take_pending(self.pending)
            self.open_buffer = buf
            hooks.set_run_buffer(ctx, buf)
            if self.restore_pending is not None:
                index, self.restore_pending = self.restore_pending, None
                restore.start(self.debug.history, self.registry, self.inner, buf, index, rerun_data)
            return buf

    def body_done(self, ctx: Any, result: tuple[Any, ...]) -> None:
        buf = hooks.run_buffer(ctx)
        if buf is None or buf.recorder is not self:
            return
        _, _, rerun_exception_data, premature_stop, uncaught_exception = result
        buf.end_body(rerun_exception_data is not None, uncaught_exception is not None, premature_stop)
        if premature_stop:  # Streamlit skips on_script_finished: finish here
            self.finish(buf, ctx)

    def _add_outside(self, event: RawEvent) -> None:
        if self.debug.paused:
            return
        buf = self._sink()
        if buf is not None:
            buf.push(event)
        else:
            self.pending.push(event)

    # ------------------------------------------------------------------ the listener (internals.listener)
    def on_browser_values_applied(self) -> None:
        restore.values_applied(self.registry, self.inner, self._sink())

    def on_streamlit_write(self, key: str, value: Any, reason: str) -> None:
        if type(value) not in hooks._ATOMS:
            value = hooks.at_access(value)  # as Streamlit set it, not as the run leaves it
        self._add_outside(("write", key, "streamlit", attribution.streamlit(reason, None), None, -1, None, value, None))

    def on_streamlit_delete(self, key: str, reason: str) -> None:
        self._add_outside(("delete", key, "streamlit", attribution.streamlit(reason, None), None, -1, True, NOVAL, None))

    def on_run_flag(self, ran_without_errors: bool) -> None:
        """The run enable() was first called in has ended (H3 did not wrap it)."""
        buf = self._sink()
        if buf is None or buf.body_done or buf.finished:
            return
        if not ran_without_errors:  # an uncaught exception: Streamlit skips on_script_finished
            buf.status = "exception"
            buf.body_done = True
            self.finish(buf, hooks.current_ctx())

    def on_finish_start(self, remove_stale: bool) -> Any:
        return self._sink()

    def on_cleanup_done(self, removed: set[str], active_ids: frozenset[str]) -> None:
        buf = self._sink() if removed else None
        if removed and (buf is not None or not self.debug.paused):
            cleanup.record_cleanup(self.registry, self.sites, self.inner, buf, self.pending, removed, active_ids,
                                   self.last_page)

    def on_finish_end(self, token: Any, remove_stale: bool) -> None:
        buf = token
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
                self.pending.keep(buf.events, buf.dropped)
                if self.next_index == buf.index + 1:
                    self.next_index = buf.index
                return None
            rerun = self._build(buf, ctx)
            if rerun.trigger.kind == "debugger" and not rerun.events and rerun.diff.empty:
                # the panel asked for data and only its fragment ran: not an app rerun
                if self.next_index == buf.index + 1:
                    self.next_index = buf.index
                return None
            self.debug.keep(rerun)
            self.missed_reruns = False
            self.last_status = rerun.status
            forget_reprs()  # release the objects the memo held
            return rerun

    def _build(self, buf: RunBuffer, ctx: Any, *, commit: bool = True, state: dict[str, Any] | None = None,
               coming: tuple[list[RawEvent], list[RerunWarning]] = ([], [])) -> Rerun:
        """Gather what ``build_rerun`` needs from Streamlit and this session, and build.
        ``commit=False`` is the panel's preview of the running rerun: nothing is
        remembered for the next one; ``coming`` are the events and warnings of the
        end-of-run cleanup to come."""
        state = hooks.user_state(self.inner) if state is None else state
        raw_events = list(buf.events) + coming[0]
        page_hash, page_name = hooks.page_of(ctx) if ctx is not None else (None, None)
        trigger = attribution.trigger_of(self, buf, page_hash, page_name)
        if page_hash is not None and commit:
            self.last_page = page_hash
        warnings = list(buf.warnings) + coming[1] + (pitfalls.shared_objects(self, state) if commit else [])
        run = RunFacts(index=buf.index, trigger=trigger, status=buf.status or "ok", t0=buf.t0, wall0=buf.wall0,
                       page=page_name, callbacks=buf.callbacks, warnings=warnings, dropped=buf.dropped)
        # Between the panel's preview and the end of the run no app code runs (only
        # Streamlit's cleanup, which removes keys and appends its events): the final
        # diff reuses the preview's fingerprints and its converted events.
        rerun = build_rerun(raw_events, state, self.debug.tracker, self.debug.store, run, self.describe, self.explainer,
                            written_extra=hooks.trigger_widget_keys(self.inner),  # Streamlit resets these itself
                            commit=commit, reuse=buf.preview_fps if commit else None, after_pause=self.missed_reruns,
                            done=buf.preview_events if commit else ())
        if not commit:
            buf.preview_fps = self.debug.tracker.last_fps
            buf.preview_events = rerun.events[:len(buf.events)]
        pitfalls.rerun_loop(self, rerun, ctx, commit)  # a rerun loop named once (loops.py)
        return rerun

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
        if hooks.fragment_ids_this_run(ctx):
            # A fragment-only run: the panel's own fragment reran itself (a panel
            # request), or the app's fragment ran alone, which leaves elements
            # outside it (the panel) as they are. Re-emitting the panel from inside
            # another fragment's run duplicates it in the page, so it refreshes on
            # the next full rerun; the trace has the fragment run at once.
            return
        from . import sidebar  # render: imported when the panel is drawn, never by the record stage

        sidebar.show()

    def render_panel_now(self, ctx: Any) -> None:
        """Inside the panel's fragment: build the bounded payload and mount it."""
        from . import sidebar

        self.panel_fragment_id = hooks.current_fragment_id() or self.panel_fragment_id
        if self.debug.restore_want is not None or self.debug.rerun_app:
            # a restore (the next app rerun applies it), or a break turned off after it
            # stopped the app (the app runs again): this panel run ends here
            if self.debug.restore_want is not None:
                self.restore_pending, self.debug.restore_want = self.debug.restore_want, None
            self.debug.rerun_app = False
            sidebar.rerun_app()
        buf = self._sink()
        state = hooks.user_state(self.inner)
        preview = None
        if buf is not None and not buf.finished:
            panel_only = bool(buf.changed_widgets) and all(self.is_panel_widget(self.inner, w) for w in buf.changed_widgets)
            if not panel_only or buf.events:
                state, coming = self._after_cleanup(buf, ctx, state)
                preview = self._build(buf, ctx, commit=False, state=state, coming=coming)
        sidebar.draw(self, preview, state)

    def _after_cleanup(self, buf: RunBuffer, ctx: Any, state: dict[str, Any]) -> tuple[dict[str, Any], tuple[list[Any], list[RerunWarning]]]:
        """This run's state, events and warnings once Streamlit's cleanup to come is done (``cleanup.after_cleanup``)."""
        return cleanup.after_cleanup(self.registry, self.sites, self.inner, buf, ctx, state, self.last_page)


if TYPE_CHECKING:  # the type checker holds the recorder to the hooks' contract
    _LISTENER: type[SessionListener] = Recorder
