"""Secrets are redacted everywhere by default (issue 11, items 1-4).

Each test puts a distinctive secret somewhere a key-name check alone misses, then
looks for it, byte for byte, in everything the debugger produces: the trace file,
the panel's payload (what the panel renders as text) and its Export, the Markdown
report (``export --format md``) and the test ``gen-test`` writes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from st_state_debugger import REDACTED, cli, internals
from st_state_debugger.testing import panel_request, trace_of
from tests.conftest import APPS, app, only_trace_file, panel_data

S = "S3CRET-xyz"


def everything_shown(at, trace_dir: Path, capsys, app_file: str = "secrets_nested.py") -> dict[str, str]:
    """Every output of the session, as text: what a user or a bug report would see."""
    path = only_trace_file(trace_dir)
    out = {"trace file": path.read_bytes().decode("utf-8"), "panel payload": json.dumps(panel_data(at), ensure_ascii=False)}
    panel_request(at, {"export": True})
    out["panel export"] = panel_data(at)["export"]["content"]
    capsys.readouterr()
    assert cli.main(["export", str(path), "--format", "md"]) == 0
    out["markdown export"] = capsys.readouterr().out
    assert cli.main(["gen-test", str(path), "--app", str(APPS / app_file)]) == 0
    out["generated test"] = capsys.readouterr().out
    return out


def assert_never_shown(at, trace_dir: Path, capsys, app_file: str = "secrets_nested.py") -> dict[str, str]:
    shown = everything_shown(at, trace_dir, capsys, app_file)
    secret = S
    leaks = {where: text[max(text.find(secret) - 80, 0): text.find(secret) + 40] for where, text in shown.items() if secret in text}
    assert not leaks, leaks
    return shown


NESTED = {
    # id: (buttons to click, the key holding the secret afterwards)
    "list-append-of-a-dict-with-password": (["append"], "users"),
    "dict-item-set-to-a-dict-with-password": (["nest"], "cfg"),
    "dataframe-password-cell-old-and-new-value": (["cell_old", "cell_new"], "people"),
    "dict-key-with-a-quote-users-password": (["quoted"], "notes"),
    "type-change-empty-tuple-to-list-of-token-dicts": (["retype"], "shape"),
    "one-level-diff-of-a-container-over-256kb": (["big"], "big"),
}


@pytest.mark.parametrize("clicks, key", NESTED.values(), ids=NESTED.keys())
def test_secret_nested_under_an_innocent_key_is_redacted_in_trace_panel_export_markdown_and_gen_test(trace_dir, capsys, clicks, key):
    at = app("secrets_nested.py").run()
    for name in clicks:
        at.button(key="do_" + name).click().run()
    assert not at.exception
    assert S in repr(at.session_state[key])  # the secret really is in the state
    shown = assert_never_shown(at, trace_dir, capsys)
    assert REDACTED in shown["trace file"] and REDACTED in shown["panel payload"]


def test_nested_secret_detail_keeps_its_path_and_redacts_only_the_value(trace_dir):
    at = app("secrets_nested.py").run()
    for name in ("append", "nest", "cell_old", "quoted", "retype", "big"):
        at.button(key="do_" + name).click().run()
    reruns = trace_of(at).reruns
    details = {k: [(c.path, c.change, c.old, c.new) for c in v] for r in reruns for k, v in r.diff.details.items()}
    assert details["users"] == [("users[1]", "added", None, f"{{'name': 'bob', 'password': {REDACTED}}}")]
    assert details["cfg"] == [("cfg['db']", "added", None, f"{{'host': 'h', 'password': {REDACTED}}}")]
    assert details["people"] == [("people.loc[0, 'password']", "changed", REDACTED, REDACTED)]
    assert details["notes"] == [("notes[\"user's password\"]", "added", None, REDACTED)]
    assert details["shape"] == [("shape", "changed", "()", f"[{{'token': {REDACTED}}}]")]
    assert details["big"] == [("big['k5']", "changed", "'value-00000005'", f"{{'password': {REDACTED}}}")]


RECORDS = ["dataclass", "namedtuple", "attrs", "pydantic", "object"]


@pytest.mark.parametrize("kind", RECORDS)
def test_secret_field_of_a_record_is_redacted_by_name_in_state_diff_trace_and_gen_test(trace_dir, capsys, kind):
    at = app("secrets_nested.py").run()
    at.button(key="do_" + kind).click().run()
    assert not at.exception
    assert S in repr(at.session_state["record"]) or S in str(vars(at.session_state["record"]))
    assert_never_shown(at, trace_dir, capsys)
    state = {e["key"]: e for e in panel_data(at)["state"]}
    summary = state["record"]["summary"]
    assert REDACTED in summary and ("'bob'" in summary or "host='h'" in summary), summary


def test_a_namedtuples_children_in_the_state_view_are_named_and_redacted_by_field(trace_dir):
    at = app("secrets_nested.py").run()
    at.button(key="do_namedtuple").click().run()
    (entry,) = [e for e in panel_data(at)["state"] if e["key"] == "record"]
    assert [(c["key"], c["redacted"], c["summary"]) for c in entry["children"]] == [
        ("user", False, "'bob'"), ("token", True, REDACTED)]


# --------------------------------------------------------------------------- password widgets
UI_KIT = '''
import streamlit as st


def secret_input(label, key):
    """A UI kit's password box: its own signature has a `label`."""
    return st.text_input(label, key=key, type="password")
'''


@pytest.fixture()
def ui_kit(tmp_path, monkeypatch):
    """An installed package (a directory the debugger classifies as a library)."""
    lib = tmp_path / "site"
    lib.mkdir()
    (lib / "ui_kit_ssd.py").write_text(UI_KIT)
    monkeypatch.syspath_prepend(str(lib))
    monkeypatch.setattr(internals.frames, "_LIBRARY_DIRS", (*internals.frames._LIBRARY_DIRS, str(lib) + "/"))
    yield
    sys.modules.pop("ui_kit_ssd", None)


def test_password_box_made_by_an_installed_ui_kit_helper_is_redacted(trace_dir, capsys, ui_kit):
    at = app("secrets_widgets.py").run()
    at.text_input(key="kit_box").input(S).run()
    assert not at.exception and at.session_state["kit_box"] == S
    assert_never_shown(at, trace_dir, capsys, "secrets_widgets.py")
    (browser,) = [e for e in trace_of(at).reruns[1].events if e.source == "widget" and e.key == "kit_box"]
    assert browser.value == REDACTED


def test_value_remembered_before_its_password_box_appears_is_redacted_retroactively(trace_dir, capsys, ui_kit):
    at = app("secrets_widgets.py").run()
    at.button(key="remember").click().run()  # rerun 2: ss.remembered = S, no box yet
    first = trace_of(at).reruns[1]
    assert [e.value for e in first.events if e.key == "remembered" and e.op == "write"] == [repr(S)]
    at.button(key="login").click().run()  # rerun 3: the password box with key "remembered" appears
    at.run()
    assert not at.exception
    reruns = trace_of(at).reruns
    held = json.dumps([[e.value for e in r.events] + [str(r.diff.values), str(r.diff.details)] for r in reruns])
    assert S not in held  # memory: the kept reruns, their events, values and details
    shown = everything_shown(at, trace_dir, capsys, "secrets_widgets.py")
    for where in ("panel payload", "panel export"):
        assert S not in shown[where], where
    # future exports are clean; the trace file's rerun 2 line, written before the
    # key was known to be a password's, keeps the value (docs/security.md)
    lines = shown["trace file"].splitlines()
    assert S in lines[2] and not any(S in line for line in lines[3:])
    rec = internals.recorder_of_apptest(at)
    assert rec.debug.tracker.summaries["remembered"] == REDACTED
    assert all(v.copy is None for v in rec.debug.history.versions["remembered"])
    assert S not in repr(rec.debug.tracker.fps["remembered"])


def test_restore_of_a_rerun_before_the_password_box_appeared_does_not_bring_the_secret_back(trace_dir, ui_kit):
    at = app("secrets_widgets.py").run()
    at.button(key="remember").click().run()
    at.button(key="login").click().run()
    at.text_input(key="remembered").input("typed-later").run()
    panel_request(at, {"restore": 2})
    restore = trace_of(at).reruns[-1]
    assert restore.trigger.kind == "restore"
    assert not [e for e in restore.events if e.key == "remembered" and e.source == "debugger"]  # no copy written back
    notices = " ".join(panel_data(at)["notices"])
    assert "'remembered' was not restored" in notices and "redacted" in notices and S not in notices


def test_replayed_state_in_generated_tests_redacts_a_password_box_key_whatever_its_name(trace_dir, ui_kit):
    from st_state_debugger.testing import state_summaries

    at = app("secrets_widgets.py").run()
    at.button(key="remember").click().run()
    at.button(key="login").click().run()
    summaries = state_summaries(at)
    assert summaries["remembered"] == REDACTED and S not in repr(summaries)
