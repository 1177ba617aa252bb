"""What the live panel sends per render: only what changed since the last payload.

Stage: **render**. The view model (``view.build_panel_data``) is the whole
``PanelData``; re-sending it every rerun (100 timeline rows, the details of five
reruns, the whole state: ~45 KB) made the panel cost more than the app. The
component keeps what it received (``frontend/src/wire.ts``: a store per session that
outlives Streamlit's remounts of the unkeyed element), so each payload carries:

- ``sync``: ``{"seq", "base", "full"}``. A delta applies on top of any payload from
  ``base`` to ``seq - 1`` (the last :data:`WINDOW`): it carries every item that
  differs from what any of them left, so a payload the frontend never got (a run
  Streamlit stopped while it drew its panel, two updates batched into one) costs
  nothing. Holding an older one (or none: a page reload), the frontend asks for a
  full snapshot (request ``{"sync": true}``, :func:`forget`), and the next is one.
- ``timeline``: rows new or changed, merged by index; rows before ``timeline_from``
  are dropped (the window of the last :data:`view.TIMELINE_ROWS`).
- ``details``: a new rerun's details whole; for one held already, the fields that
  changed (``"patch": true``), merged field by field, ignored by a frontend without
  them; ``details_drop``: the ones no longer held.
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
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any, cast
from weakref import ref

import orjson

#: details of reruns the user asked for, kept besides the latest ones
ASKED_KEPT = 3
#: a delta applies on any of the last WINDOW payloads: one the frontend never got (a
#: run Streamlit stopped while it drew its panel) costs no full snapshot
WINDOW = 5
#: fields merged by item (the rest of PanelData is sent whole)
ITEM_FIELDS = ("timeline", "details", "state")


@dataclass(frozen=True)
class Snap:
    """The items the frontend holds after payload ``seq``."""

    seq: int
    rows: dict[int, dict[str, Any]]
    details: dict[int, dict[str, Any]]
    state: dict[str, dict[str, Any]]


@dataclass
class Held:
    """What the frontend may hold: the items after each of the last :data:`WINDOW`
    payloads sent (one Held per debug session)."""

    seq: int = 0
    snaps: deque[Snap] = field(default_factory=lambda: deque[Snap](maxlen=WINDOW))
    top: dict[str, Any] = field(default_factory=dict[str, Any])
    #: the next payload is a full snapshot (nothing sent yet, or the frontend asked)
    full: bool = True
    asked: deque[int] = field(default_factory=lambda: deque[int](maxlen=ASKED_KEPT))
    #: a run Streamlit is stopping can still draw its panel while the next run draws
    lock: threading.Lock = field(default_factory=threading.Lock)


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
    """The payload that turns whatever the frontend holds of the last :data:`WINDOW`
    payloads into ``data`` (a live ``PanelData``); ``held`` records it. ``asked``: the
    rerun whose details the user asked for (kept for a while beside the latest ones)."""
    with held.lock:
        return _encode(held, data, asked)


def _encode(held: Held, data: dict[str, Any], asked: int | None) -> dict[str, Any]:
    full = held.full or not held.snaps
    if full:
        held.snaps.clear()
    if asked is not None:
        held.asked.append(asked)
    seq = held.seq + 1
    rows = {r["index"]: r for r in data["timeline"]}
    details = {d["index"]: d for d in data["details"]}
    last = held.snaps[-1] if held.snaps else None
    for i in held.asked:  # asked-for details stay while they are held and in the timeline
        if last is not None and i in last.details and i in rows and i not in details:
            details[i] = last.details[i]
    details = {i: details[i] for i in sorted(details)}
    state = {e["key"]: e for e in data["state"]}
    snaps = list(held.snaps)

    out: dict[str, Any] = {k: v for k, v in data.items() if k not in ITEM_FIELDS and (full or k != "vocab")}
    out["sync"] = {"seq": seq, "base": snaps[0].seq if snaps else seq - 1, "full": full}
    out["timeline"] = list(rows.values()) if full else _changed(rows, [s.rows for s in snaps])
    out["timeline_from"] = next(iter(rows), 0)
    patches: list[dict[str, Any]] = []
    for i, d in details.items():
        if full or last is None or i not in last.details:
            patches.append(d)  # new since the last payload: whole
        else:  # the fields that differ from what any payload of the window left
            # (a stored rerun's details are the same dict every render: nothing to compare)
            olds = [old for s in snaps if (old := s.details.get(i)) is not None and old is not d]
            diff = {k: v for k, v in d.items() if any(old.get(k) != v for old in olds)} if olds else None
            if diff:
                # a frontend without this rerun's details (it skipped the payload that
                # brought them) ignores the patch and asks for them when they are shown
                patches.append({**diff, "index": i, "patch": True})
    out["details"] = patches
    out["details_drop"] = sorted({i for s in snaps for i in s.details if i not in details})
    out["state"] = list(state.values()) if full else _changed(state, [s.state for s in snaps])
    out["state_drop"] = sorted({k for s in snaps for k in s.state if k not in state}, key=str)
    held.snaps.append(Snap(seq, rows, details, state))
    held.seq = seq
    held.full = False
    if full:
        held.top.clear()
    held.top.update((k, v) for k, v in out.items() if k not in ITEM_FIELDS)  # as merge() keeps them
    return out


def _changed(items: dict[Any, dict[str, Any]], olds: list[dict[Any, dict[str, Any]]]) -> list[dict[str, Any]]:
    """The items that differ from what any payload of the window left (in order).
    A stored rerun's row is the same dict every render (view.py caches it): the
    identity test spares comparing its fields; plain loops, as this runs for every
    held row on every render."""
    out = []
    for key, item in items.items():
        for held in olds:
            old = held.get(key)
            if old is not item and old != item:
                out.append(item)
                break
    return out


def merge(view: dict[str, Any] | None, payload: dict[str, Any]) -> dict[str, Any] | None:
    """Apply ``payload`` to ``view`` (the held ``PanelData``) as the frontend does;
    ``None`` when it does not apply (a gap: ask for a full snapshot). The frontend's
    twin is ``merge`` in ``frontend/src/wire.ts``."""
    sync = payload.get("sync")
    if not isinstance(sync, dict):
        return payload  # a whole PanelData (the viewer)
    held_seq = view.get("sync", {}).get("seq") if view is not None else None
    fits = isinstance(held_seq, int) and sync["base"] <= held_seq < sync["seq"]
    if not sync.get("full") and not fits:
        return None
    base: dict[str, Any] = {} if sync.get("full") or view is None else view
    out = {**base, **{k: v for k, v in payload.items() if k not in ITEM_FIELDS}}
    first = payload.get("timeline_from", 0)
    rows = {r["index"]: r for r in base.get("timeline", [])}
    rows.update({r["index"]: r for r in payload["timeline"]})
    out["timeline"] = [rows[i] for i in sorted(rows) if i >= first]
    details = {d["index"]: d for d in base.get("details", [])}
    for d in payload["details"]:
        if not d.get("patch"):
            details[d["index"]] = d
        elif d["index"] in details:
            details[d["index"]] = {**details[d["index"]], **{k: v for k, v in d.items() if k != "patch"}}
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


def unpack(data: Any) -> dict[str, Any]:
    """The payload :func:`pack` packed, from the component's data as the page gets it
    (``host.mount`` sends it as a one-item list; anything else as it is)."""
    one_item = isinstance(data, list) and len(cast("list[Any]", data)) == 1
    packed = cast("dict[str, Any]", data[0] if one_item else data)
    if not isinstance(packed.get("panel"), str):
        return packed
    return {**json.loads(packed["panel"]), "notices": packed.get("notices", [])}


def held_view(session: Any) -> dict[str, Any]:
    """The ``PanelData`` the panel of ``session`` holds after the last payload."""
    held = held_for(session)
    last = held.snaps[-1] if held.snaps else Snap(0, {}, {}, {})
    return {
        **held.top,
        "timeline": [last.rows[i] for i in sorted(last.rows)],
        "details": [last.details[i] for i in sorted(last.details)],
        "state": [last.state[k] for k in sorted(last.state, key=str)],
    }
