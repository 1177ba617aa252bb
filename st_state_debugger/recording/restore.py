"""Restore orchestration at the run: when the panel's restore request is planned and applied.

Stage: store → **record** (the way back). The panel's restore button leaves the
rerun to restore in ``DebugSession.restore_want``; the panel's draw hands it to the
recorder (``Recorder.restore_pending``), and the next app rerun plans it
(``timetravel.StateHistory.plan``) as it starts and applies it (``controls.apply_restore``)
once Streamlit has applied the browser's widget values, before the script body.
"""

from __future__ import annotations

from typing import Any

from .. import controls
from .. import internals as hooks
from ..timetravel import StateHistory
from .buffer import RunBuffer
from .widgets import WidgetRegistry


def start(history: StateHistory, registry: WidgetRegistry, inner: Any, buf: RunBuffer, index: int,
          rerun_data: Any) -> None:
    """Plan the restore of rerun ``index`` for the run ``buf`` that starts now; apply
    it at once when this run applies no browser values (``st.rerun()``)."""
    controls.plan_restore(history, buf, index, hooks.user_keys(inner), registry.refuses_writes)
    if not hooks.applies_browser_values(rerun_data):
        controls.apply_restore(inner, buf, registry.no_write)  # else once they are applied


def values_applied(registry: WidgetRegistry, inner: Any, buf: RunBuffer | None) -> None:
    """The run's browser values are applied: a planned restore lands now."""
    if buf is not None and buf.restore is not None:
        controls.apply_restore(inner, buf, registry.no_write)
