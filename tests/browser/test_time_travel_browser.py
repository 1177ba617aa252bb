"""Time travel, pause, watch, break and timing from the panel, in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from st_state_debugger import load_trace
from tests.browser.conftest import click_and_wait, open_app, panel, rows, screenshot_path, wait_ready

pytestmark = pytest.mark.browser
APP = "tests/apps/travel_app.py"


def main(page):
    return page.get_by_test_id("stMainBlockContainer")


def status(page):
    return main(page).get_by_text(re.compile(r"^count="))


def type_name(page, text, expected_rows):
    box = main(page).get_by_label("Name")
    box.fill(text)
    box.press("Enter")
    expect(rows(page)).to_have_count(expected_rows, timeout=20_000)
    wait_ready(page)


@pytest.fixture()
def app_page(serve, browser):
    yield from open_app(serve, browser, APP)


def _trace(runner):
    return load_trace(next(runner.trace_dir.glob("*.jsonl")), strict=False)


def test_restore_from_the_panel_brings_back_values_and_widgets(app_page, tmp_path):
    runner, page = app_page
    add = main(page).get_by_role("button", name="Add", exact=True)
    click_and_wait(page, add, 2)
    type_name(page, "bob", 3)
    click_and_wait(page, add, 4)
    expect(status(page)).to_have_text("count=2 name=bob extra=True")
    rows(page).nth(1).click()  # rerun #2
    p = panel(page)
    expect(p.get_by_test_id("ssd-restore")).to_have_text("Restore state after #2")
    expect(p.get_by_test_id("ssd-restore-note")).to_contain_text("not undone")
    click_and_wait(page, p.get_by_test_id("ssd-restore"), 5)
    expect(status(page)).to_have_text("count=1 name=- extra=False")
    expect(main(page).get_by_label("Name")).to_have_value("")  # the widget shows the restored value
    expect(rows(page).last).to_contain_text("restore of #2")
    expect(rows(page).last).to_have_class(re.compile("ssd-restore-row"))
    rows(page).last.click()
    expect(p.get_by_test_id("ssd-ops")).to_contain_text("debugger: restored from the end of rerun 2")
    rows(page).nth(3).click()  # the picture: the restore row, and the bar for #4 with its note
    expect(p.get_by_test_id("ssd-restore")).to_have_text("Restore state after #4")
    page.screenshot(path=str(screenshot_path("time-travel.png", tmp_path)))
    last = _trace(runner).reruns[-1]
    assert last.trigger.kind == "restore" and last.trigger.restored_from == 2
    assert last.diff.removed == ["extra"]
    # the app goes on from the restored state
    click_and_wait(page, add, 6)
    expect(status(page)).to_have_text("count=2 name=- extra=True")


def test_pause_from_the_panel_leaves_a_gap_and_resume_records_again(app_page):
    runner, page = app_page
    p = panel(page)
    add = main(page).get_by_role("button", name="Add", exact=True)
    p.get_by_test_id("ssd-pause").click()
    expect(p.get_by_test_id("ssd-paused")).to_be_visible(timeout=20_000)
    expect(p.get_by_test_id("ssd-pause")).to_have_text("Resume")
    for n in (1, 2):
        add.click()
        expect(status(page)).to_contain_text(f"count={n} ", timeout=20_000)
        wait_ready(page)
    expect(rows(page)).to_have_count(1)  # nothing recorded while paused
    p.get_by_test_id("ssd-pause").click()
    expect(p.get_by_test_id("ssd-pause")).to_have_text("Pause", timeout=20_000)
    wait_ready(page)
    click_and_wait(page, add, 2)
    expect(p.get_by_test_id("ssd-gap")).to_have_text(re.compile(r"^#2–#\d+ not recorded \(paused\)$"))
    reruns = _trace(runner).reruns
    assert reruns[0].index == 1 and reruns[-1].index > 3
    assert reruns[-1].diff.values["count"] == ["0", "3"]  # what changed while paused is in the diff


def test_a_pinned_key_gets_a_watch_table_and_break_stops_the_culprit(app_page, tmp_path):
    _, page = app_page
    p = panel(page)
    add = main(page).get_by_role("button", name="Add", exact=True)
    p.locator("[data-testid=ssd-pin][data-key=count]").click()
    block = p.locator("[data-testid=ssd-watch-key][data-key=count]")
    expect(block).to_be_visible(timeout=20_000)
    wait_ready(page)
    n = rows(page).count()
    click_and_wait(page, add, n + 1)
    click_and_wait(page, add, n + 2)
    table = block.get_by_test_id("ssd-watch-table")
    expect(table.get_by_test_id("ssd-watch-row")).to_have_count(3)  # added, then two changes
    expect(table.get_by_test_id("ssd-watch-row").last).to_contain_text("callback add() · widget add")
    expect(table.get_by_test_id("ssd-watch-row").last).to_contain_text("2")
    # the timeline shows the callback and its duration; the slowest list has it
    expect(rows(page).last.get_by_test_id("ssd-callback")).to_contain_text(re.compile(r"add\(\) · widget add \d"))
    slowest = p.get_by_test_id("ssd-slowest")
    slowest.locator("summary").click()
    expect(slowest.get_by_test_id("ssd-slowest-row").first).to_contain_text("add() · widget add")
    p.get_by_test_id("ssd-ops").locator("summary").first.click()  # the picture: room for the watch table
    p.get_by_test_id("ssd-diff").locator("summary").first.click()
    expect(block).to_be_in_viewport()
    page.screenshot(path=str(screenshot_path("watch.png", tmp_path)))
    block.get_by_test_id("ssd-break").select_option("callback")
    expect(block.get_by_test_id("ssd-break")).to_have_value("callback")
    wait_ready(page)
    add.click()
    stopped = main(page).get_by_text(re.compile(r"st_state_debugger: 'count' is about to be changed by callback add\(\) of widget 'add' at travel_app\.py:\d+"))
    expect(stopped).to_be_visible(timeout=20_000)


def test_turning_a_break_off_after_it_stopped_the_app_reruns_the_app_without_the_stopped_write(app_page):
    _, page = app_page
    p = panel(page)
    add = main(page).get_by_role("button", name="Add", exact=True)
    click_and_wait(page, add, 2)  # clicked at once, before the pin: count=1
    p.locator("[data-testid=ssd-pin][data-key=count]").click()
    block = p.locator("[data-testid=ssd-watch-key][data-key=count]")
    expect(block).to_be_visible(timeout=20_000)
    block.get_by_test_id("ssd-break").select_option("callback")
    expect(block.get_by_test_id("ssd-break")).to_have_value("callback")
    wait_ready(page)
    add.click()
    stopped = main(page).get_by_text(re.compile(r"'count' (is about to be changed|written) by callback add\(\)"))
    expect(stopped).to_be_visible(timeout=20_000)
    expect(status(page)).to_have_count(0)  # the run stopped before the markdown
    wait_ready(page)
    block = panel(page).locator("[data-testid=ssd-watch-key][data-key=count]")
    block.get_by_test_id("ssd-break").select_option("off")
    # no R: the app runs again by itself, past the break, and the stopped write never landed
    expect(stopped).to_have_count(0, timeout=20_000)
    expect(status(page)).to_have_text(re.compile(r"^count=1 "), timeout=20_000)


def test_a_widget_given_value_and_a_session_state_value_is_flagged_in_the_panel(app_page, tmp_path):
    _, page = app_page
    click_and_wait(page, main(page).get_by_role("button", name="Preset", exact=True), 2)
    notice = panel(page).get_by_test_id("ssd-notice").filter(has_text="'qty' is created at travel_app.py:")
    expect(notice).to_contain_text("with a value= default, but 'qty' was also set through st.session_state by callback preset() (widget 'preset')")
    expect(main(page).get_by_label("Qty")).to_have_value("5")
    page.screenshot(path=str(screenshot_path("warnings.png", tmp_path)))


CONTRAST_JS = """(el) => {
  const lum = (c) => {
    const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map((x) => Number(x) / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const opaque = (c) => !/rgba\\(.*,\\s*0\\)$/.test(c) && c !== 'transparent';
  let node = el, bg = null;
  while (node && !bg) {
    const c = getComputedStyle(node).backgroundColor;
    if (opaque(c)) bg = c;
    node = node.parentElement || (node.getRootNode() && node.getRootNode().host) || null;
  }
  const fg = getComputedStyle(el).color;
  const [hi, lo] = [lum(fg), lum(bg || 'rgb(255,255,255)')].sort((a, b) => b - a);
  return [(hi + 0.05) / (lo + 0.05), fg, bg];
}"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_new_controls_are_readable_and_fit_the_sidebar_in_both_themes(serve, browser, theme):
    runner = serve(APP, args=["--theme.base", theme])
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    page.goto(runner.url)
    wait_ready(page)
    p = panel(page)
    add = main(page).get_by_role("button", name="Add", exact=True)
    p.locator("[data-testid=ssd-pin][data-key=count]").click()
    expect(p.get_by_test_id("ssd-watch-key")).to_be_visible(timeout=20_000)
    wait_ready(page)
    click_and_wait(page, add, 2)
    click_and_wait(page, add, 3)
    rows(page).first.click()
    checked = ["ssd-restore", "ssd-restore-note", "ssd-callback", "ssd-watch-row", "ssd-break", "ssd-pause", "ssd-pin"]
    for testid in checked:
        element = p.get_by_test_id(testid).first
        expect(element).to_be_visible()
        ratio, fg, bg = element.evaluate(CONTRAST_JS)
        assert ratio >= 4.5, (theme, testid, fg, bg, ratio)  # WCAG AA for normal text
    width = p.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert width[0] <= width[1] + 1, width  # nothing overflows the sidebar's width
    page.close()
