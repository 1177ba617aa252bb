"""The live panel's side of the session: what the panel shows, read from the recorder.

Stage: store → **render**. After the script body (so it shows the rerun that just
ran), the panel is mounted inside a fragment of its own in the sidebar
(``panel.host``). Its requests (an older rerun's details, an export, pause, watch,
break, open in a tab) therefore rerun only that fragment: the app's script never runs because of
the debugger, except for a restore, which asks for one app rerun (``recording/restore.py``).
This module is the narrow function the recorder calls: it reads the session into a
:class:`~st_state_debugger.panel.view.LiveStatus` and hands it to the one view-model
builder (``panel.view.build_panel_data``), which the trace viewer uses too.
"""

from __future__ import annotations

import time
from typing import Any

from . import internals as hooks
from .guard import trip
from .model import Rerun
from .panel import host, wire
from .panel.requests import PanelRequest
from .panel.view import LiveStatus, build_panel_data
from .timetravel import RESTORE_NOTE
from .trace import dumps_trace


def draw(recorder: Any, preview: Rerun | None, state: dict[str, Any]) -> None:
    """Inside the panel's fragment: take the pending requests (the rerun asked for,
    an export), build the payload and mount it. While the panel mounts, the
    recorder knows its widgets are the panel's (``rendering_panel``)."""
    export = export_file(recorder) if recorder.debug.panel_export else None
    want, recorder.debug.panel_want, recorder.debug.panel_export = recorder.debug.panel_want, None, False
    inspector = open_inspector(recorder) if recorder.debug.inspect_want else None
    data = build_payload(recorder, preview, state, want, export, inspector)
    payload = wire.encode(wire.held_for(recorder), data, want)  # only what changed (panel/wire.py)
    recorder.rendering_panel = True
    try:
        mount(wire.pack(payload))
    finally:
        recorder.rendering_panel = False


def build_payload(recorder: Any, preview: Rerun | None, state: dict[str, Any], want: int | None, export: dict[str, str] | None,
                  inspector: dict[str, str | None] | None = None) -> dict[str, Any]:
    """The ``PanelData`` for one render of the live panel."""
    return build_panel_data(list(recorder.debug.store.reruns), live_status(recorder, preview, state, export, inspector),
                            PanelRequest(rerun=want))


def open_inspector(recorder: Any) -> dict[str, str | None]:
    """The panel asked for "open in a tab": the URL of the inspector following this
    session's trace (started on demand, ``inspector.py``), or why there is none. Its
    failure is shown in the panel as text; it never breaks the app or the panel."""
    recorder.debug.inspect_want = False
    try:
        from . import inspector

        return {"url": inspector.open_for(recorder.debug.trace_path()), "error": None}
    except Exception as exc:  # noqa: BLE001 - the inspector's failure is the panel's text, nothing more
        return {"url": None, "error": f"the inspector did not open: {exc}"}


def live_status(recorder: Any, preview: Rerun | None, state: dict[str, Any], export: dict[str, str] | None,
                inspector: dict[str, str | None] | None = None) -> LiveStatus:
    """The session as the view needs it (the view never reads the recorder)."""
    return LiveStatus(
        session_label=recorder.session, state=state, summaries=recorder.debug.tracker.last_summaries,
        redactor=recorder.redactor, overflow=recorder.debug.store.overflow, paused=recorder.debug.paused,
        preview=preview, notices=_notices(recorder), watched=recorder.debug.watched,
        breakpoints=recorder.debug.breakpoints, slowest=recorder.debug.store.slowest, export=export,
        restore_note=RESTORE_NOTE, max_chars=recorder.options.max_value_chars, cache=recorder.view_cache,
        inspector=inspector,
    )


def _notices(recorder: Any) -> list[str]:
    notices = [recorder.debug.trace_problem] if recorder.debug.trace_problem else []
    sampled = sorted(recorder.debug.tracker.sampled_keys, key=str)
    if sampled:
        shown = ", ".join(sampled[:8]) + (f" and {len(sampled) - 8} more" if len(sampled) > 8 else "")
        notices.append(
            f"checked by sampling (too big to check fully every rerun): {shown}; "
            "an edit to an unsampled item of these can be missed"
        )
    return notices


def export_file(recorder: Any) -> dict[str, str]:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    content = dumps_trace(recorder.debug.header, list(recorder.debug.store.reruns)).decode("utf-8")
    return {"filename": f"st_state_debugger-{recorder.session}-{stamp}.jsonl", "content": content}


# --------------------------------------------------------------------------- mounting
def _panel_fragment_body() -> None:
    """The panel's own fragment: rebuilt on every run and on the panel's requests."""
    ctx = hooks.current_ctx()
    recorder = hooks.recorder_of(hooks.inner_state(ctx)) if ctx is not None else None
    if recorder is None or recorder.dead:
        return
    try:
        recorder.render_panel_now(ctx)
    except Exception as err:  # noqa: BLE001 - the panel's own failure: off for this session, app untouched
        trip(recorder, "panel", err)


def panel_fragment() -> Any:
    return host.fragment(_panel_fragment_body)


def show() -> None:
    """After the script body: the panel's fragment in the sidebar."""
    host.show_in_sidebar(_panel_fragment_body)


def rerun_app() -> None:
    """A restore or a lifted break: the app runs again (``host.rerun_app``)."""
    host.rerun_app()


def mount(data: dict[str, Any]) -> None:
    """Mount the component with ``data`` (called inside the panel fragment)."""
    host.mount(data)
