"""A browser on another host gets no panel and no data unless the developer opted in.

The other host is a network namespace the test creates, joined to this one by a veth
pair; the browser runs inside it and talks only to the server's address on that pair.
"""

from __future__ import annotations

import secrets
import subprocess
import sys
import time

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, DEEP_TEXT_JS, ROOT, StreamlitRunner

pytestmark = pytest.mark.browser


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, text=True)


@pytest.fixture()
def remote_host(tmp_path):
    """(server address, wrapper that runs Chromium on the other host)."""
    tag = f"ssd{secrets.token_hex(3)}"  # fresh names and addresses for every test
    ns, here, there = f"{tag}ns", f"{tag}a", f"{tag}b"
    octet = secrets.randbelow(200) + 20
    server, client = f"10.231.{octet}.1", f"10.231.{octet}.2"
    _ip("netns", "add", ns)
    try:
        # IPv4 only: IPv6 addresses finishing duplicate-address detection a second
        # later make Chromium abort its requests with ERR_NETWORK_CHANGED.
        for name in ("all", "default"):
            _ip("netns", "exec", ns, "sysctl", "-qw", f"net.ipv6.conf.{name}.disable_ipv6=1")
        _ip("link", "add", here, "type", "veth", "peer", "name", there)
        subprocess.run(["sysctl", "-qw", f"net.ipv6.conf.{here}.disable_ipv6=1"], check=True)
        _ip("link", "set", there, "netns", ns)
        _ip("addr", "add", f"{server}/24", "dev", here)
        _ip("link", "set", here, "up")
        _ip("netns", "exec", ns, "ip", "addr", "add", f"{client}/24", "dev", there)
        _ip("netns", "exec", ns, "ip", "link", "set", there, "up")
        _ip("netns", "exec", ns, "ip", "link", "set", "lo", "up")
        wrapper = tmp_path / "chromium-on-other-host"
        wrapper.write_text(f'#!/bin/sh\nexec ip netns exec {ns} {CHROMIUM} "$@"\n')
        wrapper.chmod(0o755)
        yield server, str(wrapper), ns
    finally:
        subprocess.run(["ip", "link", "del", here], capture_output=True)
        subprocess.run(["ip", "netns", "del", ns], capture_output=True)


def _reachable_from(ns: str, url: str) -> None:
    """Wait until the other host gets an answer from the server (the veth link comes
    up asynchronously, and a browser's first request would fail)."""
    probe = f"import urllib.request; urllib.request.urlopen({url + '/_stcore/health'!r}, timeout=2).read()"
    deadline = time.time() + 30
    while subprocess.run(["ip", "netns", "exec", ns, sys.executable, "-c", probe], capture_output=True).returncode != 0:
        if time.time() > deadline:
            raise RuntimeError(f"the test host in {ns} cannot reach {url}")
        time.sleep(0.3)


def _visit(playwright, remote_host, tmp_path, env: dict[str, str]) -> str:
    server, wrapper, ns = remote_host
    runner = StreamlitRunner(ROOT / "tests" / "apps" / "browser_app.py", tmp_path / "traces", env=env, address=server)
    try:
        _reachable_from(ns, runner.url)
        browser = playwright.chromium.launch(executable_path=wrapper, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(runner.url)
            page.get_by_test_id("stMainBlockContainer").get_by_text("Frag click").wait_for(timeout=30_000)
            page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)
            page.wait_for_timeout(1000)
            return page.evaluate(DEEP_TEXT_JS)
        finally:
            browser.close()
    finally:
        runner.stop()


def test_remote_browser_gets_no_panel_and_no_data(playwright, remote_host, tmp_path):
    text = _visit(playwright, remote_host, tmp_path, {"ST_STATE_DEBUGGER_ALLOW_REMOTE": "0"})
    assert "Frag click" in text  # the app itself is served normally
    assert "Session state debugger" not in text and "user_name" not in text and "'ada'" not in text


def test_remote_browser_sees_the_panel_when_the_developer_opts_in(playwright, remote_host, tmp_path):
    (tmp_path / "optin").mkdir()
    text = _visit(playwright, remote_host, tmp_path / "optin", {"ST_STATE_DEBUGGER_ALLOW_REMOTE": "1"})
    assert "Session state debugger" in text and "user_name" in text


# ---------------------------------------------------------------- proxies and tunnels on this host
def _local_visit(playwright, tmp_path, *, headers: dict[str, str] | None = None, host: str = "127.0.0.1",
                 chromium_args: tuple[str, ...] = ()) -> tuple[str, bytes]:
    """Open browser_app from this machine (TCP peer 127.0.0.1), as a same-host proxy or
    tunnel would relay a browser: with the headers it adds, or under the public name
    the browser used. Returns the page text and every WebSocket frame the server sent."""
    runner = StreamlitRunner(ROOT / "tests" / "apps" / "browser_app.py", tmp_path / "traces", env={"ST_STATE_DEBUGGER_ALLOW_REMOTE": "0"})
    frames: list[bytes] = []
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *chromium_args])
        try:
            page = browser.new_context(extra_http_headers=headers or {}).new_page()
            page.on("websocket", lambda ws: ws.on(
                "framereceived", lambda p: frames.append(p if isinstance(p, bytes) else p.encode())))
            page.goto(f"http://{host}:{runner.port}")
            page.get_by_test_id("stMainBlockContainer").get_by_text("Frag click").wait_for(timeout=30_000)
            page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)
            page.wait_for_timeout(1000)
            return page.evaluate(DEEP_TEXT_JS), b"".join(frames)
        finally:
            browser.close()
    finally:
        runner.stop()


def _no_panel_data(text: str, sent: bytes) -> bool:
    return ("Session state debugger" not in text and "user_name" not in text
            and b"user_name" not in sent and b"st_state_debugger.panel" not in sent)


def test_a_local_browser_gets_the_panel_and_its_data_over_the_websocket(playwright, tmp_path):
    """The control for the tests below: same app, same helper, no proxy."""
    text, sent = _local_visit(playwright, tmp_path)
    assert "Session state debugger" in text and b"user_name" in sent and b"st_state_debugger.panel" in sent


@pytest.mark.parametrize("header, value", [
    ("X-Real-IP", "203.0.113.7"),
    ("Forwarded", "for=203.0.113.7;proto=https"),
    ("Forwarded", 'for="[2001:db8:cafe::17]:4711"'),
    ("Forwarded", "for=_hidden"),
    ("X-Forwarded-For", "127.0.0.1, 203.0.113.7"),
])
def test_a_same_host_proxy_naming_a_remote_client_gets_no_panel_data(playwright, tmp_path, header, value):
    text, sent = _local_visit(playwright, tmp_path, headers={header: value})
    assert "Frag click" in text  # the app itself is served normally
    assert _no_panel_data(text, sent)


def test_a_tunnel_that_names_no_client_gets_no_panel_data_for_a_page_loaded_from_elsewhere(playwright, tmp_path):
    """A relay that adds no header at all: the browser loaded the page from a public
    name (here relay.example, mapped to 127.0.0.1), so its Origin and Host name it."""
    text, sent = _local_visit(playwright, tmp_path, host="relay.example",
                              chromium_args=("--host-resolver-rules=MAP relay.example 127.0.0.1",))
    assert "Frag click" in text
    assert _no_panel_data(text, sent)
