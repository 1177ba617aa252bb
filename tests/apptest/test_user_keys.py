"""The keys-only pass that runs around Streamlit's widget cleanup (twice per rerun)
lists exactly the keys the full state read lists, whatever the stores hold: plain
keys, keyed and unkeyed widgets, buttons, a widget that stops being rendered (and
its key removed by the cleanup), a key deleted, a value set for a widget's key."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from st_state_debugger.internals import notify, state

APPS = Path(__file__).resolve().parents[1] / "apps"


def _checking(monkeypatch) -> list[tuple[set[str], set[str]]]:
    seen: list[tuple[set[str], set[str]]] = []
    original = state.user_keys

    def both(inner):
        keys = original(inner)
        seen.append((keys, set(state.user_state(inner))))
        return keys

    monkeypatch.setattr(notify, "user_keys", both)
    return seen


def test_keys_before_and_after_cleanup_match_the_full_state_read(monkeypatch):
    seen = _checking(monkeypatch)
    at = AppTest.from_file(str(APPS / "cleanup.py")).run()
    at.text_input(key="note").input("hi").run()
    at.button(key="read").click().run()
    at.checkbox(key="show").uncheck().run()  # the note box is not rendered: the cleanup removes "note"
    at.session_state["extra"] = [1]
    at.run()
    at.checkbox(key="show").check().run()
    del at.session_state["extra"]
    at.run()
    assert not at.exception
    assert len(seen) >= 12  # before and after the cleanup, in every rerun
    assert any("note" in full for _, full in seen) and any("note" not in full for _, full in seen)
    for keys, full in seen:
        assert keys == full


def test_keys_match_across_a_page_switch(monkeypatch):
    seen = _checking(monkeypatch)
    at = AppTest.from_file(str(APPS / "mpa" / "main.py")).run()
    at.switch_page("page_b.py").run()
    at.switch_page("page_a.py").run()
    assert not at.exception
    assert seen
    for keys, full in seen:
        assert keys == full
