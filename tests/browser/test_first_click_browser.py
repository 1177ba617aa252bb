"""The panel's lifecycle in a real browser, used the way people use an app: every
test types or clicks as soon as the page shows the app's widgets, without waiting
for the panel, then checks the panel and the trace file."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from st_state_debugger import load_trace
from tests.browser.conftest import panel, rows, wait_ready

pytestmark = pytest.mark.browser
APP = "tests/apps/panel_first_click.py"
GATE = "tests/apps/panel_gate.py"


def _open_at_once(serve, browser, app: str):
    """Serve ``app`` and open it, returning as soon as the page starts loading."""
    runner = serve(app)
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(runner.url)
    return runner, page, errors


def _main(page):
    return page.get_by_test_id("stMainBlockContainer")


def _reruns(runner):
    files = list(runner.trace_dir.glob("*.jsonl"))
    return load_trace(files[0], strict=False).reruns if files else []


def _wait_trace(runner, done, timeout: float = 20):
    """The trace's reruns once ``done(reruns)`` holds (the file is written at each run's end)."""
    deadline = time.time() + timeout
    reruns = _reruns(runner)
    while time.time() < deadline and not done(reruns):
        time.sleep(0.2)
        reruns = _reruns(runner)
    return reruns


def _type_password_at_once(page, text: str) -> None:
    box = _main(page).get_by_label("Password", exact=True)
    box.fill(text)
    box.press("Enter")


def test_password_typed_and_button_clicked_right_after_load_are_the_apps_reruns_in_panel_and_trace(serve, browser):
    runner, page, errors = _open_at_once(serve, browser, APP)
    _type_password_at_once(page, "hunter2")
    inc = _main(page).get_by_role("button", name="Inc", exact=True)
    inc.click()
    expect(_main(page)).to_contain_text(re.compile(r"n =\s*1"), timeout=20_000)
    wait_ready(page)  # the panel is (still) in the sidebar
    reruns = _wait_trace(runner, lambda rs: [r.trigger.widget_key for r in rs][-1:] == ["inc"])
    kinds = [r.trigger.kind for r in reruns]
    assert "debugger" not in kinds, [(r.index, r.trigger.kind, r.trigger.detail) for r in reruns]
    # a run Streamlit stopped before its body began (the next event came at once) is a plain rerun
    assert kinds[0] == "initial" and set(kinds[1:]) <= {"widget", "rerun"} and kinds[-1] == "widget", kinds
    assert [e.value for r in reruns for e in r.events if e.key == "password" and e.source == "widget"] == ["‹redacted›"]
    expect(rows(page).last).to_contain_text("widget inc")
    assert not [t for t in rows(page).all_inner_texts() if "debugger" in t]
    # every later rerun of that session is the app's too
    count = len(reruns)
    inc.click()
    expect(_main(page)).to_contain_text(re.compile(r"n =\s*2"), timeout=20_000)
    reruns = _wait_trace(runner, lambda rs: len(rs) > count)
    assert reruns[-1].trigger.kind == "widget" and reruns[-1].trigger.widget_key == "inc"
    expect(rows(page)).to_have_count(len(reruns), timeout=20_000)
    expect(rows(page).last).to_contain_text("widget inc")
    assert not errors, errors


def test_unticking_at_once_shows_streamlits_cleanup_in_the_latest_row_as_the_trace_records_it(serve, browser):
    runner, page, errors = _open_at_once(serve, browser, APP)
    _main(page).get_by_text("Show note").click()
    expect(_main(page).get_by_label("Note", exact=True)).to_have_count(0, timeout=20_000)
    reruns = _wait_trace(runner, lambda rs: any(r.trigger.widget_key == "show" for r in rs))
    wait_ready(page)
    last = reruns[-1]
    assert last.trigger.widget_key == "show" and last.counts()[2] == 1
    expect(rows(page)).to_have_count(len(reruns), timeout=20_000)
    latest = rows(page).last
    expect(latest).to_contain_text("widget show")
    expect(latest).to_contain_text("D1")  # not D0 until the next interaction
    p = panel(page)
    expect(p.get_by_test_id("ssd-diff-removed")).to_contain_text("note")
    expect(p.get_by_test_id("ssd-diff-changed")).to_contain_text(f"changed ({len(last.diff.changed)})")
    expect(p.locator("[data-testid=ssd-state-entry][data-key=note]")).to_have_count(0)
    expect(p).to_contain_text("Streamlit removed 'note' at the end of rerun")
    assert not errors, errors


def test_a_click_right_after_load_changes_what_the_trace_says_changed(serve, browser):
    """The button's own key is reset by Streamlit at the end of the run: the live
    diff lists what the recorded one lists, no more."""
    runner, page, errors = _open_at_once(serve, browser, APP)
    _main(page).get_by_role("button", name="Inc", exact=True).click()
    expect(_main(page)).to_contain_text(re.compile(r"n =\s*1"), timeout=20_000)
    reruns = _wait_trace(runner, lambda rs: any(r.trigger.widget_key == "inc" for r in rs))
    wait_ready(page)
    last = reruns[-1]
    assert last.trigger.widget_key == "inc" and last.diff.changed == ["n"], last.diff.changed
    expect(rows(page).last).to_contain_text("widget inc")
    expect(panel(page).get_by_test_id("ssd-diff-changed")).to_contain_text("changed (1)")
    assert not errors, errors


def test_login_gate_ending_in_st_stop_shows_the_panel_after_a_password_typed_at_once(serve, browser):
    runner, page, errors = _open_at_once(serve, browser, GATE)
    _type_password_at_once(page, "wrong")
    expect(_main(page)).to_contain_text("wrong password", timeout=20_000)
    wait_ready(page)  # the panel is there although every run ended in st.stop()
    reruns = _wait_trace(runner, lambda rs: any(r.trigger.widget_key == "password" for r in rs))
    assert [r.trigger.kind for r in reruns] == ["initial", "widget"]
    assert [r.status for r in reruns] == ["stopped", "stopped"]
    expect(rows(page)).to_have_count(2)
    expect(rows(page).last).to_contain_text("widget password")
    expect(panel(page).locator("[data-testid=ssd-state-entry][data-key=tries]")).to_contain_text("1")
    assert not errors, errors


def test_panel_only_actions_add_no_timeline_row(serve, browser):
    runner, page, errors = _open_at_once(serve, browser, APP)
    inc = _main(page).get_by_role("button", name="Inc", exact=True)
    inc.click()
    expect(_main(page)).to_contain_text(re.compile(r"n =\s*1"), timeout=20_000)
    wait_ready(page)
    reruns = _wait_trace(runner, lambda rs: any(r.trigger.widget_key == "inc" for r in rs))
    count = len(reruns)
    expect(rows(page)).to_have_count(count, timeout=20_000)
    p = panel(page)
    rows(page).first.click()  # select an older rerun
    expect(p.get_by_test_id("ssd-ops")).to_contain_text("Operations #1", timeout=20_000)
    p.locator("[data-testid=ssd-pin][data-key=n]").click()  # watch n
    expect(p.locator("[data-testid=ssd-watch-key][data-key=n]")).to_be_visible(timeout=20_000)
    p.get_by_test_id("ssd-break").select_option("script")  # break on change, then off again
    expect(p.get_by_test_id("ssd-break")).to_have_value("script", timeout=20_000)
    inc.click()  # the break fires: an app rerun, ended by StateBreakpoint
    expect(_main(page)).to_contain_text("StateBreakpoint", timeout=20_000)
    wait_ready(page)
    reruns = _wait_trace(runner, lambda rs: len(rs) > count)
    count = len(reruns)
    expect(rows(page)).to_have_count(count, timeout=20_000)
    p.get_by_test_id("ssd-break").select_option("off")  # off again: the app may rerun, the panel adds nothing
    expect(p.get_by_test_id("ssd-break")).to_have_value("off", timeout=20_000)
    wait_ready(page)
    time.sleep(1)  # give a stray row the time to arrive
    wait_ready(page)
    reruns = _reruns(runner)
    count = len(reruns)
    expect(rows(page)).to_have_count(count, timeout=20_000)
    assert not [t for t in rows(page).all_inner_texts() if "debugger" in t]
    assert "debugger" not in [r.trigger.kind for r in reruns]
    with page.expect_download(timeout=30_000):  # more panel-only actions: export, select
        p.get_by_test_id("ssd-export").click()
    rows(page).first.click()
    expect(p.get_by_test_id("ssd-ops")).to_contain_text("Operations #1", timeout=20_000)
    wait_ready(page)
    time.sleep(1)
    expect(rows(page)).to_have_count(count)
    assert len(_reruns(runner)) == count
    inc.click()  # the next app rerun is the next row, numbered on
    reruns = _wait_trace(runner, lambda rs: len(rs) > count)
    assert reruns[-1].trigger.widget_key == "inc" and reruns[-1].index == reruns[-2].index + 1
    expect(rows(page)).to_have_count(count + 1, timeout=20_000)
    assert not errors, errors
