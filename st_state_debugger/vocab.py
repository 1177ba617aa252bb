"""The debugger's vocabulary, once: ops, sources, trigger kinds, statuses, break
sources, the redaction placeholder, and the words that say who did an event.

Stage: shared by every stage (record, store, render, export). Each enumeration is a
``Literal`` type for the type checker and a tuple of its values for the code; the
panel's payload carries the tuples (``enumerations()``), so the frontend keeps no
copies of its own. Imports nothing of Streamlit.

MUST stay in sync with the trace format's ``codes`` (``rows.CODES``) and the
frontend's ``Vocabulary`` type (``frontend/src/types.ts``).
"""

from __future__ import annotations

from typing import Literal, Protocol, get_args

__all__ = [
    "BREAK_SOURCES", "OPS", "REDACTED", "SOURCES", "STATUSES", "TRIGGER_KINDS", "BreakSource", "Doer", "Op",
    "Source", "Status", "TriggerKind", "by_whom", "enumerations", "who_did",
]

from .config import REDACTED  # the one placeholder; config owns its value

Op = Literal["read", "write", "delete"]
Source = Literal["script", "callback", "widget", "streamlit", "debugger"]
TriggerKind = Literal["initial", "widget", "form_submit", "rerun", "fragment", "page", "debugger", "restore"]
Status = Literal["ok", "exception", "stopped", "rerun_requested"]
#: what a watched key can break on: any source, or one source the app can write from
BreakSource = Literal["any", "script", "callback", "widget", "streamlit"]

OPS: tuple[Op, ...] = get_args(Op)
SOURCES: tuple[Source, ...] = get_args(Source)
TRIGGER_KINDS: tuple[TriggerKind, ...] = get_args(TriggerKind)
STATUSES: tuple[Status, ...] = get_args(Status)
BREAK_SOURCES: tuple[BreakSource, ...] = get_args(BreakSource)


class Doer(Protocol):
    """What :func:`who_did` reads of an event (``model.Event`` has it)."""

    @property
    def source(self) -> str: ...
    @property
    def callback(self) -> str | None: ...
    @property
    def widget_key(self) -> str | None: ...
    @property
    def reason(self) -> str | None: ...


def who_did(e: Doer) -> str:
    """Who did an event, in the panel's words ("callback add() · widget add",
    "Streamlit: …"): the Operations list, a KeyError's history and the watch list
    all say it the same way."""
    if e.source == "callback":
        widget = f" · widget {e.widget_key}" if e.widget_key else ""
        return f"callback {e.callback}(){widget}"
    if e.source == "widget":
        return f"browser value · widget {e.widget_key}"
    if e.source == "streamlit":
        return f"Streamlit: {e.reason}" if e.reason else "Streamlit"
    if e.source == "debugger":
        return f"debugger: {e.reason}" if e.reason else "debugger"
    return "script"


def by_whom(e: Doer, where: str | None = None) -> str:
    """Who did an event, in a sentence, with the user's line ``where`` when it says
    more than the doer: "(deleted) by callback reset() (widget 'clear') at app.py:9",
    "by widget 'name'", "by Streamlit", "by the debugger's restore (…)", and for the
    script its line alone ("at app.py:4"). The KeyError explanation and the warnings
    say it this way; :func:`who_did` is the same words as a label."""
    if e.source == "callback":
        widget = f" (widget '{e.widget_key}')" if e.widget_key else ""
        return f"by callback {e.callback}(){widget}" + (f" at {where}" if where else "")
    if e.source == "widget":
        return f"by widget '{e.widget_key}'"
    if e.source == "streamlit":
        return "by Streamlit"
    if e.source == "debugger":
        return f"by the debugger's restore ({e.reason})" if e.reason else "by the debugger's restore"
    return f"at {where}" if where else "by the script"


def enumerations() -> dict[str, list[str]]:
    """The lists the frontend needs (its filters and menus), sent in every payload."""
    return {
        "ops": list(OPS), "sources": list(SOURCES), "trigger_kinds": list(TRIGGER_KINDS),
        "statuses": list(STATUSES), "break_sources": list(BREAK_SOURCES),
    }
