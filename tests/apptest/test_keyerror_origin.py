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
    assert err.explanation == "'note' was removed by Streamlit at the end of rerun 4 because its widget was not rendered in that run"
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
