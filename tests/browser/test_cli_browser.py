"""`st-state-debugger run` (no edit to the app) and `st-state-debugger view` in a real browser."""

from __future__ import annotations

import sys
import time

import pytest
from playwright.sync_api import expect

from st_state_debugger import load_trace
from st_state_debugger.trace import dumps_trace
from tests.browser.conftest import ROOT, screenshot_path, wait_ready

pytestmark = pytest.mark.browser
CLI = [sys.executable, "-m", "st_state_debugger"]


def _rows(page):
    return page.locator("[data-testid=ssd-rerun-row]")


def test_run_enables_the_debugger_in_an_app_without_any_import(serve, browser):
    app = ROOT / "tests" / "apps" / "no_import_app.py"
    assert "st_state_debugger" not in app.read_text()
    runner = serve(app, command=[*CLI, "run"])  # trace dir comes from the environment
    page = browser.new_page()
    page.goto(runner.url)
    wait_ready(page)
    page.get_by_test_id("stMainBlockContainer").get_by_role("button", name="Bump").click()
    expect(_rows(page)).to_have_count(2, timeout=20_000)
    expect(page.locator("[data-testid=ssd-ops]")).to_contain_text("callback bump() · widget bump")
    (trace_file,) = runner.trace_dir.glob("*.jsonl")
    deadline = time.time() + 10
    while time.time() < deadline and len(load_trace(trace_file, strict=False).reruns) < 2:
        time.sleep(0.2)
    first, second = load_trace(trace_file).reruns
    assert first.trigger.kind == "initial" and [e.key for e in first.events][:1] == ["bump"]
    assert second.trigger.widget_key == "bump" and [c.callback for c in second.callbacks] == ["bump"]
    page.close()


def test_run_passes_trace_dir_and_streamlit_options(serve, browser, tmp_path):
    target = tmp_path / "my-traces"
    runner = serve(ROOT / "tests" / "apps" / "no_import_app.py", command=[*CLI, "run"], args=["--trace-dir", str(target), "--theme.base", "dark"])
    page = browser.new_page()
    page.goto(runner.url)
    wait_ready(page)
    assert len(list(target.glob("*.jsonl"))) == 1
    bg = page.evaluate("() => getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor")
    assert bg != "rgb(255, 255, 255)"  # the --theme.base option reached streamlit
    page.close()


def _long_trace(tmp_path):
    """The checked-in v1 trace plus copies, so the oldest rerun's details are not sent upfront."""
    trace = load_trace(ROOT / "tests" / "data" / "trace_v1.jsonl")
    reruns = list(trace.reruns)
    for i in range(4):
        r = load_trace(ROOT / "tests" / "data" / "trace_v1.jsonl").reruns[1]
        r.index = 6 + i
        reruns.append(r)
    path = tmp_path / "long.jsonl"
    path.write_bytes(dumps_trace(trace.header, reruns))
    return path


def test_view_shows_a_saved_trace_read_only_and_loads_older_reruns(serve, browser, tmp_path):
    path = _long_trace(tmp_path)
    runner = serve(path, command=[*CLI, "view"])
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    page.goto(runner.url)
    page.wait_for_selector("[data-testid=ssd-timeline]", timeout=30_000)
    expect(_rows(page)).to_have_count(9)
    expect(page.get_by_test_id("stMainBlockContainer")).to_contain_text("read-only")
    row5 = page.locator("[data-testid=ssd-rerun-row][data-index='5']")
    row5.click()
    errors = page.locator("[data-testid=ssd-errors]")
    expect(errors).to_contain_text("'note' was removed by Streamlit at the end of rerun 4")
    page.locator("[data-testid=ssd-rerun-row][data-index='3']").click()  # not sent upfront: requested
    expect(page.locator("[data-testid=ssd-errors]")).to_contain_text("did you mean 'user_name'", timeout=20_000)
    expect(page.locator("[data-testid=ssd-state]")).to_contain_text("user_name")
    page.screenshot(path=str(screenshot_path("viewer.png", tmp_path)))
    page.close()


def test_run_covers_every_page_of_a_pages_directory_app(serve, browser):
    app = ROOT / "tests" / "apps" / "mpa_v1" / "home.py"
    runner = serve(app, command=[*CLI, "run"])
    page = browser.new_page()
    page.goto(runner.url)
    wait_ready(page)
    page.get_by_test_id("stSidebarNav").get_by_text("other").click()
    expect(page.get_by_test_id("stMainBlockContainer")).to_contain_text("Other", timeout=20_000)
    expect(_rows(page)).to_have_count(2, timeout=20_000)
    expect(_rows(page).last).to_contain_text("page switch")
    (trace_file,) = runner.trace_dir.glob("*.jsonl")
    reruns = load_trace(trace_file, strict=False).reruns
    assert reruns[-1].trigger.kind == "page"
    assert any(e.key == "home_visits" and e.file == "pages/2_other.py" for e in reruns[-1].events)
    assert any(e.key == "home_field" and e.op == "delete" and e.source == "streamlit" for e in reruns[-1].events)
    page.close()
