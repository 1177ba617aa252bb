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
    r = explain("k", _event("read", line=20), 3, hist, [], ["k"], {}, "KeyError", "m")
    assert r.explanation == "'k' was deleted by callback reset() (widget 'clear') at app.py:9 in rerun 2"


def test_cleared_by_clear():
    hist = [HistoryEntry(1, _event("write")), HistoryEntry(1, _event("delete", api="clear", line=5))]
    r = explain("k", _event("read"), 2, hist, [], [], {}, "KeyError", "m")
    assert r.explanation == "'k' was removed by st.session_state.clear() at app.py:5 in rerun 1"


def test_read_before_it_is_set_in_the_same_rerun():
    later = [_event("write", line=30)]
    r = explain("k", _event("read", line=10), 4, [], later, [], {}, "KeyError", "m")
    assert r.explanation == "'k' is read at app.py:10 before it is first set, at app.py:30, in rerun 4"


def test_never_set_without_suggestion_gives_the_fix():
    r = explain("k", _event("read"), 1, [], [], [], {}, "AttributeError", "m")
    assert r.explanation == "'k' was never set in this session; initialize it before reading it, e.g. st.session_state.setdefault('k', ...)"


def test_deleted_by_a_restore_says_so_not_an_unknown_line():
    restore = Event(seq=0, op="delete", key="k", source="debugger", found=True, api="restore",
                    reason="restored from the end of rerun 2")
    hist = [HistoryEntry(3, _event("write")), HistoryEntry(5, restore)]
    r = explain("k", _event("read", line=20), 6, hist, [], [], {}, "KeyError", "m")
    assert r.explanation == "'k' was deleted by the debugger's restore (restored from the end of rerun 2) in rerun 5"


def _failing_rerun(index: int, key: str = "k", times: int = 3) -> list[Event]:
    return [Event(seq=i, op="read", key=key, source="script", file="app.py", line=7, found=False, api="getitem",
                  error="KeyError") for i in range(times)]


def _explain_reruns(explainer, store, reruns, existing):
    """Explain then store each rerun's events (as the recorder does); the reports."""
    import types

    out = []
    for index, events in reruns:
        failures = [(i, (KeyError, (f"no key {e.key}",))) for i, e in enumerate(events) if e.error]
        out.append(explainer.explain_rerun(index, events, failures, store, existing(index)))
        store.add(types.SimpleNamespace(index=index, events=events, callbacks=[], overflow=False))
    return out


def test_a_repeated_failure_is_explained_again_once_its_key_has_new_history():
    from st_state_debugger.explain import Explainer
    from st_state_debugger.store import SessionStore

    write = Event(seq=0, op="write", key="k", source="script", file="app.py", line=3, found=None, api="setitem")
    delete = Event(seq=1, op="delete", key="k", source="callback", file="app.py", line=9, found=True, api="delitem",
                   callback="reset")
    reports = _explain_reruns(Explainer(), SessionStore(100),
                              [(0, _failing_rerun(0)), (1, _failing_rerun(1)), (2, [write, delete]), (3, _failing_rerun(3)),
                               (4, _failing_rerun(4))], lambda i: set())
    texts = [[(r.explanation, r.count, len(r.history)) for r in rs] for rs in reports]
    never = "'k' was never set in this session; initialize it before reading it, e.g. st.session_state.setdefault('k', ...)"
    assert texts[0] == texts[1] == [(never, 3, 0)]
    assert texts[3] == texts[4] == [("'k' was deleted by callback reset() at app.py:9 in rerun 2", 3, 2)]


def test_a_repeated_failure_gets_the_suggestion_of_a_look_alike_key_that_appears_later():
    from st_state_debugger.explain import Explainer
    from st_state_debugger.store import SessionStore

    reports = _explain_reruns(Explainer(), SessionStore(100),
                              [(i, _failing_rerun(i, "user_nme")) for i in range(4)],
                              lambda i: {"user_name"} if i >= 2 else {"count"})
    assert [rs[0].suggestions for rs in reports] == [[], [], ["user_name"], ["user_name"]]
    assert "did you mean 'user_name'" in reports[2][0].explanation


def test_a_failure_kept_as_type_and_args_reads_as_the_exception_would():
    from st_state_debugger.explain import _message, failure_name

    class Custom(KeyError):
        def __init__(self, *args):
            raise AssertionError("a subclass's __init__ is not run again")

    assert failure_name((KeyError, ("m",))) == failure_name(KeyError("m")) == "KeyError"
    assert failure_name((AttributeError, ("m",))) == "AttributeError"
    assert _message((KeyError, ("no key",))) == _message(KeyError("no key")) == "no key"
    assert _message((KeyError, (3,))) == str(KeyError(3)) == "3"
    assert _message((KeyError, ("a", "b"))) == str(KeyError("a", "b"))
    assert _message((Custom, (("x",),))) == str(KeyError(("x",)))
    assert failure_name((Custom, ())) == "Custom"


def test_a_reused_report_counts_each_rerun_apart_and_earlier_reruns_keep_their_counts():
    from st_state_debugger.explain import Explainer
    from st_state_debugger.store import SessionStore

    counts = [3, 3, 3, 5, 5, 2]
    reports = _explain_reruns(Explainer(), SessionStore(100),
                              [(i, _failing_rerun(i, times=n)) for i, n in enumerate(counts)], lambda i: set())
    assert [rs[0].count for rs in reports] == counts
    assert len({rs[0].explanation for rs in reports}) == 1
