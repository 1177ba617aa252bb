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


def test_a_generated_test_that_fails_reads_well_and_is_pictured_for_the_readme(browser, tmp_path):
    """gen-test of the demo's trace, run against a demo whose callback no longer clears
    the box: the real terminal output, shown in a terminal-like page for docs/gen-test.png."""
    import html
    import subprocess

    changed = tmp_path / "demo_app.py"
    changed.write_text((ROOT / "demo_app.py").read_text().replace('        ss.new_title = ""\n', ""))
    test_file = tmp_path / "test_replay.py"
    trace = ROOT / "tests" / "data" / "demo_trace.jsonl"
    gen = subprocess.run([*CLI, "gen-test", str(trace), "--app", str(changed), "-o", str(test_file)],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert gen.returncode == 0, gen.stderr
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--tb=short", "--show-capture=no", test_file.name],
                         capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert run.returncode == 1
    assert "E   AssertionError: state after rerun 3 differs from the recorded trace:" in run.stdout
    assert "E     'new_title': recorded '', now 'Buy milk'" in run.stdout
    shown = "\n".join([
        "$ st-state-debugger gen-test tests/data/demo_trace.jsonl --app demo_app.py > test_replay.py",
        "$ python -m pytest -q test_replay.py      # after a change to add_todo()",
        *[line for line in run.stdout.splitlines() if line.strip()],
    ])
    page = browser.new_page(viewport={"width": 1100, "height": 360})
    page.set_content(
        "<body style='margin:0;background:#1e1e1e'><pre data-testid='terminal' style='margin:0;padding:16px;"
        "color:#ddd;font:14px/1.45 monospace;white-space:pre-wrap'>" + html.escape(shown) + "</pre></body>")
    expect(page.get_by_test_id("terminal")).to_contain_text("'new_title': recorded '', now 'Buy milk'")
    page.screenshot(path=str(screenshot_path("gen-test.png", tmp_path)), full_page=True)
    page.close()
