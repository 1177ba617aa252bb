"""`st-state-debugger view` listens on 127.0.0.1 by default, and a browser on another
host (a network namespace, as in test_remote_session.py) gets a message, no trace
and no Export unless the developer opted in with --allow-remote."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.browser.conftest import (
    CHROMIUM_ARGS,
    DEEP_TEXT_JS,
    ROOT,
    StreamlitRunner,
    _free_port,
)
from tests.browser.test_remote_session import _reachable_from, remote_host  # noqa: F401  (a fixture)

pytestmark = pytest.mark.browser
CLI = [sys.executable, "-m", "st_state_debugger"]
DEMO_TRACE = ROOT / "tests" / "data" / "demo_trace.jsonl"


def _trace(tmp_path):
    path = tmp_path / "secret-project-trace.jsonl"
    shutil.copy(DEMO_TRACE, path)
    return path


def _remote_view(playwright, remote_host, tmp_path, *options: str) -> tuple[str, bytes, bool]:  # noqa: F811
    """View a trace on the veth address; open it from the other host. Returns the
    page text, every WebSocket frame the server sent, and whether an Export button showed."""
    server, wrapper, ns = remote_host
    runner = StreamlitRunner(_trace(tmp_path), tmp_path / "traces", env={"ST_STATE_DEBUGGER_ALLOW_REMOTE": "0"},
                             command=[*CLI, "view"], args=list(options), address=server)
    frames: list[bytes] = []
    try:
        _reachable_from(ns, runner.url)
        browser = playwright.chromium.launch(executable_path=wrapper, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on("websocket", lambda ws: ws.on(
                "framereceived", lambda p: frames.append(p if isinstance(p, bytes) else p.encode())))
            page.goto(runner.url)
            main = page.get_by_test_id("stMainBlockContainer")  # the viewer's caption, or the refusal
            main.get_by_text(re.compile("read-only|shows traces only")).first.wait_for(timeout=30_000)
            page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)
            page.wait_for_timeout(1500)
            export = page.locator("[data-testid=ssd-export]").count() > 0 or page.get_by_text("Export").count() > 0
            return page.evaluate(DEEP_TEXT_JS), b"".join(frames), export
        finally:
            browser.close()
    finally:
        runner.stop()


def test_a_remote_browser_gets_no_trace_and_no_export_from_view(playwright, remote_host, tmp_path):  # noqa: F811
    text, sent, export = _remote_view(playwright, remote_host, tmp_path)
    assert "shows traces only to a browser on the machine running it" in text
    assert not export
    for secret in ("user_name", "todos", "demo_app.py", "secret-project-trace"):
        assert secret not in text and secret.encode() not in sent, secret
    assert b"ssd_viewer" not in sent and b"st_state_debugger.panel" not in sent


def test_a_remote_browser_sees_the_trace_when_view_is_started_with_allow_remote(playwright, remote_host, tmp_path):  # noqa: F811
    text, _sent, export = _remote_view(playwright, remote_host, tmp_path, "--allow-remote")
    assert "user_name" in text and "secret-project-trace" in text and export


def _listening(port: int) -> list[str]:
    """Local addresses of the TCP sockets listening on ``port`` (from ``ss``)."""
    out = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True, check=True).stdout
    return [line.split()[3].rsplit(":", 1)[0] for line in out.splitlines() if line.strip()]


def test_view_listens_on_127_0_0_1_only_by_default(remote_host, tmp_path):  # noqa: F811
    server, _wrapper, ns = remote_host
    port = _free_port()
    log = tmp_path / "view.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("STREAMLIT_SERVER_ADDRESS", None)
    with open(log, "wb") as out:
        proc = subprocess.Popen([*CLI, "view", str(_trace(tmp_path)), "--server.port", str(port), "--server.headless", "true",
                                 "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
                                cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    assert r.read() == b"ok"
                    break
            except OSError:
                assert proc.poll() is None and time.time() < deadline, log.read_text()[-2000:]
                time.sleep(0.3)
        assert _listening(port) == ["127.0.0.1"]
        with pytest.raises(OSError):  # this host's other address does not answer
            socket.create_connection((server, port), timeout=2).close()
        probe = f"import socket; socket.create_connection(({server!r}, {port}), timeout=3)"
        from_other_host = subprocess.run(["ip", "netns", "exec", ns, sys.executable, "-c", probe], capture_output=True, check=False)
        assert from_other_host.returncode != 0
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
