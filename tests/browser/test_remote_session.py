"""A browser on another host gets no panel and no data unless the developer opted in.

The other host is a network namespace the test creates, joined to this one by a veth
pair; the browser runs inside it and talks only to the server's address on that pair.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, DEEP_TEXT_JS, StreamlitRunner, ROOT

pytestmark = pytest.mark.browser


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, text=True)


@pytest.fixture()
def remote_host(tmp_path):
    """(server address, wrapper that runs Chromium on the other host)."""
    tag = f"ssd{os.getpid() % 10000}"
    ns, here, there = f"{tag}ns", f"{tag}a", f"{tag}b"
    octet = os.getpid() % 200 + 20
    server, client = f"10.231.{octet}.1", f"10.231.{octet}.2"
    _ip("netns", "add", ns)
    try:
        _ip("link", "add", here, "type", "veth", "peer", "name", there)
        _ip("link", "set", there, "netns", ns)
        _ip("addr", "add", f"{server}/24", "dev", here)
        _ip("link", "set", here, "up")
        _ip("netns", "exec", ns, "ip", "addr", "add", f"{client}/24", "dev", there)
        _ip("netns", "exec", ns, "ip", "link", "set", there, "up")
        _ip("netns", "exec", ns, "ip", "link", "set", "lo", "up")
        wrapper = tmp_path / "chromium-on-other-host"
        wrapper.write_text(f'#!/bin/sh\nexec ip netns exec {ns} {CHROMIUM} "$@"\n')
        wrapper.chmod(0o755)
        yield server, str(wrapper)
    finally:
        subprocess.run(["ip", "link", "del", here], capture_output=True)
        subprocess.run(["ip", "netns", "del", ns], capture_output=True)


def _visit(server: str, wrapper: str, tmp_path, env: dict[str, str]) -> str:
    from playwright.sync_api import sync_playwright

    runner = StreamlitRunner(ROOT / "tests" / "apps" / "browser_app.py", tmp_path / "traces", env=env, address=server)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=wrapper, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(runner.url)
            page.get_by_test_id("stMainBlockContainer").get_by_text("Frag click").wait_for(timeout=30_000)
            page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)
            page.wait_for_timeout(1000)
            text = page.evaluate(DEEP_TEXT_JS)
            browser.close()
    finally:
        runner.stop()
    return text


def test_remote_browser_gets_no_panel_and_no_data(remote_host, tmp_path):
    server, wrapper = remote_host
    text = _visit(server, wrapper, tmp_path, {"ST_STATE_DEBUGGER_ALLOW_REMOTE": "0"})
    assert "Frag click" in text  # the app itself is served normally
    assert "Session state debugger" not in text and "user_name" not in text and "'ada'" not in text


def test_remote_browser_sees_the_panel_when_the_developer_opts_in(remote_host, tmp_path):
    server, wrapper = remote_host
    (tmp_path / "optin").mkdir()
    text = _visit(server, wrapper, tmp_path / "optin", {"ST_STATE_DEBUGGER_ALLOW_REMOTE": "1"})
    assert "Session state debugger" in text and "user_name" in text
