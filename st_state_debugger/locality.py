"""Is this browser on the machine running the server? The local-only rule, as a pure function.

Stage: set-up (who may see the panel and the viewer). ``internals.remote_ip`` gathers
what Streamlit knows about a session's connection (the TCP peer, after the server's
own ``X-Forwarded-For`` handling, and the WebSocket handshake's headers) and asks
:func:`remote_client`; the live panel and ``st-state-debugger view`` both obey it.

The rule only ever adds remoteness: the session is local when the peer is a loopback
address AND no header says otherwise. A header can make a session remote (a proxy
naming a client elsewhere, a page loaded from another host), never local, so a
remote browser forging ``X-Real-IP: 127.0.0.1`` gains nothing: its TCP peer already
makes it remote. Anything that cannot be read (no peer, an unparsable hop,
``unknown``, an obfuscated ``for=_hidden``) counts as remote: fail closed.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

#: Headers with which proxies, tunnels and CDNs name the client they forward for.
#: Each value is a comma-separated list of hops; every hop must be loopback.
CLIENT_HEADERS: tuple[str, ...] = (
    "x-forwarded-for",
    "x-real-ip",
    "x-client-ip",
    "x-cluster-client-ip",
    "x-original-forwarded-for",
    "forwarded-for",
    "true-client-ip",
    "cf-connecting-ip",
    "fastly-client-ip",
)

#: RFC 7239 ``Forwarded``; its client is in the ``for=`` parameter of each element.
FORWARDED = "forwarded"

#: Headers naming the host the browser believes it talks to. A page loaded from
#: ``https://app.example.com`` and relayed to 127.0.0.1 by a same-host proxy or tunnel
#: that names no client still carries that name here.
HOST_HEADERS: tuple[str, ...] = ("origin", "host")

#: uvicorn (Streamlit's server) rewrites the peer from ``X-Forwarded-For`` only when
#: the real peer is one of these; its default, and the only setting we can verify.
DEFAULT_TRUSTED_PROXIES = "127.0.0.1,::1"

_FOR_PARAM = re.compile(r'(?:^|;)\s*for\s*=\s*("(?:[^"\\]|\\.)*"|[^;,\s]*)', re.IGNORECASE)
_MENTIONS_FOR = re.compile(r"(?<![\w-])for\b", re.IGNORECASE)


def remote_client(peer: str | None, headers: Iterable[tuple[str, str]],
                  trusted_proxies: str = DEFAULT_TRUSTED_PROXIES) -> str | None:
    """Why a connection counts as remote, or None when the browser is on this machine.

    Args:
        peer: The client address the server reports (uvicorn replaces the TCP peer
            by the ``X-Forwarded-For`` client when the peer is a trusted proxy).
        headers: The WebSocket handshake's headers, as (name, value) pairs.
        trusted_proxies: uvicorn's ``FORWARDED_ALLOW_IPS``. When it trusts more than
            loopback, ``peer`` may come from a header a remote browser wrote, so an
            ``X-Forwarded-For`` header then makes the session remote.

    Returns:
        None for a local browser; else a short reason naming the address or header.
    """
    if not isinstance(peer, str) or not is_loopback(peer):
        return f"client address {peer!r}" if isinstance(peer, str) else "client address unknown"
    pairs = [(str(name).lower(), str(value)) for name, value in headers]
    for name, value in pairs:
        reason = _header_reason(name, value)
        if reason is not None:
            return reason
    if not _trusts_loopback_only(trusted_proxies) and any(name == "x-forwarded-for" for name, _ in pairs):
        return f"X-Forwarded-For trusted from non-loopback proxies ({trusted_proxies})"
    return None


def _header_reason(name: str, value: str) -> str | None:
    """Why one header makes the session remote (None: it names only this machine)."""
    if name in CLIENT_HEADERS:
        hops = [hop.strip() for hop in value.split(",")]
    elif name == FORWARDED:
        hops = forwarded_for(value)
    elif name in HOST_HEADERS:
        return None if _names_this_machine(name, value) else f"{name.title()} {value!r}"
    else:
        return None
    bad = [hop for hop in hops if not is_loopback(hop)]
    return f"{name} names {bad[0]!r}" if bad else None


def forwarded_for(value: str) -> list[str]:
    """The ``for=`` nodes of an RFC 7239 ``Forwarded`` value, quotes removed.

    An element without ``for=`` names no client; a value with text we cannot read
    yields ``""`` (not loopback, so remote).
    """
    nodes: list[str] = []
    for element in _split_elements(value):
        if not element.strip():
            continue
        found = _FOR_PARAM.findall(element)
        if not found and _MENTIONS_FOR.search(element):
            nodes.append("")  # a mangled for= we cannot read
        for node in found:
            nodes.append(node[1:-1].replace('\\"', '"') if node.startswith('"') else node)
    return nodes


def _split_elements(value: str) -> list[str]:
    """Split on commas outside quoted strings (an IPv6 node is quoted)."""
    out, current, quoted = [], [], False
    for ch in value:
        if ch == '"':
            quoted = not quoted
        if ch == "," and not quoted:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
    out.append("".join(current))
    return out


def is_loopback(node: str) -> bool:
    """True for a loopback address, with or without port, brackets or zone.

    ``127.0.0.5``, ``::1``, ``[::1]:443``, ``::ffff:127.0.0.1`` are loopback;
    ``unknown``, ``_hidden``, ``localhost`` (a name, not an address) and anything
    unparsable are not.
    """
    ip = _parse_address(node.strip())
    if ip is None:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped.is_loopback
    return ip.is_loopback


def _parse_address(node: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if node.startswith("["):
        end = node.find("]")
        host = node[1:end] if end > 0 else ""
    elif node.count(":") == 1:
        host = node.split(":", 1)[0]  # IPv4:port
    else:
        host = node
    host = host.split("%", 1)[0]  # an IPv6 zone id
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _names_this_machine(name: str, value: str) -> bool:
    """Whether an Origin or Host header names a loopback host.

    ``localhost`` and ``*.localhost`` (RFC 6761: browsers resolve them to loopback
    themselves), loopback literals and ``0.0.0.0`` (a browser reaches it only on its
    own machine). ``Origin: null`` and other hosts are not.
    """
    text = value.strip()
    try:
        if name == "origin":
            text = urlsplit(text).netloc  # "null" and other non-URLs give ""
        host = urlsplit("//" + text).hostname or ""
    except ValueError:  # "[::1" and other broken hosts
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    ip = _parse_address(host)
    if ip is None:
        return False
    return is_loopback(host) or ip.is_unspecified


def _trusts_loopback_only(trusted_proxies: str) -> bool:
    """Whether uvicorn's ``FORWARDED_ALLOW_IPS`` trusts loopback addresses only."""
    for entry in (e.strip() for e in trusted_proxies.split(",")):
        if not entry:
            continue
        try:
            net = ipaddress.ip_network(entry, strict=False)
        except ValueError:
            return False  # "*" or a literal: any peer may be trusted
        if not (net.network_address.is_loopback and net.broadcast_address.is_loopback):
            return False
    return True
