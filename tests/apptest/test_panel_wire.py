"""The live panel sends what changed (panel/wire.py): the new rerun's row and
details, the state keys that changed. Merged in order, the payloads give exactly
the view model of each render; a payload that does not fit what the panel holds is
refused (the panel asks for a full snapshot, and gets one); and the bytes per rerun
stay small and flat however long the session."""

from __future__ import annotations

import json
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from st_state_debugger import sidebar
from st_state_debugger.panel import wire
from st_state_debugger.testing import panel_request
from tests.conftest import app

PANEL = "st_state_debugger.panel"

LONG_APP = (
    "import streamlit as st, st_state_debugger\n"
    "st_state_debugger.enable(max_reruns=300)\n"
    "ss = st.session_state\n"
    "ss.setdefault('n', 0)\n"
    "ss.n += 1\n"
    "for i in range(4):\n"
    "    ss[f'k{i}'] = ss.n * i\n"
    "st.write('n', ss.n, [ss.get(f'k{i}') for i in range(3)])\n"
)


def _element(at: AppTest) -> Any:
    (el,) = [e for e in at.sidebar.get("bidi_component") if e.proto.component_name == PANEL]
    return el


def _wire_bytes(at: AppTest) -> int:
    return len(_element(at).proto.json)


@pytest.fixture()
def renders(monkeypatch) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(full view model, payload sent) of every render of the live panel."""
    seen: list[tuple[dict[str, Any], dict[str, Any]]] = []
    built: list[dict[str, Any]] = []
    build, mount = sidebar.build_payload, sidebar.mount

    def build_and_keep(*args: Any) -> dict[str, Any]:
        data = build(*args)
        built.append(data)
        return data

    def mount_and_keep(payload: dict[str, Any]) -> None:
        seen.append((built[-1], wire.unpack(json.loads(json.dumps(payload)))))
        mount(payload)

    monkeypatch.setattr(sidebar, "build_payload", build_and_keep)
    monkeypatch.setattr(sidebar, "mount", mount_and_keep)
    return seen


def _without_wire_fields(view: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in view.items() if k not in ("sync", "timeline_from", "details_drop", "state_drop")}


def test_the_payloads_merged_in_order_are_each_renders_view_model(trace_dir, renders):
    at = app("callbacks.py").run()
    at.button(key="add3").click().run()
    at.text_input(key="name").input("Ada").run()
    at.button(key="add3").click().run()
    at.run()
    assert len(renders) >= 5
    view: dict[str, Any] | None = None
    for full, payload in renders:
        view = wire.merge(view, payload)
        assert view is not None
        assert _without_wire_fields(view) == json.loads(json.dumps(full))
    assert renders[0][1]["sync"]["full"] is True and not any(p["sync"]["full"] for _, p in renders[1:])
    assert "vocab" in renders[0][1] and "vocab" not in renders[-1][1]  # the vocabulary never changes: sent once
    last = renders[-1][1]
    # the new rerun's row and the rows that changed within the window (the one before,
    # now final, and the one before it), not all of them
    assert len(last["timeline"]) <= 1 + wire.WINDOW


def test_skipped_payloads_cost_nothing_a_gap_is_refused_and_a_sync_request_gets_a_full_snapshot(trace_dir, renders):
    at = app("callbacks.py").run()
    for _ in range(wire.WINDOW + 1):
        at.button(key="add3").click().run()
    payloads = [p for _, p in renders]
    view = wire.merge(None, payloads[0])
    # payloads 2..WINDOW never arrived (runs Streamlit stopped): WINDOW+1 still applies…
    skipped = wire.merge(view, payloads[wire.WINDOW])
    assert skipped is not None
    expected = json.loads(json.dumps(renders[wire.WINDOW][0]))
    kept = [d["index"] for d in skipped["details"]]
    assert kept[-1] == wire.WINDOW + 1 and len(kept) < len(expected["details"])  # …without the skipped reruns' details (asked for when shown)
    expected["details"] = [d for d in expected["details"] if d["index"] in kept]
    assert _without_wire_fields(skipped) == expected
    assert wire.merge(view, payloads[wire.WINDOW + 1]) is None  # one more skipped: a gap
    assert wire.merge(None, payloads[1]) is None  # nothing held (a reload): a gap too
    panel_request(at, {"sync": True})
    full, payload = renders[-1]
    assert payload["sync"]["full"] is True and payload["vocab"]
    assert _without_wire_fields(wire.merge(None, payload) or {}) == json.loads(json.dumps(full))


def test_the_details_the_user_asked_for_stay_held_beside_the_latest(trace_dir, renders):
    at = app("callbacks.py").run()
    for _ in range(7):
        at.button(key="add3").click().run()
    panel_request(at, {"rerun": 1})
    at.button(key="add3").click().run()
    view: dict[str, Any] | None = None
    for _, payload in renders:
        view = wire.merge(view, payload)
    assert view is not None
    assert 1 in [d["index"] for d in view["details"]]  # asked for, still held one rerun later
    assert [d["index"] for d in view["details"]][-5:] == [6, 7, 8, 9, 10]


def test_panel_bytes_per_rerun_stay_under_8_kb_and_do_not_grow_with_the_session(trace_dir, tmp_path):
    script = tmp_path / "long.py"
    script.write_text(LONG_APP)
    at = AppTest.from_file(str(script), default_timeout=60).run()
    sizes: dict[int, int] = {}
    for n in range(2, 201):
        at.run()
        if n in (30, 100, 200):
            sizes[n] = _wire_bytes(at)
    assert max(sizes.values()) <= 8_000, sizes
    assert sizes[200] <= sizes[30] * 1.1, sizes  # flat: the 200th rerun sends what the 30th did


def test_the_payload_goes_packed_as_one_json_string_beside_the_notices(trace_dir):
    """Streamlit scans each top-level value of a component's data for dataframes and
    dumps it twice: one string is all it sees of the panel's payload."""
    at = app("callbacks.py").run()
    at.button(key="add3").click().run()
    sent = json.loads(_element(at).proto.json)
    assert isinstance(sent, list) and len(sent) == 1  # a list: Streamlit scans a dict for DataFrames
    data = sent[0]
    assert sorted(data) == ["notices", "panel"] and isinstance(data["panel"], str)
    payload = wire.unpack(data)
    assert payload["sync"]["seq"] == 2 and [r["index"] for r in payload["timeline"]][-1] == 2
