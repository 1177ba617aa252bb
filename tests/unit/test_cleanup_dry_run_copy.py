"""The panel's preview runs Streamlit's end-of-run cleanup on a copy of the session's
stores (``internals.state_after_run_end``). The key-id mapper and the persisted-widget
tracker are copied container by container instead of by ``deepcopy``: the copy must
be as independent as a deep copy, and anything that is not a flat container of
strings must still be deep-copied."""

from __future__ import annotations

from dataclasses import dataclass, field

from streamlit.runtime.state.session_state import KeyIdMapper

from st_state_debugger.internals.state import _copy_of_flat


def test_a_copied_key_id_mapper_is_independent_of_the_sessions_own():
    live = KeyIdMapper()
    live["name"] = "$$ID-abc-name"
    live["level"] = "$$ID-def-level"
    dry = _copy_of_flat(live)
    del dry["name"]  # what the dry run's _remove_stale_widgets does
    assert "name" in live and live.get_id_from_key("name") == "$$ID-abc-name"
    assert "$$ID-abc-name" in live.id_key_mapping
    assert "name" not in dry and "level" in dry and type(dry) is KeyIdMapper


@dataclass
class _Unknown:
    scopes: dict[str, str] = field(default_factory=dict)
    history: list[str] = field(default_factory=list)  # not a dict or set: deep-copied
    nested: dict[str, list[str]] = field(default_factory=dict)


def test_a_field_that_is_not_a_flat_container_of_strings_is_deep_copied():
    live = _Unknown({"a": "b"}, ["x"], {"k": ["v"]})
    dry = _copy_of_flat(live)
    dry.history.append("y")
    dry.nested["k"].append("w")
    dry.scopes.clear()
    assert live == _Unknown({"a": "b"}, ["x"], {"k": ["v"]})

    only_flat = _Unknown({"a": "b"}, [], {})
    only_flat.__dict__.pop("history")
    copied = _copy_of_flat(only_flat)
    copied.scopes["c"] = "d"
    assert only_flat.scopes == {"a": "b"}


def test_the_installed_releases_mapper_and_tracker_are_copied_without_deepcopy(monkeypatch):
    """Both are slotted dataclasses (1.64 on): the container-by-container copy must
    read slots, or every panel render pays deepcopy's walk."""
    import copy

    from streamlit.runtime.state.session_state import SessionState

    inner = SessionState()
    inner._key_id_mapper["name"] = "$$ID-abc-name"
    tracker = inner._persist_tracker

    def no_deepcopy(*_args, **_kwargs):
        raise AssertionError("deepcopy was used")

    monkeypatch.setattr(copy, "deepcopy", no_deepcopy)
    mapper = _copy_of_flat(inner._key_id_mapper)
    del mapper["name"]
    assert "name" in inner._key_id_mapper and "name" not in mapper
    copied = _copy_of_flat(tracker)
    assert type(copied) is type(tracker) and copied is not tracker
    for name in ("_scopes", "_widget_pages", "_value_pages", "_pending_resets"):
        if hasattr(tracker, name):  # the tracker's fields as this release has them
            assert getattr(copied, name) == getattr(tracker, name)
            assert getattr(copied, name) is not getattr(tracker, name)


@dataclass(slots=True)
class _SlottedUnknown:
    scopes: dict[str, str] = field(default_factory=dict)
    history: list[str] = field(default_factory=list)


def test_a_slotted_object_with_a_field_that_is_not_flat_is_deep_copied():
    live = _SlottedUnknown({"a": "b"}, ["x"])
    dry = _copy_of_flat(live)
    dry.history.append("y")
    dry.scopes.clear()
    assert live == _SlottedUnknown({"a": "b"}, ["x"])
