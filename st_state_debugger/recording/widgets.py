"""The widget registry of one session: where each widget was made, which widgets are
the panel's, and which keys Streamlit refuses to set.

Stage: **record**. Filled as Streamlit registers widgets (``Recorder.on_widget_registered``),
read at the run boundary (trigger labels, cleanup reasons, advice) and by a restore.
"""

from __future__ import annotations

from typing import Any

from .. import internals as hooks
from ..internals.listener import CreationFrame

#: The panel's widget ids remembered (its ids change with its data, two a render):
#: a request from any of the last 20 renders still comes through, which covers the
#: reruns that can happen while a click travels. Streamlit walks every widget's
#: metadata in its end-of-run cleanup (twice per rerun with the panel's dry run),
#: so holding 100 renders' worth cost every rerun ~0.05 ms for nothing
PANEL_IDS = 40
#: Widgets remembered per session, and keys Streamlit refuses to set.
MAX_WIDGETS = 10_000


class WidgetRegistry:
    """Widget id -> where and what (``internals.widget_site``), for one session."""

    def __init__(self) -> None:
        self.widgets: dict[str, dict[str, Any]] = {}
        #: the panel's widget ids seen lately, oldest first (a dict as an ordered set)
        self.panel_ids: dict[str, None] = {}
        #: widget keys Streamlit refuses to set (buttons, uploaders) -> the widget
        self.no_write: dict[str, str] = {}

    def info(self, widget_id: str | None) -> dict[str, Any]:
        """What is known of ``widget_id`` (empty if nothing)."""
        return (self.widgets.get(widget_id) or {}) if widget_id is not None else {}

    def info_of_key(self, inner: Any, key: str) -> dict[str, Any]:
        """What is known of the widget holding ``key`` (empty if none)."""
        return self.info(hooks.key_widget_id(inner, key))

    def register(self, widget_id: str, user_key: Any, frame: CreationFrame) -> dict[str, Any]:
        """The entry of a widget being registered (created at ``frame``), made on first sight."""
        info = self.widgets.get(widget_id)
        if info is None:
            info = frame.widget_site(widget_id)
            if len(self.widgets) < MAX_WIDGETS:
                self.widgets[widget_id] = info
        elif info.get("proto") == "TextInput" and not info.get("secret") and user_key is not None:
            # a keyed text box keeps its id when its type changes: look again
            info["secret"] = frame.is_password(widget_id)
        return info

    def is_panel_widget(self, inner: Any, widget_id: str) -> bool:
        """The panel's widgets by identity (its callback), never by when they came."""
        return widget_id in self.panel_ids or hooks.is_panel_widget(inner, widget_id)

    def note_panel_widget(self, inner: Any, widget_id: str) -> None:
        """Remember a panel widget id, newest last. The oldest go first, and with them
        Streamlit's metadata of that widget (``internals.forget_panel_widget``): a
        request from a panel drawn :data:`PANEL_IDS` ids ago cannot come any more."""
        ids = self.panel_ids
        ids.pop(widget_id, None)
        ids[widget_id] = None
        while len(ids) > PANEL_IDS:
            old = next(iter(ids))
            del ids[old]
            hooks.forget_panel_widget(inner, old)

    def note_no_write(self, key: str, frame: CreationFrame) -> None:
        """Streamlit will refuse values for ``key`` (its widget, created at ``frame``, takes none)."""
        if key not in self.no_write and len(self.no_write) < MAX_WIDGETS:
            self.no_write[key] = frame.widget_site().get("widget") or "widget"

    def refuses_writes(self, key: str) -> str | None:
        """Why Streamlit would refuse a value for ``key`` set through session state."""
        widget = self.no_write.get(key)
        return None if widget is None else f"Streamlit does not let a {widget}'s value be set through session state"

    def name(self, widget_id: str | None, key: str | None) -> str | None:
        """How a callback's widget is named: its ``key``, else its kind and label."""
        if widget_id is None:
            return None
        if key is not None:
            return key
        info = self.info(widget_id)
        if info.get("label"):
            return f"{info.get('widget') or 'widget'} {info['label']!r}"
        return info.get("widget")
