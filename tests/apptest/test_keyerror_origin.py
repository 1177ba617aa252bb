"""A failed lookup is explained: where the key went, or what was probably meant."""

from __future__ import annotations

from st_state_debugger import load_trace
from st_state_debugger.testing import trace_of
from tests.conftest import app, only_trace_file


def _run_cleanup_story():
    at = app("cleanup.py").run()
    at.text_input(key="note").input("hi").run()
    at.button(key="greet").click().run()
    at.checkbox(key="show").uncheck().run()
    at.button(key="read").click().run()
    return at, trace_of(at).reruns


def test_widget_cleanup_is_a_streamlit_delete_with_its_reason(trace_dir):
    _, reruns = _run_cleanup_story()
    r4 = reruns[3]
    cleanup = [e for e in r4.events if e.op == "delete"]
    assert len(cleanup) == 1
    e = cleanup[0]
    assert (e.key, e.source, e.api) == ("note", "streamlit", "cleanup")
    assert e.reason == "widget 'note' was not rendered in rerun 4"
    assert r4.diff.removed == ["note"]


def test_keyerror_after_cleanup_names_the_rerun_and_the_reason(trace_dir):
    at, reruns = _run_cleanup_story()
    assert at.exception  # the app's own exception is untouched
    (err,) = reruns[4].errors
    assert err.key == "note" and err.type == "KeyError"
    assert err.message.startswith('st.session_state has no key "note"')
    assert err.file == "cleanup.py" and err.line == 16
    assert err.explanation == ("'note' was removed by Streamlit at the end of rerun 4 because its widget was not rendered "
                               "in that run; to keep its value, add persist_state=\"page\" to st.text_input(..., key='note') "
                               "at cleanup.py:14")
    assert [(h.rerun, h.event.op, h.event.source) for h in err.history] == [
        (1, "write", "streamlit"), (2, "write", "widget"), (4, "delete", "streamlit")]


def test_typo_suggests_the_existing_key_and_where_it_was_set(trace_dir):
    _, reruns = _run_cleanup_story()
    (err,) = reruns[2].errors
    assert err.key == "username" and err.type == "AttributeError"
    assert err.suggestions[0] == "user_name"
    assert err.explanation == "'username' was never set in this session; did you mean 'user_name', set at cleanup.py:11?"


def test_errors_survive_the_trace_file(trace_dir):
    _, reruns = _run_cleanup_story()
    loaded = load_trace(only_trace_file(trace_dir)).reruns
    assert loaded[4].errors == reruns[4].errors


def test_caught_keyerrors_keep_working_and_probes_are_not_errors(trace_dir):
    at = app("keyerrors.py").run()
    assert not at.exception
    texts = [m.value for m in at.markdown]
    assert any(t.startswith("caught") and 'has no key \\"not_there\\"' in t or 'has no key "not_there"' in t for t in texts)
    r = trace_of(at).reruns[0]
    assert sorted(e.key for e in r.errors) == ["also_missing", "not_there"]
    probes = [e for e in r.events if e.key == "nope"]
    assert len(probes) == 2 and all(e.found is False and e.error is None for e in probes)


def test_cleaned_up_key_advises_persist_state_only_for_widgets_that_take_it(trace_dir):
    at = app("native_cleanup.py").run()
    at.checkbox(key="show").uncheck().run()
    at.radio(key="what").set_value("note").run()
    at.radio(key="what").set_value("go").run()
    reruns = trace_of(at).reruns
    (note,) = reruns[2].errors
    assert note.explanation == ("'note' was removed by Streamlit at the end of rerun 2 because its widget was not "
                                "rendered in that run; to keep its value, add persist_state=\"page\" to "
                                "st.text_input(..., key='note') at native_cleanup.py:13")
    (go,) = reruns[3].errors
    assert go.explanation == ("'go' was removed by Streamlit at the end of rerun 2 because its widget was not rendered "
                              "in that run; st.button does not take persist_state=, so render it in every run, or copy "
                              "its value to a key of your own from its on_change/on_click callback")


def test_persist_state_advice_is_what_streamlit_accepts():
    import inspect
    import typing

    import streamlit as st
    from streamlit.runtime.state.common import PersistStateOption

    accepted = {v for arg in typing.get_args(PersistStateOption) for v in typing.get_args(arg)}
    assert accepted >= {"page", "session"}  # the values the advice names
    assert "persist_state" in inspect.signature(st.text_input).parameters
    assert "persist_state" not in inspect.signature(st.button).parameters
