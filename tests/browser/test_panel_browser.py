"""The sidebar panel in a real browser (Debian Chromium) against `streamlit run`."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from st_state_debugger import load_trace
from tests.browser.conftest import click_and_wait, open_app, panel, rows, screenshot_path, wait_ready

pytestmark = pytest.mark.browser
APP = "tests/apps/browser_app.py"

DEEP_TEXT = """() => {
  const out = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
    }
    out.push(root.textContent || '');
    for (const el of root.querySelectorAll('input, textarea')) out.push(el.value || '');
  };
  walk(document);
  return out.join('\\n');
}"""


def main_button(page, name):
    return page.get_by_test_id("stMainBlockContainer").get_by_role("button", name=name, exact=True)


@pytest.fixture()
def app_page(serve, browser):
    yield from open_app(serve, browser, APP)


def test_panel_renders_on_first_load_with_timeline_and_state(app_page):
    _, page = app_page
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("initial")
    state = panel(page).get_by_test_id("ssd-state")
    expect(state).to_contain_text("user_name")
    expect(state).to_contain_text("'ada'")


def test_clicking_a_widget_adds_a_rerun_with_its_trigger_and_callback(app_page):
    _, page = app_page
    click_and_wait(page, main_button(page, "Add"), 2)
    latest = rows(page).last
    expect(latest).to_contain_text("widget add3")
    ops = panel(page).get_by_test_id("ssd-ops")
    expect(ops).to_contain_text("callback add() · widget add3")
    expect(ops).to_contain_text("browser_app.py:14")
    expect(panel(page).get_by_test_id("ssd-diff")).to_contain_text("total")


def test_a_rerun_adds_its_row_and_keeps_the_rows_already_on_screen(app_page):
    """The panel puts on screen only what differs (frontend/src/morph.ts): the first
    row, the timeline box and the operations section a user may be reading stay the
    same DOM nodes while a click's rerun arrives and is drawn."""
    _, page = app_page
    before = [rows(page).first.element_handle(), panel(page).get_by_test_id("ssd-ops").element_handle()]
    click_and_wait(page, main_button(page, "Add"), 2)
    expect(rows(page).last).to_contain_text("widget add3")
    after = [rows(page).first.element_handle(), panel(page).get_by_test_id("ssd-ops").element_handle()]
    assert page.evaluate("([a, b]) => a.map((el, i) => el.isConnected && el === b[i])", [before, after]) == [True, True]
    expect(panel(page).get_by_test_id("ssd-ops")).to_contain_text("callback add() · widget add3")


def _trace(runner):
    return load_trace(next(runner.trace_dir.glob("*.jsonl")), strict=False)


def test_fragment_rerun_is_labelled_fragment_in_trace_and_panel(app_page):
    runner, page = app_page
    main_button(page, "Frag click").click()
    expect(page.get_by_test_id("stMainBlockContainer")).to_contain_text(re.compile(r"clicks\s*1"), timeout=20_000)
    deadline = time.time() + 20
    while time.time() < deadline and len(_trace(runner).reruns) < 2:
        time.sleep(0.2)
    reruns = _trace(runner).reruns
    assert reruns[-1].trigger.kind == "fragment" and reruns[-1].trigger.fragment == "panel_counter"
    assert reruns[-1].trigger.widget_key == "frag"
    assert [e.key for e in reruns[-1].events if e.op == "write"] == ["frag", "clicks"]
    # the panel sits outside that fragment: it shows the fragment run on the next full rerun
    click_and_wait(page, main_button(page, "Add"), 3)
    expect(rows(page).nth(1)).to_contain_text("fragment panel_counter()")


def test_keyerror_origin_after_widget_cleanup_and_typo(app_page):
    _, page = app_page
    click_and_wait(page, page.get_by_test_id("stMainBlockContainer").get_by_text("Show note"), 2)
    click_and_wait(page, main_button(page, "Read note"), 3)
    errors = panel(page).get_by_test_id("ssd-errors")
    expect(errors).to_contain_text("'note' was removed by Streamlit at the end of rerun 2 because its widget was not rendered in that run")
    click_and_wait(page, main_button(page, "Greet"), 4)
    expect(errors).to_contain_text("did you mean 'user_name'")


def test_xss_payloads_show_as_text_and_never_run(app_page):
    _, page = app_page
    state = panel(page).get_by_test_id("ssd-state")
    expect(state).to_contain_text('<img src=x onerror="window.__xss=1">')
    expect(state).to_contain_text("</div><b onmouseover=")
    state.get_by_text("</div><b onmouseover=", exact=False).first.hover()
    assert page.evaluate("window.__xss") is None
    assert page.evaluate("""() => { let n = 0; const walk = (r) => { for (const el of r.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot); if (el.matches('img[src="x"]')) n++; } }; walk(document); return n; }""") == 0


def test_redacted_values_never_reach_the_page(app_page):
    _, page = app_page
    text = page.evaluate(DEEP_TEXT)
    assert "db_password" in text and "‹redacted›" in text
    assert "hunter2-do-not-show" not in text


def test_two_browser_sessions_see_only_their_own_state(serve, browser):
    runner = serve(APP)
    pages = []
    for word in ("alpha-only-value", "beta-only-value"):
        context = browser.new_context()
        page = context.new_page()
        page.goto(runner.url)
        wait_ready(page)
        box = page.get_by_test_id("stMainBlockContainer").get_by_label("Who")
        box.fill(word)
        box.press("Enter")
        expect(rows(page)).to_have_count(2, timeout=20_000)
        wait_ready(page)
        pages.append((page, word))
    (a, word_a), (b, word_b) = pages
    text_a, text_b = a.evaluate(DEEP_TEXT), b.evaluate(DEEP_TEXT)
    assert word_a in text_a and word_b not in text_a
    assert word_b in text_b and word_a not in text_b
    assert len(list(runner.trace_dir.glob("*.jsonl"))) == 2


def test_export_downloads_a_trace_that_load_trace_reads(app_page, tmp_path):
    runner, page = app_page
    click_and_wait(page, main_button(page, "Add"), 2)
    with page.expect_download(timeout=30_000) as info:
        panel(page).get_by_test_id("ssd-export").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert re.fullmatch(r"st_state_debugger-[0-9a-f]{8}-\d{8}-\d{6}\.jsonl", target.name)
    trace = load_trace(target)
    assert [r.index for r in trace.reruns] == [1, 2]
    assert trace.reruns[1].trigger.widget_key == "add3"
    assert "hunter2-do-not-show" not in target.read_text()
    # the export request reran only the panel's fragment: no app rerun was added
    expect(rows(page)).to_have_count(2)
    click_and_wait(page, main_button(page, "Add"), 3)
    assert [(r.index, r.trigger.kind) for r in _trace(runner).reruns] == [(1, "initial"), (2, "widget"), (3, "widget")]


def test_screenshot_of_the_panel_for_the_readme(app_page, tmp_path):
    _, page = app_page
    click_and_wait(page, main_button(page, "Add"), 2)
    click_and_wait(page, page.get_by_test_id("stMainBlockContainer").get_by_text("Show note"), 3)
    click_and_wait(page, main_button(page, "Read note"), 4)
    path = screenshot_path("panel.png", tmp_path)
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000


def test_selected_rerun_and_filters_survive_new_reruns(app_page):
    _, page = app_page
    click_and_wait(page, main_button(page, "Add"), 2)
    rows(page).first.click()
    ops = panel(page).get_by_test_id("ssd-ops")
    expect(ops).to_contain_text("Operations #1")
    search = panel(page).get_by_test_id("ssd-search")
    search.fill("user_name")
    expect(panel(page).get_by_test_id("ssd-ops-count")).to_contain_text("1 of")
    click_and_wait(page, main_button(page, "Add"), 3)  # a new rerun arrives
    expect(panel(page).get_by_test_id("ssd-ops")).to_contain_text("Operations #1")
    expect(panel(page).get_by_test_id("ssd-search")).to_have_value("user_name")
    expect(rows(page).last).to_contain_text("widget add3")


def _luminance(rgb: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"\d+", rgb)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_panel_text_is_readable_in_light_and_dark_themes(serve, browser, theme, tmp_path):
    runner = serve(APP, args=["--theme.base", theme])
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.goto(runner.url)
    wait_ready(page)
    fg = panel(page).evaluate("el => getComputedStyle(el).color")
    bg = page.get_by_test_id("stSidebar").evaluate("el => getComputedStyle(el).backgroundColor")
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    contrast = (hi + 0.05) / (lo + 0.05)
    assert contrast >= 4.5, (theme, fg, bg, contrast)  # WCAG AA for normal text
    width = panel(page).evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert width[0] <= width[1] + 1, width  # nothing overflows the sidebar's width
    page.screenshot(path=str(screenshot_path(f"panel-{theme}.png", tmp_path)))
    page.close()


def test_the_bundle_is_served_from_the_package_asset_manifest(serve, browser):
    runner = serve(APP)
    page = browser.new_page()
    fetched = []
    page.on("response", lambda r: fetched.append((r.url.split("/_stcore/")[-1], r.status)))
    page.goto(runner.url)
    wait_ready(page)
    # the panel (panel_view) and its data element (panel), both from the package's frontend_dist/
    assert ("bidi-components/st_state_debugger.panel_view/index.js", 200) in fetched
    assert ("bidi-components/st_state_debugger.panel_view/index.css", 200) in fetched
    assert ("bidi-components/st_state_debugger.panel/index.js", 200) in fetched
    page.close()
