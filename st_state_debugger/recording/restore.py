"""Restore orchestration at the run: when the panel's restore request is planned and applied.

Stage: store → **record** (the way back). The panel's restore button leaves the
rerun to restore in ``DebugSession.restore_want``; the panel's draw hands it to the
recorder (``Recorder.restore_pending``), and the next app rerun plans it
(``timetravel.StateHistory.plan``) as it starts and applies it (:func:`apply_restore`)
once Streamlit has applied the browser's widget values, before the script body, as
writes and deletes with source ``debugger``: no widget of that run exists yet, so
Streamlit accepts values for widget keys.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from .. import attribution
from .. import internals as hooks
from ..model import RerunWarning
from ..pitfalls import add_warning
from ..timetravel import StateHistory, never_restorable
from .buffer import RunBuffer
from .widgets import WidgetRegistry


def start(history: StateHistory, registry: WidgetRegistry, inner: Any, buf: RunBuffer, index: int,
          rerun_data: Any) -> None:
    """Plan the restore of rerun ``index`` for the run ``buf`` that starts now; apply
    it at once when this run applies no browser values (``st.rerun()``)."""
    buf.restore = history.plan(index, hooks.user_keys(inner), registry.refuses_writes)
    if not hooks.applies_browser_values(rerun_data):
        apply_restore(inner, buf, registry.no_write)  # else once they are applied


def values_applied(registry: WidgetRegistry, inner: Any, buf: RunBuffer | None) -> None:
    """The run's browser values are applied: a planned restore lands now."""
    if buf is not None and buf.restore is not None:
        apply_restore(inner, buf, registry.no_write)


def apply_restore(inner: MutableMapping[str, Any], buf: RunBuffer, no_write: dict[str, str]) -> None:
    """Write the planned values and delete the keys added since, recording each as an
    event of source ``debugger``. Called once the run's browser values are applied
    and before the script body, so no widget of this run exists yet."""
    plan = buf.restore
    if plan is None or buf.restore_applied:
        return
    buf.restore_applied = True
    attr = attribution.debugger(f"restored from the end of rerun {plan.source}")
    for key, value in plan.writes.items():
        try:
            inner[key] = value
        except Exception as exc:  # noqa: BLE001 - Streamlit refused it: leave the key as it is
            plan.skipped[key] = f"Streamlit refused it ({type(exc).__name__}: {exc})"
            continue
        buf.restored_keys.add(key)
        buf.add("write", key, "restore", attr, (None, -1), None, value)
    for key in plan.deletes:
        try:
            del inner[key]
        except Exception as exc:  # noqa: BLE001 - whatever Streamlit raises, the key stays and the panel says why
            plan.skipped[key] = f"it could not be deleted ({type(exc).__name__})"
            continue
        buf.add("delete", key, "restore", attr, (None, -1), True, hooks.NOVAL)
    for key, why in sorted(plan.skipped.items()):
        add_warning(buf, RerunWarning(
            "restore_skipped", key,
            f"'{key}' was not restored from rerun {plan.source}: {why}. It keeps its current value."))
    if plan.never:  # one line for all of them (timetravel.never_restorable)
        add_warning(buf, RerunWarning("restore_skipped", ", ".join(plan.never), never_restorable(plan.never, no_write)))
