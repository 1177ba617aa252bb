"""Who did it: the source of each operation and the trigger of each rerun.

Stage: **record**. An ``Attribution`` is shared by every event of one phase (the
script body, one callback, one cleanup), so the hot path stores a reference, not a
new object. The trigger is decided once per rerun, at its end, from what the hooks
saw: the ``RerunData``, the widgets whose value changed, the page, and how the
previous rerun ended.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from . import internals as hooks
from .model import Trigger

if TYPE_CHECKING:  # the buffer holds Attributions: type-only imports, no cycle at run time
    from .recording.buffer import RunBuffer
    from .recording.debug_session import DebugSession
    from .recording.widgets import WidgetRegistry


class Attribution:
    __slots__ = ("callback", "reason", "source", "widget_key")

    def __init__(self, source: str, callback: str | None = None, widget_key: str | None = None, reason: str | None = None) -> None:
        self.source = source
        self.callback = callback
        self.widget_key = widget_key
        self.reason = reason


SCRIPT = Attribution("script")


def callback(name: str, widget: str | None) -> Attribution:
    return Attribution("callback", callback=name, widget_key=widget)


def widget(key: str) -> Attribution:
    return Attribution("widget", widget_key=key)


def streamlit(reason: str, key: str | None) -> Attribution:
    return Attribution("streamlit", widget_key=key, reason=reason)


def debugger(reason: str) -> Attribution:
    """The debugger itself wrote (a restore from the panel)."""
    return Attribution("debugger", reason=reason)


class SessionSeen(Protocol):
    """What the trigger needs of the session's recorder besides the run itself."""

    inner: Any  # the session's SessionState
    registry: WidgetRegistry  # widget id -> where and what
    debug: DebugSession  # its store: is this the session's first rerun?
    panel_fragment_id: str | None
    last_page: str | None
    last_status: str | None

    def is_panel_widget(self, inner: Any, widget_id: str) -> bool: ...


def trigger_of(recorder: SessionSeen, buf: RunBuffer, page_hash: str | None, page_name: str | None) -> Trigger:
    """Label what started ``buf``'s run, in priority order:
    restore > fragment > page switch > form submit / widget > debugger panel > st.rerun > other."""
    rerun_data = buf.rerun_data
    inner = recorder.inner
    plan = buf.restore
    if plan is not None:
        detail = f"{len(plan.writes)} set, {len(plan.deletes)} removed, {len(plan.skipped)} left as they are"
        return Trigger("restore", page=page_name, detail=detail, restored_from=plan.source)
    if buf.index == 1 and recorder.debug.store.latest() is None and not buf.changed_widgets:
        return Trigger("initial", page=page_name)
    widget_ids = [w for w in buf.changed_widgets if not recorder.is_panel_widget(inner, w)]
    trigger_ids = [w for w in widget_ids if hooks.is_trigger_widget(inner, w)]
    chosen = (trigger_ids or widget_ids or [None])[-1]
    info = recorder.registry.info(chosen)
    key = hooks.widget_key_of(inner, chosen) if chosen else None
    fragment_queue = list(getattr(rerun_data, "fragment_id_queue", None) or [])
    if fragment_queue and fragment_queue[0] == recorder.panel_fragment_id and not widget_ids:
        return Trigger("debugger", detail="the debugger panel asked for data")
    if fragment_queue:
        name = hooks.fragment_name(buf.runner, fragment_queue[0]) if buf.runner is not None else None
        return Trigger("fragment", widget_key=key, widget=info.get("widget"), label=info.get("label"), fragment=name, page=page_name)
    if page_hash is not None and recorder.last_page is not None and page_hash != recorder.last_page:
        return Trigger("page", page=page_name)
    if chosen is not None:
        if info.get("form"):
            return Trigger("form_submit", widget_key=key, widget=info.get("widget"), label=info.get("label"), form=info["form"])
        return Trigger("widget", widget_key=key, widget=info.get("widget"), label=info.get("label"))
    if buf.changed_widgets:
        return Trigger("debugger", detail="the debugger panel asked for data")
    if recorder.last_status == "rerun_requested" or (rerun_data is not None and getattr(rerun_data, "widget_states", None) is None):
        return Trigger("rerun")
    return Trigger("rerun", detail="no widget changed")


def panel_only(recorder: SessionSeen, buf: RunBuffer) -> bool:
    """Whether ``buf``'s run is the panel's alone: Streamlit reran only the panel's
    own fragment, and every widget that changed is the panel's (identity, see
    ``Recorder.is_panel_widget``). Such a run is never an app rerun."""
    queue = list(getattr(buf.rerun_data, "fragment_id_queue", None) or [])
    if not queue or recorder.panel_fragment_id is None or any(f != recorder.panel_fragment_id for f in queue):
        return False
    return all(recorder.is_panel_widget(recorder.inner, w) for w in buf.changed_widgets)
