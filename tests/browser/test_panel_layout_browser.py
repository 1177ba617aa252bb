"""The panel in a real sidebar: following the latest rerun, its layout at Streamlit's
default and narrowest sidebar widths in both themes, and accessible names that never
collide with the app's.

Every test acts as a person does: it clicks the app's widgets as soon as the page
shows them, without waiting for the panel, and then checks the panel.
"""

from __future__ import annotations

import re
import textwrap
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import panel, screenshot_path, wait_ready
from tests.browser.test_time_travel_browser import CONTRAST_JS

pytestmark = pytest.mark.browser

#: Streamlit 1.67's sidebar: `defaultSidebarWidth` 18.75rem and `minSidebarWidth`
#: 12.5rem (dragging stops there), remembered in localStorage["sidebarWidth"].
DEFAULT_SIDEBAR_PX = 300
NARROWEST_SIDEBAR_PX = 200

LAYOUT_APP = '''
import streamlit as st
import st_state_debugger

st_state_debugger.enable()
ss = st.session_state
ss.setdefault("todos", ["Buy milk", "Walk the dog to the park", "Call grandmother about Sunday"])
ss.setdefault("shopping_list_for_the_weekend", {"apples": 3, "oranges": 5, "bread": "wholegrain"})
ss.setdefault("clicks", 0)


def add_todo():
    ss.clicks += 1
    ss.todos.append(f"Buy milk {ss.clicks}")


st.button("Add to-do", key="add_todo_button", on_click=add_todo)
st.write(len(ss.todos), "to-dos")
'''

GREET_APP = '''
import streamlit as st
import st_state_debugger

st_state_debugger.enable()
ss = st.session_state


def greet():
    ss.greet = f"Hello, {ss.get('visitor', 'you')}"


st.button("Greet", key="greet_button", on_click=greet)
st.text_input("Visitor", key="visitor")
if ss.get("show_typo"):
    st.write(ss["greting"])
st.checkbox("Show typo", key="show_typo")
st.write(ss.get("greet", "-"))
'''


def _app(tmp_path: Path, name: str, source: str) -> Path:
    """Write a small app beside the test's files (the long file name is on purpose)."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(source))
    return path


def _open(serve, browser, app: Path, width: int = DEFAULT_SIDEBAR_PX, theme: str = "light"):
    """Open ``app`` with the sidebar at ``width`` px, returning the page at once (no waiting for the panel)."""
    runner = serve(app, args=["--theme.base", theme])
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    context.add_init_script(f"window.localStorage.setItem('sidebarWidth', '{width}')")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(runner.url)
    return page, errors


def _main(page):
    return page.get_by_test_id("stMainBlockContainer")


def _click_until(page, button, count: int) -> None:
    """Click an app button the moment it is there, ``count`` times in all, then wait for
    the panel to show every resulting rerun (the way a person clicks, then looks)."""
    for _ in range(count):
        button.click()
        expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=20_000)
    wait_ready(page)
    _settled(page)


def _places(p, timeout: float = 5):
    """ROW_PLACES_JS once the timeline box has its scroll position: Streamlit can attach
    a redrawn panel a frame after it rendered (the box then refits); a box that stays
    wrong fails."""
    deadline = time.time() + timeout
    places = p.evaluate(ROW_PLACES_JS)
    while time.time() < deadline and ([x[1] for x in places if x[2]] != ["in"] or [x for x in places if x[1] == "cut"]):
        time.sleep(0.25)
        places = p.evaluate(ROW_PLACES_JS)
    return places


def _settled(page, timeout: float = 20) -> None:
    """Wait until the panel has drawn the data of the last run: the component draws
    asynchronously, so a just-ended run can still show the previous rerun's rows."""
    deadline = time.time() + timeout
    seen = None
    while time.time() < deadline:
        now = (_rows(page).count(), _latest(page) if _rows(page).count() else None)
        if now == seen:
            return
        seen = now
        time.sleep(0.75)


def _selected(page):
    return panel(page).locator("[data-testid=ssd-rerun-row][aria-selected=true]")


#: Where each timeline row is against the list's visible box: 'in', 'out' or 'cut'.
ROW_PLACES_JS = """(panel) => {
  const list = panel.querySelector('.ssd-timeline-list');
  const box = list.getBoundingClientRect();
  return [...list.children].map((el) => {
    const r = el.getBoundingClientRect();
    const place = r.top >= box.top - 1 && r.bottom <= box.bottom + 1 ? 'in'
      : (r.bottom <= box.top + 1 || r.top >= box.bottom - 1) ? 'out' : 'cut';
    return [el.getAttribute('data-index'), place, el.getAttribute('aria-selected') === 'true'];
  });
}"""

#: Words split across two lines ("Buy m|ilk", "demo_ap|p.py"): [before, after] pairs.
MIDWORD_JS = """(panel) => {
  const word = /[A-Za-z0-9_.:]/;
  const out = [];
  const walker = document.createTreeWalker(panel, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const rect = (node, i) => { range.setStart(node, i); range.setEnd(node, i + 1); return range.getBoundingClientRect(); };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    for (let i = 1; i < text.length; i++) {
      if (!word.test(text[i - 1]) || !word.test(text[i])) continue;
      const a = rect(node, i - 1), b = rect(node, i);
      if (!a.width || !b.width) continue;  // not rendered (closed section, clipped by an ellipsis)
      if (b.top < a.bottom - 1) continue;
      // A word longer than its whole line may be split; any other split is a bug.
      let start = i - 1, end = i + 1;
      while (start > 0 && word.test(text[start - 1])) start--;
      while (end < text.length && word.test(text[end])) end++;
      range.setStart(node, start); range.setEnd(node, end);
      const wordWidth = [...range.getClientRects()].reduce((w, r) => w + r.width, 0);
      const line = node.parentElement.closest('div, td, li, p, summary').clientWidth;
      if (wordWidth <= line) out.push([text.slice(start, i), text.slice(i, end)]);
    }
  }
  return out;
}"""

#: Elements whose content is cut sideways without an ellipsis and a tooltip, and scroll
#: boxes of values that show part of a line.
CLIPPED_JS = """(panel) => {
  const out = [];
  for (const el of panel.querySelectorAll('*')) {
    const s = getComputedStyle(el);
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
      const explained = s.textOverflow === 'ellipsis' && (el.title || el.closest('[title]'));
      if (!explained) out.push(['wide', el.className || el.tagName, el.scrollWidth, el.clientWidth]);
    }
    if (el.classList.contains('ssd-value') && el.scrollHeight > el.clientHeight + 1) {
      const lines = el.clientHeight / parseFloat(s.lineHeight);
      if (Math.abs(lines - Math.round(lines)) > 0.1) out.push(['half line', el.className, el.clientHeight, s.lineHeight]);
    }
  }
  return out;
}"""


def _rows(page):
    """The timeline rows of the panel (Streamlit may briefly keep the previous element too)."""
    return panel(page).get_by_test_id("ssd-rerun-row")


def _latest(page) -> str:
    return _rows(page).last.get_attribute("data-index")


def test_after_restore_the_restore_rerun_is_selected_loaded_and_in_view(serve, browser, tmp_path):
    page, errors = _open(serve, browser, _app(tmp_path, "layout_app.py", LAYOUT_APP))
    add = _main(page).get_by_role("button", name="Add to-do")
    _click_until(page, add, 9)  # ten reruns: more than the timeline box shows at once
    p = panel(page)
    expect(_selected(page)).to_have_attribute("data-index", _latest(page))
    expect(p.get_by_test_id("ssd-pinned")).to_have_count(0)  # following: no pinned bar

    _rows(page).nth(1).click()  # pin rerun #2
    expect(p.get_by_test_id("ssd-pinned")).to_contain_text(f"pinned to #2 · latest #{_latest(page)}")
    _click_until(page, add, 1)
    expect(_selected(page)).to_have_attribute("data-index", "2")  # pinned stays pinned…
    expect(p.get_by_test_id("ssd-pinned")).to_contain_text(f"pinned to #2 · latest #{_latest(page)}")

    p.get_by_test_id("ssd-restore").click()  # …until the user restores it
    expect(_rows(page).last).to_contain_text("restore of #2", timeout=20_000)
    wait_ready(page)
    restore = _latest(page)
    expect(_selected(page)).to_have_attribute("data-index", restore)
    expect(p.get_by_test_id("ssd-ops")).to_contain_text(f"Operations #{restore}")
    expect(p.get_by_test_id("ssd-ops")).to_contain_text("debugger: restored from the end of rerun 2")
    expect(p.get_by_test_id("ssd-missing-detail")).to_have_count(0)
    expect(p.get_by_test_id("ssd-pinned")).to_have_count(0)
    places = _places(p)
    assert [i for i, place, sel in places if sel] == [restore] and places[-1][1] == "in", places
    assert not [x for x in places if x[1] == "cut"], places

    # pin again, then "follow latest" is one click, and new reruns are selected again
    _rows(page).nth(3).click()
    p.get_by_test_id("ssd-follow").click()
    expect(_selected(page)).to_have_attribute("data-index", _latest(page))
    _click_until(page, add, 1)
    expect(panel(page).get_by_test_id("ssd-pinned")).to_have_count(0)
    expect(_selected(page)).to_have_attribute("data-index", _latest(page))
    assert not errors, errors


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_selected_row_uses_a_readable_selection_colour_not_the_error_red(serve, browser, tmp_path, theme):
    page, _ = _open(serve, browser, _app(tmp_path, "layout_app.py", LAYOUT_APP), theme=theme)
    _click_until(page, _main(page).get_by_role("button", name="Add to-do"), 2)
    row = _selected(page)
    expect(row).to_have_attribute("data-index", "3")
    expect(row).to_have_class(re.compile(r"\bssd-selected\b"))
    border, reds, sidebar_bg = row.evaluate("""(el) => {
      const probe = document.createElement('span');
      el.appendChild(probe);
      const colour = (v) => { probe.style.color = `var(${v})`; return getComputedStyle(probe).color; };
      const reds = ['--st-red-color', '--st-red-text-color', '--st-primary-color', '--ssd-red'].map(colour);
      probe.remove();
      return [getComputedStyle(el).borderLeftColor, reds, getComputedStyle(document.querySelector('[data-testid=stSidebar]')).backgroundColor];
    }""")
    assert border not in reds, (theme, border, reds)
    red, green, blue = (int(x) for x in re.findall(r"\d+", border)[:3])
    assert not (red > green + 60 and red > blue + 60), (theme, border)  # not a red hue at all
    ratio, fg, bg = row.locator(".ssd-trigger").evaluate(CONTRAST_JS)
    assert ratio >= 4.5, (theme, fg, bg, ratio)  # WCAG AA text in the selected row
    meta_ratio, *_ = row.locator(".ssd-rwd").evaluate(CONTRAST_JS)
    assert meta_ratio >= 4.5, (theme, meta_ratio)
    lum = _relative_luminance
    hi, lo = sorted((lum(border), lum(sidebar_bg)), reverse=True)
    assert (hi + 0.05) / (lo + 0.05) >= 3, (theme, border, sidebar_bg)  # WCAG 1.4.11: the marker is visible


def _relative_luminance(rgb: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"\d+", rgb)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("width", [DEFAULT_SIDEBAR_PX, NARROWEST_SIDEBAR_PX])
def test_rows_values_and_watch_cells_fit_the_sidebar_whole(serve, browser, tmp_path, width, theme):
    app = _app(tmp_path, "layout_app_with_a_rather_long_file_name.py", LAYOUT_APP)
    page, errors = _open(serve, browser, app, width=width, theme=theme)
    add = _main(page).get_by_role("button", name="Add to-do")
    _click_until(page, add, 8)
    sidebar = page.get_by_test_id("stSidebar").evaluate("el => Math.round(el.getBoundingClientRect().width)")
    assert sidebar == width, sidebar
    p = panel(page)
    p.locator("[data-testid=ssd-pin][data-key=todos]").click()  # watch a list of to-dos
    expect(p.locator("[data-testid=ssd-watch-key][data-key=todos]")).to_be_visible(timeout=20_000)
    wait_ready(page)
    _click_until(page, add, 1)
    expect(p.get_by_test_id("ssd-watch-row").last).to_have_attribute("data-rerun", re.compile(r"^([1-9]\d*)$"))
    expect(_selected(page)).to_have_attribute("data-index", _latest(page))
    page.screenshot(path=str(screenshot_path(f"panel-layout-{width}-{theme}.png", tmp_path)), full_page=True)

    places = _places(p)
    assert not [x for x in places if x[1] == "cut"], places  # no row cut mid-line
    assert [x[1] for x in places if x[2]] == ["in"], places  # the selected (latest) row is in view
    assert p.evaluate(MIDWORD_JS) == []  # no "Buy m|ilk", no "layout_ap|p.py"
    assert p.evaluate(CLIPPED_JS) == []  # no cell or line cut without an ellipsis and a tooltip
    width_used = p.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert width_used[0] <= width_used[1] + 1, width_used
    loc = p.get_by_test_id("ssd-ops").locator(".ssd-loc").first
    expect(loc).to_have_attribute("title", re.compile(r"layout_app_with_a_rather_long_file_name\.py:\d+$"))

    _rows(page).nth(1).click()  # an older rerun, selected at the top of a scrolled box, stays whole
    places = _places(p)
    assert [x[1] for x in places if x[2]] == ["in"] and not [x for x in places if x[1] == "cut"], places
    assert not errors, errors


def test_a_users_get_by_role_finds_only_the_apps_button(serve, browser, tmp_path):
    page, errors = _open(serve, browser, _app(tmp_path, "greet_app.py", GREET_APP))
    greet = page.get_by_role("button", name="Greet")  # the user's own test, strict mode
    greet.click()  # right away
    # the Visitor box exists (empty), so the greeting is "Hello, " and not "Hello, you"
    expect(_main(page).get_by_test_id("stMarkdownContainer").last).to_have_text(re.compile(r"^Hello,\s*$"), timeout=20_000)
    _main(page).get_by_text("Show typo").click()  # a KeyError with "did you mean 'greet'"
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=20_000)
    wait_ready(page)
    p = panel(page)
    expect(p.get_by_test_id("ssd-errors")).to_contain_text("greting")
    p.locator("[data-testid=ssd-pin][data-key=greet]").click()
    expect(p.locator("[data-testid=ssd-watch-key][data-key=greet]")).to_be_visible(timeout=20_000)
    wait_ready(page)
    p.get_by_test_id("ssd-slowest").locator("summary").click()
    # the panel shows "greet" as a key, a diff entry, a suggestion, a watch and a callback…
    expect(p.get_by_test_id("ssd-state")).to_contain_text("greet")
    expect(p.get_by_test_id("ssd-watch")).to_contain_text("greet")
    expect(p.get_by_test_id("ssd-slowest")).to_contain_text("greet()")
    # …and the user's locator still finds exactly one element: the app's button
    expect(greet).to_have_count(1)
    greet.click()
    # the Operations section of that rerun is open and its key filter lists the keys it touched
    expect(p.get_by_test_id("ssd-ops")).to_have_attribute("open", "")
    expect(p.locator("[data-testid=ssd-filter-key] option[value=greet]")).to_have_count(1, timeout=20_000)
    expect(p.locator("[data-testid=ssd-filter-key] option[value=visitor]")).to_have_count(1)
    for role in ("button", "option", "combobox", "checkbox", "textbox", "link"):
        assert p.get_by_role(role, name="greet").count() == 0, role

    keys = set(p.get_by_test_id("ssd-state-entry").evaluate_all("els => els.map((e) => e.getAttribute('data-key'))"))
    assert {"greet", "greet_button", "visitor", "show_typo"} <= keys
    named = _named_controls(p.aria_snapshot())
    assert len(named) > 10, named
    leaks = [(role, name) for role, name in named for key in keys if key.lower() in name.lower()]
    assert leaks == [], leaks
    assert not errors, errors


CONTROL_ROLES = {"button", "link", "checkbox", "radio", "switch", "tab", "menuitem", "option", "combobox",
                 "textbox", "searchbox", "slider", "spinbutton", "listbox"}


def _named_controls(snapshot: str) -> list[tuple[str, str]]:
    """(role, accessible name) of each control in a Playwright ARIA snapshot, the
    options of a closed native <select> included (the key filter lists app keys)."""
    out = []
    for line in snapshot.splitlines():
        m = re.match(r"\s*- '?(\w+)(?: \"((?:[^\"\\]|\\.)*)\")?", line)
        if not m:
            continue
        role, name = m.group(1), m.group(2) or ""
        if role in CONTROL_ROLES:
            out.append((role, name))
    return out


HOOK_MODULE = '''
import json, os
import streamlit as st


def hook(*args, **kwargs):
    """PYTHONBREAKPOINT's debugger: notes the watched key's value at the moment it gets control."""
    with open(os.environ["SSD_HOOK_LOG"], "a") as f:
        f.write(json.dumps(st.session_state.get("clicks")) + "\\n")
'''


def test_the_break_menu_hands_a_callbacks_write_to_the_developers_debugger(serve, browser, tmp_path):
    """Issue 16 item 1 from the panel: pin a key, break on "callback", then "open my
    debugger": the next click calls breakpoint() before the write, and the app runs on."""
    (tmp_path / "ssd_hookmod.py").write_text(HOOK_MODULE)
    log = tmp_path / "hook.log"
    root = Path(__file__).resolve().parents[2]
    runner = serve(_app(tmp_path, "layout_app.py", LAYOUT_APP), env={
        "PYTHONBREAKPOINT": "ssd_hookmod.hook", "SSD_HOOK_LOG": str(log), "PYTHONPATH": f"{root}:{tmp_path}"})
    page = browser.new_context(viewport={"width": 1300, "height": 1000}).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(runner.url)
    add = _main(page).get_by_role("button", name="Add to-do")
    _click_until(page, add, 1)  # clicks = 1
    p = panel(page)
    p.locator("[data-testid=ssd-pin][data-key=clicks]").click()
    p.locator("[data-testid=ssd-break][data-key=clicks]").select_option("callback")
    action = p.locator("[data-testid=ssd-break-action][data-key=clicks]")
    expect(action).to_have_value("raise", timeout=20_000)
    action.select_option("breakpoint")
    expect(p.locator("[data-testid=ssd-break-action][data-key=clicks]")).to_have_value("breakpoint", timeout=20_000)
    wait_ready(page)
    add.click()
    expect(_main(page).get_by_text("5 to-dos")).to_be_visible(timeout=20_000)  # the write landed, the app ran on
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert log.read_text().split() == ["1"]  # the debugger got control before clicks became 2
    assert not errors, errors
