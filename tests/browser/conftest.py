"""Browser tests: Playwright driving Debian's Chromium against `streamlit run` on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("ST_STATE_DEBUGGER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitRunner:
    """`streamlit run APP` on a free port of 127.0.0.1; stopped by PID."""

    def __init__(self, app: Path, trace_dir: Path, env: dict[str, str] | None = None, args: list[str] | None = None,
                 command: list[str] | None = None, address: str = "127.0.0.1") -> None:
        self.port = _free_port()
        self.url = f"http://{address}:{self.port}"
        self.trace_dir = trace_dir
        self.log = trace_dir.parent / f"streamlit-{self.port}.log"
        full_env = {**os.environ, "ST_STATE_DEBUGGER_TRACE_DIR": str(trace_dir), "PYTHONPATH": str(ROOT), **(env or {})}
        cmd = [*(command or [sys.executable, "-m", "streamlit", "run"]), str(app), "--server.address", address,
               "--server.port", str(self.port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none", *(args or [])]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=open(self.log, "wb"), stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        return
            except OSError:
                time.sleep(0.3)
            if self.proc.poll() is not None:
                break
        self.stop()
        raise RuntimeError(f"streamlit did not start: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture(scope="session")
def playwright():
    """One sync Playwright for the whole run (it owns the main thread's event loop)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's Chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright):
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.fixture()
def serve(tmp_path):
    runners: list[StreamlitRunner] = []

    def start(app: str | Path, **kwargs) -> StreamlitRunner:
        path = Path(app)
        if not path.is_absolute():
            path = ROOT / path
        runner = StreamlitRunner(path, tmp_path / f"traces-{len(runners)}", **kwargs)
        runners.append(runner)
        return runner

    yield start
    for r in runners:
        r.stop()


#: Text of the page including open shadow roots (the panel renders in one).
DEEP_TEXT_JS = """() => {
  const out = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) { if (el.shadowRoot) walk(el.shadowRoot); }
    out.push((root.body || root).textContent || '');
  };
  walk(document);
  return out.join('\\n');
}"""


def screenshot_path(name: str, tmp_path: Path) -> Path:
    """docs/NAME with ST_STATE_DEBUGGER_SCREENSHOTS=1 (refreshing the README's pictures),
    else a temporary file, so a test run leaves the repository as it was."""
    if os.environ.get("ST_STATE_DEBUGGER_SCREENSHOTS") == "1":
        return ROOT / "docs" / name
    return tmp_path / name


def panel(page):
    """The panel's root, inside the component's shadow root (Playwright pierces it)."""
    return page.locator("[data-testid=stSidebar] [data-testid=ssd-panel]").first


def wait_ready(page, timeout: float = 30_000) -> None:
    """Wait until the app finished its run and the panel drew its timeline."""
    page.wait_for_selector("[data-testid=stSidebar] [data-testid=ssd-timeline]", timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=timeout)


def rows(page):
    """The panel's timeline rows."""
    return page.locator("[data-testid=stSidebar] [data-testid=ssd-rerun-row]")


def click_and_wait(page, locator, expected_rows: int) -> None:
    """Click, then wait for the rerun it starts to be in the timeline and to end."""
    locator.click()
    expect(rows(page)).to_have_count(expected_rows, timeout=20_000)
    wait_ready(page)


def open_app(serve, browser, app: str):
    """Serve ``app`` and open it in a fresh page (1300×1000, downloads on); yields
    (runner, page) and fails the test on any uncaught error in the page."""
    runner = serve(app)
    context = browser.new_context(viewport={"width": 1300, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(runner.url)
    wait_ready(page)
    yield runner, page
    context.close()
    assert not errors, errors
