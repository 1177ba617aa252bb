"""Suggestions and the one-sentence explanation of a missing key."""

from __future__ import annotations

from st_state_debugger.explain import explain, suggest
from st_state_debugger.model import Event, HistoryEntry


def test_suggestions_cover_case_separators_and_typos():
    keys = ["user_name", "count", "todo_items", "Theme"]
    assert suggest("username", keys)[0] == "user_name"
    assert suggest("userName", keys)[0] == "user_name"
    assert suggest("todo-items", keys)[0] == "todo_items"
    assert suggest("theme", keys)[0] == "Theme"
    assert suggest("cuont", keys)[0] == "count"
    assert suggest("zzz", keys) == []


def _event(op, source="script", **kw):
    return Event(seq=0, op=op, key="k", source=source, file="app.py", line=kw.pop("line", 3), **kw)


def test_deleted_by_a_callback():
    hist = [HistoryEntry(1, _event("write")), HistoryEntry(2, _event("delete", "callback", callback="reset", widget_key="clear", line=9))]
    r = explain("k", _event("read", line=20), 3, hist, [], {"k"}, {}, "KeyError", "m")
    assert r.explanation == "'k' was deleted by callback reset() (widget 'clear') at app.py:9 in rerun 2"


def test_cleared_by_clear():
    hist = [HistoryEntry(1, _event("write")), HistoryEntry(1, _event("delete", api="clear", line=5))]
    r = explain("k", _event("read"), 2, hist, [], set(), {}, "KeyError", "m")
    assert r.explanation == "'k' was removed by st.session_state.clear() at app.py:5 in rerun 1"


def test_read_before_it_is_set_in_the_same_rerun():
    later = [_event("write", line=30)]
    r = explain("k", _event("read", line=10), 4, [], later, set(), {}, "KeyError", "m")
    assert r.explanation == "'k' is read at app.py:10 before it is first set, at app.py:30, in rerun 4"


def test_never_set_without_suggestion_gives_the_fix():
    r = explain("k", _event("read"), 1, [], [], set(), {}, "AttributeError", "m")
    assert r.explanation == "'k' was never set in this session; initialize it before reading it, e.g. st.session_state.setdefault('k', ...)"


def test_deleted_by_a_restore_says_so_not_an_unknown_line():
    restore = Event(seq=0, op="delete", key="k", source="debugger", found=True, api="restore",
                    reason="restored from the end of rerun 2")
    hist = [HistoryEntry(3, _event("write")), HistoryEntry(5, restore)]
    r = explain("k", _event("read", line=20), 6, hist, [], set(), {}, "KeyError", "m")
    assert r.explanation == "'k' was deleted by the debugger's restore (restored from the end of rerun 2) in rerun 5"
