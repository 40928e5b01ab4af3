"""Fetching article pages over HTTP(S), only when the user asks for it.

Safeguards: http/https only; the host's addresses are checked before each request (and each
redirect hop) so that private, loopback, link-local and reserved addresses are refused unless
``settings.ingest.allow_private_addresses``; a timeout for each network operation and a
deadline for the whole body (so a server that drips bytes cannot hold a fetch open); a size
cap enforced while streaming; and a content-type check (HTML or plain text only). Every refusal is a :class:`FetchError`.

The connection goes to the very address that was checked (the Host header and the TLS server
name carry the original host name), so a DNS answer that changes between the check and the
connection cannot redirect it.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from storyline import __version__
from storyline.errors import FetchError
from storyline.settings import IngestSettings

ALLOWED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
MAX_REDIRECTS = 5
#: The body of one response must arrive within this many times ``fetch_timeout``.
BODY_DEADLINE_FACTOR = 4


@dataclass(frozen=True)
class Fetched:
    url: str  # the final URL, after redirects
    content: bytes
    content_type: str
    charset: str | None


@dataclass(frozen=True)
class _Target:
    """Where to send a request: the URL to connect to, and the Host / TLS name to present."""

    url: str
    headers: dict[str, str]
    extensions: dict[str, str]


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _public(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """A global unicast address, including the IPv4 address an IPv6 one embeds (mapped, NAT64,
    6to4, Teredo), so that a private IPv4 address cannot be reached through its IPv6 form."""
    if not addr.is_global or addr.is_multicast:
        return False
    if isinstance(addr, ipaddress.IPv6Address):
        inner = [addr.ipv4_mapped, addr.sixtofour, addr.teredo[1] if addr.teredo else None]
        if addr in _NAT64:
            inner.append(ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF))
        return all(_public(v4) for v4 in inner if v4 is not None)
    return True


def _check_url(url: str, settings: IngestSettings) -> _Target:
    """Refuse what may not be fetched; pin the connection to the address that was checked."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as e:
        raise FetchError(f"not a valid URL: {url}", code="SL501") from e
    if parts.scheme not in ("http", "https"):
        raise FetchError(
            f"only http and https URLs are fetched, not {parts.scheme or 'a bare path'}: {url}", code="SL502"
        )
    host = parts.hostname
    if not host:
        raise FetchError(f"URL has no host: {url}", code="SL501")
    if settings.allow_private_addresses:
        return _Target(url, {}, {})
    try:
        infos = socket.getaddrinfo(
            host, port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM
        )
    except (socket.gaierror, UnicodeError) as e:
        raise FetchError(f"cannot resolve host {host}", code="SL503") from e
    addrs = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for addr in addrs:
        if not _public(addr):
            raise FetchError(
                f"refusing to fetch {url}: {host} resolves to a private or reserved address ({addr})",
                code="SL504",
            )
    if not addrs:
        raise FetchError(f"cannot resolve host {host}", code="SL503")
    # Connect to the checked address, so a second DNS answer cannot point somewhere else.
    ip = addrs[0]
    pinned = str(httpx.URL(url).copy_with(host=str(ip)))
    host_header = parts.netloc.rpartition("@")[2]
    extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
    return _Target(pinned, {"Host": host_header}, extensions)


def fetch_url(url: str, settings: IngestSettings, *, client: httpx.Client | None = None) -> Fetched:
    """GET ``url`` within the safeguards above.

    RAISES FetchError: refused URL, network failure, HTTP error status, wrong type, too large.
    """
    own = client is None
    http = client or httpx.Client(
        timeout=settings.fetch_timeout,
        follow_redirects=False,
        headers={"User-Agent": f"storyline/{__version__}"},
        trust_env=False,
    )
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            target = _check_url(url, settings)
            try:
                request = http.build_request(
                    "GET", target.url, headers=target.headers, extensions=target.extensions
                )
                resp = http.send(request, stream=True)
                try:
                    if resp.is_redirect and "location" in resp.headers:
                        url = urljoin(url, resp.headers["location"])
                        continue
                    return _read(url, resp, settings)
                finally:
                    resp.close()
            except httpx.HTTPError as e:
                raise FetchError(f"cannot fetch {url}: {type(e).__name__}: {e}", code="SL505") from e
        raise FetchError(f"too many redirects fetching {url}", code="SL506")
    finally:
        if own:
            http.close()


def _read(url: str, resp: httpx.Response, settings: IngestSettings) -> Fetched:
    if resp.status_code != 200:
        raise FetchError(f"cannot fetch {url}: HTTP {resp.status_code}", code="SL507")
    ctype = resp.headers.get("content-type", "")
    mime = ctype.split(";")[0].strip().lower()
    if mime not in ALLOWED_TYPES:
        raise FetchError(
            f"refusing {url}: content type {mime or 'missing'} is not HTML or text", code="SL508"
        )
    cap = settings.fetch_max_bytes
    declared = resp.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise FetchError(f"refusing {url}: {declared} bytes is over the {cap}-byte limit", code="SL509")
    body = bytearray()
    allowed = settings.fetch_timeout * BODY_DEADLINE_FACTOR
    deadline = time.monotonic() + allowed
    for chunk in resp.iter_bytes():
        body.extend(chunk)
        if len(body) > cap:
            raise FetchError(f"refusing {url}: more than the {cap}-byte limit", code="SL509")
        if time.monotonic() > deadline:
            raise FetchError(
                f"cannot fetch {url}: the body took longer than {allowed:g} seconds", code="SL505"
            )
    return Fetched(url=url, content=bytes(body), content_type=mime, charset=resp.charset_encoding)
