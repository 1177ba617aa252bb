"""Streamlit's end-of-run cleanup as events: the widget keys it removed (or, for the
panel drawn before the run ends, the keys it is about to remove) with their reason.

Stage: **record**. Used by ``Recorder.on_cleanup_done`` (the cleanup that happened)
and by the panel's preview (the cleanup to come), so both say the same thing.
"""

from __future__ import annotations

from typing import Any

from .. import attribution, pitfalls
from .. import internals as hooks
from ..internals.values import NOVAL
from ..model import RerunWarning
from .build import SiteCache
from .event import ATTR, KEY, RawEvent
from .widgets import WidgetRegistry

#: A removal and what the registry knows of its widget.
Removal = tuple[RawEvent, dict[str, Any]]


class CleanupWarnings:
    """Collects the warnings of the cleanup to come (``pitfalls`` builders take any
    object with ``index`` and ``warnings``)."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.warnings: list[RerunWarning] = []


def cleanup_events(registry: WidgetRegistry, inner: Any, buf: Any, removed: set[str],
                   active_ids: frozenset[str], last_page: str | None) -> list[Removal]:
    """Streamlit's removals of ``removed`` as delete events with their reason.

    Args:
        buf: the run they end (None: no run is going, a page switch).
        active_ids: the widget ids rendered this run (a page-scoped value of one of
            them was dropped by a page switch).
        last_page: the page of the last recorded rerun (this run switched page if it differs).
    """
    ctx = hooks.current_ctx() if buf is not None and last_page is not None else None
    page_hash = hooks.page_of(ctx)[0] if ctx is not None else None
    # a page switch: the explanation advises persist_state="session", not "page"
    switched = " (page switch)" if page_hash is not None and page_hash != last_page else ""
    out = []
    for key in sorted(removed):
        wid = hooks.key_widget_id(inner, key)
        info = registry.info(wid)
        if wid is not None and wid in active_ids:
            reason = f"page-scoped value of widget '{key}' dropped on a page switch"
        elif buf is not None:
            reason = f"widget '{key}' was not rendered in rerun {buf.index}{switched}"
        else:
            reason = f"widget '{key}' was not rendered on the new page (page switch)"
        event = ("delete", key, "cleanup", attribution.streamlit(reason, key), info.get("code"),
                 info.get("lasti", -1), True, NOVAL, None)
        out.append((event, info))
    return out


def after_cleanup(registry: WidgetRegistry, sites: SiteCache, inner: Any, buf: Any, ctx: Any, state: dict[str, Any],
                  last_page: str | None) -> tuple[dict[str, Any], tuple[list[RawEvent], list[RerunWarning]]]:
    """The state, events and warnings of ``buf``'s run once Streamlit's end-of-run
    cleanup (trigger reset, removal of widgets not rendered) is done: the panel is
    drawn before it, so it shows the cleanup Streamlit's own code will do
    (``internals.state_after_run_end``). After ``st.stop()`` or an uncaught exception
    Streamlit does none (a premature stop skips ``on_script_finished``)."""
    if buf.status in ("stopped", "exception"):
        return state, ([], [])
    dry = hooks.state_after_run_end(inner, ctx)
    if dry is None:
        return state, ([], [])
    after = hooks.user_state(dry)
    removed = set(state) - set(after)
    shared = getattr(ctx, "shared", None)
    active = frozenset(shared.widget_ids_this_run.snapshot() if shared is not None else ctx.widget_ids_this_run)
    holder = CleanupWarnings(buf.index)
    removals = cleanup_events(registry, inner, buf, removed, active, last_page)
    warn_not_rendered(sites, holder, removals)
    return after, ([event for event, _ in removals], holder.warnings)


def warn_not_rendered(sites: SiteCache, target: Any, removals: list[Removal]) -> None:
    """A ``widget_cleanup`` warning on ``target`` for each key removed because its
    widget was not rendered."""
    for event, info in removals:
        if "not rendered" in event[ATTR].reason:
            pitfalls.widget_cleanup(sites, target, event[KEY], info)


def record_cleanup(registry: WidgetRegistry, sites: SiteCache, inner: Any, buf: Any, pending: Any,
                   removed: set[str], active_ids: frozenset[str], last_page: str | None) -> None:
    """Streamlit's cleanup removed ``removed``: their delete events go to the run
    ``buf`` (or, with no run going, to ``pending`` for the next one), with a warning
    for each widget that was not rendered."""
    removals = cleanup_events(registry, inner, buf, removed, active_ids, last_page)
    for event, _ in removals:
        (buf or pending).push(event)
    if buf is not None:
        warn_not_rendered(sites, buf, removals)
