""""Local" means the browser is on this machine: headers can only make a session more
remote, and a session whose client cannot be determined gets nothing (fail closed)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from st_state_debugger import cli, internals
from st_state_debugger.locality import forwarded_for, is_loopback, remote_client

LOCAL_PAGE = [("host", "127.0.0.1:8501"), ("origin", "http://127.0.0.1:8501")]


def test_a_loopback_peer_with_a_local_page_and_no_proxy_header_is_local():
    assert remote_client("127.0.0.1", LOCAL_PAGE) is None
    assert remote_client("::1", [("host", "[::1]:8501"), ("origin", "http://[::1]:8501")]) is None
    assert remote_client("::ffff:127.0.0.1", [("host", "localhost:8501"), ("origin", "http://localhost:8501")]) is None
    assert remote_client("127.0.1.1", [("host", "app.localhost:8501")]) is None  # RFC 6761 names
    assert remote_client("127.0.0.1", []) is None  # a script without Host/Origin, on this machine


@pytest.mark.parametrize("peer", ["10.0.0.2", "203.0.113.7", "2001:db8::1", "::ffff:10.0.0.2", "", "localhost", "garbage"])
def test_a_non_loopback_or_unreadable_peer_is_remote_whatever_the_headers_say(peer):
    forged = [*LOCAL_PAGE, ("x-real-ip", "127.0.0.1"), ("x-forwarded-for", "127.0.0.1"), ("forwarded", 'for="[::1]"')]
    assert remote_client(peer, forged) is not None


def test_an_unknown_peer_fails_closed():
    assert remote_client(None, LOCAL_PAGE) == "client address unknown"


@pytest.mark.parametrize("name, value", [
    ("X-Real-IP", "203.0.113.7"),
    ("X-Real-IP", "2001:db8::7"),
    ("X-Real-IP", "unknown"),
    ("X-Real-IP", ""),
    ("X-Forwarded-For", "203.0.113.7"),
    ("X-Forwarded-For", "127.0.0.1, 203.0.113.7"),  # any non-loopback hop
    ("X-Forwarded-For", "203.0.113.7, 127.0.0.1"),
    ("X-Forwarded-For", "127.0.0.1,,::1"),  # an empty hop cannot be read
    ("X-Forwarded-For", "[2001:db8::7]:4711"),
    ("True-Client-IP", "198.51.100.1"),
    ("CF-Connecting-IP", "198.51.100.1"),
    ("Forwarded", "for=203.0.113.7"),
    ("Forwarded", "for=203.0.113.7;proto=https;by=127.0.0.1"),
    ("Forwarded", 'for="[2001:db8:cafe::17]:4711"'),
    ("Forwarded", "for=127.0.0.1, for=198.51.100.17"),  # a later hop elsewhere
    ("Forwarded", "for=_hidden"),  # obfuscated: who it is cannot be known
    ("Forwarded", "for=_SEVKISEK"),
    ("Forwarded", "for=unknown"),
    ("Forwarded", "FOR=203.0.113.7"),
    ("Forwarded", "for="),
    ("Forwarded", "for 203.0.113.7"),  # mangled
    ("Origin", "https://app.example.com"),  # a same-host proxy that names no client
    ("Origin", "null"),
    ("Host", "app.example.com"),
    ("Host", "[::1"),
])
def test_a_header_naming_anything_but_this_machine_makes_a_loopback_peer_remote(name, value):
    assert remote_client("127.0.0.1", [*LOCAL_PAGE, (name, value)]) is not None


@pytest.mark.parametrize("name, value", [
    ("X-Real-IP", "127.0.0.1"),
    ("X-Forwarded-For", "127.0.0.1, ::1"),
    ("Forwarded", 'for="[::1]";proto=http'),
    ("Forwarded", "for=127.0.0.1:4711, for=127.0.0.2"),
    ("Forwarded", "proto=https;host=forum.localhost"),  # names no client
])
def test_a_same_host_proxy_naming_a_local_client_stays_local(name, value):
    assert remote_client("127.0.0.1", [*LOCAL_PAGE, (name, value)]) is None


def test_forged_loopback_headers_never_make_a_remote_browser_local():
    """A remote browser sends every header claiming to be ::1: its TCP peer decides."""
    forged = [("x-real-ip", "::1"), ("x-forwarded-for", "127.0.0.1"), ("forwarded", 'for="[::1]"'),
              ("origin", "http://localhost:8501"), ("host", "localhost:8501")]
    assert remote_client("198.51.100.9", forged) == "client address '198.51.100.9'"


def test_x_forwarded_for_is_not_trusted_when_the_server_trusts_any_proxy():
    """With FORWARDED_ALLOW_IPS=* uvicorn takes the peer from X-Forwarded-For, which a
    remote browser writes: the peer then proves nothing."""
    headers = [*LOCAL_PAGE, ("x-forwarded-for", "127.0.0.1")]
    assert remote_client("127.0.0.1", headers, trusted_proxies="*") is not None
    assert remote_client("127.0.0.1", headers, trusted_proxies="10.0.0.0/8") is not None
    assert remote_client("127.0.0.1", headers, trusted_proxies="127.0.0.0/8, ::1") is None
    assert remote_client("127.0.0.1", LOCAL_PAGE, trusted_proxies="*") is None  # no header: the peer is real


def test_forwarded_for_reads_quoted_ipv6_nodes_and_several_elements():
    assert forwarded_for('for="[2001:db8::1]:80";by=x, For=192.0.2.1;proto=http') == ["[2001:db8::1]:80", "192.0.2.1"]
    assert is_loopback("[::1]:443") and is_loopback("127.8.9.10") and is_loopback("::1%lo")
    assert not is_loopback("_hidden") and not is_loopback("unknown") and not is_loopback("localhost")


def test_a_real_server_session_whose_client_cannot_be_read_gets_no_panel(monkeypatch):
    """Outside AppTest: no runtime, no client, no client context, or a broken one: remote."""
    from streamlit.runtime import Runtime

    ctx = SimpleNamespace(session_id="s1")
    monkeypatch.setattr(Runtime, "_instance", None)
    assert internals.remote_ip(ctx) is not None  # no runtime at all
    for client in (None, SimpleNamespace(client_context=None), SimpleNamespace()):
        monkeypatch.setattr(Runtime, "_instance", SimpleNamespace(get_client=lambda sid, c=client: c))
        assert internals.remote_ip(ctx) is not None, client
    context = SimpleNamespace(remote_ip=None, headers=[])
    monkeypatch.setattr(Runtime, "_instance", SimpleNamespace(get_client=lambda sid: SimpleNamespace(client_context=context)))
    assert internals.remote_ip(ctx) == "client address unknown"
    context.remote_ip, context.headers = "127.0.0.1", [("X-Real-IP", "203.0.113.7")]
    assert internals.remote_ip(ctx) is not None
    context.headers = [("Host", "127.0.0.1:8501")]
    assert internals.remote_ip(ctx) is None


def test_forcing_streamlits_apptest_flag_outside_apptest_does_not_skip_the_check(monkeypatch):
    """``global.appTest`` set in a real server's config is not enough to look like AppTest."""
    from streamlit.runtime import Runtime
    from streamlit.testing.v1.util import patch_config_options

    monkeypatch.setattr(Runtime, "_instance", None)
    with patch_config_options({"global.appTest": True}):
        assert not internals.running_under_apptest()
        assert internals.remote_ip(SimpleNamespace(session_id="s1")) is not None


def test_apptest_sessions_are_recognised_and_keep_their_panel(tmp_path, trace_dir):
    from streamlit.testing.v1 import AppTest

    script = tmp_path / "probe.py"
    script.write_text(
        "import streamlit as st, st_state_debugger\n"
        "from st_state_debugger import internals\n"
        "st_state_debugger.enable()\n"
        "st.text(f'apptest {internals.running_under_apptest()} {internals.remote_ip(internals.current_ctx())}')\n"
    )
    at = AppTest.from_file(str(script)).run()
    assert not at.exception
    assert [t.value for t in at.text] == ["apptest True None"]
    assert at.sidebar.get("bidi_component")


def _view_args(monkeypatch, tmp_path, *options: str) -> list[str]:
    trace = tmp_path / "t.jsonl"
    trace.write_text((Path(__file__).parents[1] / "data" / "trace_v2.jsonl").read_text())
    seen: list[list[str]] = []
    monkeypatch.setattr(internals, "run_streamlit", lambda args: seen.append(args) or 0)
    # `view` sets these for the Streamlit it starts. setenv records their state before the
    # test (delenv of an absent variable records nothing), so teardown removes them again.
    for name in ("ST_STATE_DEBUGGER_ALLOW_REMOTE", "ST_STATE_DEBUGGER_VIEW"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    assert cli.main(["view", str(trace), *options]) == 0
    return seen[0]


def test_view_binds_127_0_0_1_unless_told_otherwise(monkeypatch, tmp_path):
    args = _view_args(monkeypatch, tmp_path, "--server.port", "8600")
    assert args[2:4] == ["--server.address", "127.0.0.1"] and args[-2:] == ["--server.port", "8600"]
    assert "--server.address" in _view_args(monkeypatch, tmp_path, "--address", "0.0.0.0")
    assert _view_args(monkeypatch, tmp_path, "--address=::")[2:4] == ["--server.address", "::"]
    explicit = _view_args(monkeypatch, tmp_path, "--server.address", "10.1.2.3")
    assert explicit.count("--server.address") == 1 and "10.1.2.3" in explicit


def test_view_allow_remote_is_the_same_opt_in_as_the_live_panel(monkeypatch, tmp_path):
    import os

    _view_args(monkeypatch, tmp_path)
    assert "ST_STATE_DEBUGGER_ALLOW_REMOTE" not in os.environ
    args = _view_args(monkeypatch, tmp_path, "--allow-remote")
    assert "--allow-remote" not in args and os.environ["ST_STATE_DEBUGGER_ALLOW_REMOTE"] == "1"
