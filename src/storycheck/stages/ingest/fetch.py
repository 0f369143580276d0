"""One guard for every outbound request: `watch`, `cluster`, `batch` and URL inputs.

Only http(s) URLs are fetched. Every address a host name resolves to is checked, and the
connection goes to the checked address itself, so a URL (or a redirect, or a DNS answer
that changes between check and connect) cannot reach loopback, private or other
special-purpose ranges unless the user allows them. IPv6 forms that carry an IPv4 address
(IPv4-mapped, IPv4-compatible, 6to4, Teredo, NAT64) are judged by the address they carry,
and refused outright for the transition forms. Conditional GETs (ETag, Last-Modified) keep
polls cheap; every redirect hop is checked again.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from ...errors import InputError

__all__ = ["Fetched", "allowed_address", "fetch", "resolve"]

# Seconds to wait for a feed server: long enough for a slow CMS, short enough that one
# dead feed does not stall the others for a whole poll.
FETCH_TIMEOUT_S = 20.0
# Redirects followed per fetch; feeds move once or twice, never more in practice.
MAX_REDIRECTS = 3
# Largest body read by default: feeds with full content run to a few MB.
MAX_BYTES = 10_000_000
# IPv6 ranges that tunnel or translate IPv4 (6to4, Teredo, NAT64 well-known and local-use
# prefixes): a public-looking address here can reach a private IPv4 one.
TRANSITION_NETWORKS = tuple(
    ipaddress.ip_network(network) for network in ("2002::/16", "2001::/32", "64:ff9b::/96", "64:ff9b:1::/48")
)


@dataclass(frozen=True)
class Fetched:
    """One HTTP answer: status, body (empty on 304) and validators."""

    status: int
    body: bytes
    etag: str | None
    modified: str | None


def allowed_address(address: str, *, allow_private: bool) -> bool:
    """True for a public unicast address, or any address when `allow_private`."""
    if allow_private:
        return True
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if any(ip in network for network in TRANSITION_NETWORKS):
            return False
        carried = ip.ipv4_mapped or _ipv4_compatible(ip)
        if carried is not None:
            return carried.is_global and not carried.is_multicast
    return ip.is_global and not ip.is_multicast


def _ipv4_compatible(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address in a deprecated IPv4-compatible IPv6 address (::a.b.c.d)."""
    if int(ip) >> 32 == 0 and int(ip) > 1:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def resolve(url: str, *, allow_private: bool) -> tuple[str, int, str]:
    """Check a feed URL and pick the address to connect to.

    Returns:
        (host name, port, checked IP address).

    Raises:
        InputError: SC501 not http(s), SC502 a private/loopback address, SC503 no address.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError("SC501", url=url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as err:
        raise InputError("SC503", url=url, reason=f"cannot resolve host: {err}") from err
    addresses = [str(info[4][0]) for info in infos]
    refused = [a for a in addresses if not allowed_address(a, allow_private=allow_private)]
    if refused or not addresses:
        raise InputError("SC502", address=refused[0] if refused else "(none)", url=url)
    return parts.hostname, port, addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to an already-checked address, whatever the host name says now."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """An HTTPS connection to a checked address; the certificate is checked against the name."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _request(url: str, headers: dict[str, str], allow_private: bool) -> http.client.HTTPResponse:
    host, port, address = resolve(url, allow_private=allow_private)
    parts = urlsplit(url)
    kind = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    conn = kind(host, port, address, FETCH_TIMEOUT_S)
    path = parts.path or "/"
    conn.request("GET", f"{path}?{parts.query}" if parts.query else path, headers=headers)
    return conn.getresponse()


def fetch(
    url: str,
    *,
    etag: str | None = None,
    modified: str | None = None,
    allow_private: bool = False,
    limit: int = MAX_BYTES,
) -> Fetched:
    """GET a feed with validators, following a few redirects (each one checked again).

    Raises:
        InputError: SC501/SC502 refused URL, SC503 network or HTTP failure, SC103 too large.
    """
    headers = {"User-Agent": "storycheck", "Accept": "application/rss+xml, application/atom+xml, */*"}
    headers |= {"If-None-Match": etag} if etag else {}
    headers |= {"If-Modified-Since": modified} if modified else {}
    for _ in range(MAX_REDIRECTS + 1):
        try:
            response = _request(url, headers, allow_private)
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location", ""))
                continue
            body = response.read(limit + 1)
        except (OSError, http.client.HTTPException) as err:
            raise InputError("SC503", url=url, reason=str(err)[:200] or type(err).__name__) from err
        return _answer(url, response, body, limit)
    raise InputError("SC503", url=url, reason=f"more than {MAX_REDIRECTS} redirects")


def _answer(url: str, response: http.client.HTTPResponse, body: bytes, limit: int) -> Fetched:
    if response.status not in (200, 304):
        raise InputError("SC503", url=url, reason=f"HTTP {response.status}")
    if len(body) > limit:
        raise InputError("SC103", subject=url, size=len(body), limit=limit)
    return Fetched(response.status, body, response.getheader("ETag"), response.getheader("Last-Modified"))
