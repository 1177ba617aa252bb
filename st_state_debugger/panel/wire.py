"""What the live panel sends per render: only what changed since the last payload.

Stage: **render**. The view model (``view.build_panel_data``) is the whole
``PanelData``; re-sending it every rerun (100 timeline rows, the details of five
reruns, the whole state: ~45 KB) made the panel cost more than the app. The
component keeps what it received (``frontend/src/wire.ts``: a store per session that
outlives Streamlit's remounts of the unkeyed element), so each payload carries:

- ``sync``: ``{"seq", "base", "full"}``. A delta applies on top of payload ``base``;
  the frontend holding another one (a payload it never saw: a run Streamlit
  stopped, a page reload, two updates batched into one) asks for a full snapshot
  (request ``{"sync": true}``, :func:`forget`), and the next payload is full.
- ``timeline``: rows new or changed, merged by index; rows before ``timeline_from``
  are dropped (the window of the last :data:`view.TIMELINE_ROWS`).
- ``details``: per rerun, the fields that changed (a new rerun's detail is all of
  them), merged field by field; ``details_drop``: the ones no longer held.
- ``state``: entries new or changed, merged by key; ``state_drop``: keys gone.
- every other field of ``PanelData`` as it is (small: notices, watch, pause…);
  ``vocab`` only in a full payload (it never changes).

The payload goes out packed (:func:`pack`): ``{"notices": [...], "panel": "<JSON>"}``.
Streamlit scans each top-level value of a component's data for dataframes and
dumps the data twice (once for the wire, once sorted for the element's identity);
one string costs it almost nothing (0.4 ms less per rerun, measured).

Python keeps what the frontend holds (:class:`Held`), so :func:`held_view` is
the ``PanelData`` the panel shows: tests and the bench read it. Nothing here
imports Streamlit.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any
from weakref import ref

import orjson

#: details of reruns the user asked for, kept besides the latest ones
ASKED_KEPT = 3
#: fields merged by item (the rest of PanelData is sent whole)
ITEM_FIELDS = ("timeline", "details", "state")


@dataclass
class Held:
    """What the frontend holds after the last payload sent (one per debug session)."""

    seq: int = 0
    rows: dict[int, dict[str, Any]] = field(default_factory=dict[int, dict[str, Any]])
    details: dict[int, dict[str, Any]] = field(default_factory=dict[int, dict[str, Any]])
    state: dict[str, dict[str, Any]] = field(default_factory=dict[str, dict[str, Any]])
    top: dict[str, Any] = field(default_factory=dict[str, Any])
    #: the next payload is a full snapshot (nothing sent yet, or the frontend asked)
    full: bool = True
    asked: deque[int] = field(default_factory=lambda: deque[int](maxlen=ASKED_KEPT))


#: id(debug session) -> (a weak reference to it, its Held); a session is a dataclass
#: compared by value (not hashable), so it is found by identity and forgotten with it
_held: dict[int, tuple[ref[Any], Held]] = {}


def held_for(session: Any) -> Held:
    """The :class:`Held` of a debug session (the recorder's ``debug``)."""
    session = getattr(session, "debug", session)
    key = id(session)
    entry = _held.get(key)
    if entry is None or entry[0]() is not session:
        entry = _held[key] = (ref(session, lambda _: _held.pop(key, None)), Held())
    return entry[1]


def forget(session: Any) -> None:
    """The frontend asked for a full snapshot: the next payload is one."""
    held_for(session).full = True


def encode(held: Held, data: dict[str, Any], asked: int | None = None) -> dict[str, Any]:
    """The payload that turns what the frontend holds into ``data`` (a live
    ``PanelData``), and ``held`` updated to match. ``asked``: the rerun whose details
    the user asked for (kept for a while beside the latest ones)."""
    full = held.full
    if full:
        held.rows.clear()
        held.details.clear()
        held.state.clear()
        held.top.clear()
    if asked is not None:
        held.asked.append(asked)
    held.seq += 1
    out: dict[str, Any] = {k: v for k, v in data.items() if k not in ITEM_FIELDS and (full or k != "vocab")}
    out["sync"] = {"seq": held.seq, "base": held.seq - 1, "full": full}

    rows: list[dict[str, Any]] = data["timeline"]
    out["timeline"] = [r for r in rows if held.rows.get(r["index"]) != r]
    out["timeline_from"] = rows[0]["index"] if rows else 0
    held.rows = {r["index"]: r for r in rows}

    patches: list[dict[str, Any]] = []
    for d in data["details"]:
        before = held.details.get(d["index"])
        if before is None:
            patches.append(d)
        else:
            changed = {k: v for k, v in d.items() if before.get(k) != v}
            if changed:
                patches.append({"index": d["index"], **changed})
        held.details[d["index"]] = d
    keep = {d["index"] for d in data["details"]} | set(held.asked)
    drop = sorted(i for i in held.details if i not in keep or i not in held.rows)
    for i in drop:
        del held.details[i]
    out["details"] = patches
    out["details_drop"] = drop

    entries: list[dict[str, Any]] = data["state"]
    out["state"] = [e for e in entries if held.state.get(e["key"]) != e]
    now = {e["key"]: e for e in entries}
    out["state_drop"] = [k for k in held.state if k not in now]
    held.state = now
    held.full = False
    held.top.update((k, v) for k, v in out.items() if k not in ITEM_FIELDS)  # as merge() keeps them
    return out


def merge(view: dict[str, Any] | None, payload: dict[str, Any]) -> dict[str, Any] | None:
    """Apply ``payload`` to ``view`` (the held ``PanelData``) as the frontend does;
    ``None`` when it does not apply (a gap: ask for a full snapshot). The frontend's
    twin is ``merge`` in ``frontend/src/wire.ts``."""
    sync = payload.get("sync")
    if not isinstance(sync, dict):
        return payload  # a whole PanelData (the viewer)
    if not sync.get("full") and (view is None or view.get("sync", {}).get("seq") != sync.get("base")):
        return None
    base: dict[str, Any] = {} if sync.get("full") or view is None else view
    out = {**base, **{k: v for k, v in payload.items() if k not in ITEM_FIELDS}}
    first = payload.get("timeline_from", 0)
    rows = {r["index"]: r for r in base.get("timeline", [])}
    rows.update({r["index"]: r for r in payload["timeline"]})
    out["timeline"] = [rows[i] for i in sorted(rows) if i >= first]
    details = {d["index"]: d for d in base.get("details", [])}
    for d in payload["details"]:
        details[d["index"]] = {**details.get(d["index"], {}), **d}
    for i in payload.get("details_drop", []):
        details.pop(i, None)
    out["details"] = [details[i] for i in sorted(details)]
    state = {e["key"]: e for e in base.get("state", [])}
    state.update({e["key"]: e for e in payload["state"]})
    for k in payload.get("state_drop", []):
        state.pop(k, None)
    out["state"] = [state[k] for k in sorted(state, key=str)]
    return out


def pack(payload: dict[str, Any]) -> dict[str, Any]:
    """The component's data: the notices as they are (read by tests of the page) and
    the rest as one JSON string (``frontend/src/wire.ts`` unpacks it)."""
    rest = {k: v for k, v in payload.items() if k != "notices"}
    try:
        text = orjson.dumps(rest).decode("utf-8")
    except TypeError:  # a value orjson does not know: the standard library's way
        text = json.dumps(rest, default=str)
    return {"notices": payload.get("notices", []), "panel": text}


def unpack(data: dict[str, Any]) -> dict[str, Any]:
    """The payload :func:`pack` packed (anything else as it is)."""
    if not isinstance(data.get("panel"), str):
        return data
    return {**json.loads(data["panel"]), "notices": data.get("notices", [])}


def held_view(session: Any) -> dict[str, Any]:
    """The ``PanelData`` the panel of ``session`` holds after the last payload."""
    held = held_for(session)
    return {
        **held.top,
        "timeline": [held.rows[i] for i in sorted(held.rows)],
        "details": [held.details[i] for i in sorted(held.details)],
        "state": [held.state[k] for k in sorted(held.state, key=str)],
    }
