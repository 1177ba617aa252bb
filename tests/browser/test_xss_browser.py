"""Two dozen markup payloads in keys, values, a callback name and a file name:
shown as text by the panel and by the viewer, never executed."""

from __future__ import annotations

import sys

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import wait_ready
from tests.browser.test_panel_browser import DEEP_TEXT
from tests.browser.xss_payloads import PAYLOADS

pytestmark = pytest.mark.browser

COUNT_INJECTED = """() => { let n = 0;
  // element types the panel never creates, and any inline event handler attribute
  const bad = 'script,iframe,svg,object,embed,marquee,video,source,math,form,textarea,body,img,a[href],style';
  const walk = (r) => { for (const el of r.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      if (!el.closest('[data-testid=ssd-panel]')) continue;
      if (el.matches(bad) || [...el.attributes].some(a => a.name.startsWith('on'))) n++;
  } };
  walk(document); return n; }"""


def _assert_inert(page):
    page.wait_for_timeout(500)
    text = page.evaluate(DEEP_TEXT)
    missing = [p for p in PAYLOADS if p not in text]
    assert not missing, missing[:3]
    assert page.evaluate("window.__xss") is None
    assert page.evaluate(COUNT_INJECTED) == 0


def test_payloads_show_as_text_in_the_live_panel(serve, browser):
    runner = serve("tests/apps/xss_app.py")
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.goto(runner.url)
    wait_ready(page)
    page.get_by_test_id("stMainBlockContainer").get_by_role("button", name="Go").click()
    expect(page.locator("[data-testid=stSidebar] [data-testid=ssd-rerun-row]")).to_have_count(2, timeout=20_000)
    wait_ready(page)
    ops = page.locator("[data-testid=stSidebar] [data-testid=ssd-ops]")
    expect(ops).to_contain_text(f"callback {PAYLOADS[1]}()")  # the markup callback name, as text
    page.locator("[data-testid=stSidebar] [data-testid=ssd-rerun-row]").first.click()
    expect(page.locator("[data-testid=stSidebar] [data-testid=ssd-ops]")).to_contain_text(PAYLOADS[0] + ".py")  # file name
    for el in page.locator("[data-testid=stSidebar] [data-testid=ssd-op]").all()[:30]:
        el.hover()
    _assert_inert(page)
    page.close()


def test_payloads_show_as_text_in_the_viewer(serve, browser):
    runner = serve("tests/apps/xss_app.py")
    page = browser.new_page()
    page.goto(runner.url)
    wait_ready(page)
    page.close()
    (trace,) = runner.trace_dir.glob("*.jsonl")
    viewer = serve(trace, command=[sys.executable, "-m", "st_state_debugger", "view"])
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.goto(viewer.url)
    page.wait_for_selector("[data-testid=ssd-timeline]", timeout=30_000)
    expect(page.locator("[data-testid=ssd-state]")).to_contain_text(PAYLOADS[0])
    _assert_inert(page)
    page.close()
