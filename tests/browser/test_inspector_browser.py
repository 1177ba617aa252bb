"""The panel's "Open in a tab": the session's full-width inspector opens in a new tab
(inspector.py starts ``view --follow FILE`` on 127.0.0.1) and follows the app live,
with a trace directory and without one (the trace is then written on demand)."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import panel, rows, screenshot_path, wait_ready

pytestmark = pytest.mark.browser
APP = "tests/apps/browser_app.py"


def _inspect(serve, browser, tmp_path, env: dict[str, str] | None = None, shot: str | None = None):
    runner = serve(APP, env=env)
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(runner.url)
    wait_ready(page)
    with context.expect_page(timeout=60_000) as opened:
        panel(page).get_by_role("button", name="open in a tab").click()
    tab = opened.value
    tab.on("pageerror", lambda e: errors.append(str(e)))
    # the child Streamlit starts on demand: seconds on a busy 2-core machine
    expect(tab.get_by_text("following trace-")).to_be_visible(timeout=60_000)
    assert re.fullmatch(r"http://127\.0\.0\.1:\d{1,5}/", tab.url), tab.url
    expect(panel(page).get_by_test_id("ssd-inspector")).to_have_text(f"inspector: {tab.url}")
    inspector_rows = tab.locator("[data-testid=ssd-rerun-row]")
    before = rows(page).count()
    expect(inspector_rows).to_have_count(before, timeout=10_000)

    page.get_by_role("button", name="Add").click()
    expect(rows(page)).to_have_count(before + 1, timeout=20_000)
    shown = time.monotonic()
    # the follow app polls every 0.4 s; the margin is for a busy shared machine
    expect(inspector_rows).to_have_count(before + 1, timeout=5_000)
    print(f"the rerun reached the inspector {time.monotonic() - shown:.2f} s after the panel showed it")
    expect(tab.locator("[data-testid=ssd-timeline]")).to_contain_text("add3")
    if shot:
        tab.screenshot(path=str(screenshot_path(shot, tmp_path)))
    context.close()
    assert not errors, errors
    return runner


def test_open_in_a_tab_follows_the_session_live(serve, browser, tmp_path):
    runner = _inspect(serve, browser, tmp_path, shot="inspector.png")
    assert list(runner.trace_dir.glob("*.jsonl"))  # it followed the session's own trace file


def test_open_in_a_tab_without_a_trace_dir_writes_the_trace_on_demand(serve, browser, tmp_path):
    runner = _inspect(serve, browser, tmp_path, env={"ST_STATE_DEBUGGER_TRACE_DIR": ""})
    assert not runner.trace_dir.exists() or not list(runner.trace_dir.iterdir())
