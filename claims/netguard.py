"""Refuse fetches that would reach private networks (SSRF), for every request and redirect.

:class:`GuardedTransport` wraps an httpx transport. Before each request it
checks the scheme (http and https only), resolves the host name and refuses
when any address it resolves to is not a public unicast address: private,
loopback, link-local, multicast, reserved, unspecified, shared (CGNAT), an
IPv4-mapped form of one, site-local, ``192.0.0.0/24``, or a 6to4 or Teredo address
(which embed an IPv4 address, maybe a private one); anything not ``is_global``. httpx calls the transport once per hop, so every
redirect is checked the same way.

The request is then sent to the address that was checked (the ``Host`` header
and TLS server name stay the original host name), so a DNS answer that changes
between the check and the connection (DNS rebinding) cannot slip a private
address in.

An allow-list (``CLAIMS_FETCH_ALLOW``: host names, ``.suffix`` domains and CIDR
networks, comma-separated) lets chosen hosts or networks through, e.g. an
intranet CMS, or loopback in tests.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import httpx

from claims.errors import ConfigError, FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]
ALLOW_ENV = "CLAIMS_FETCH_ALLOW"


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (TCP), as strings; FetchError when it does not resolve."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"{host}: cannot resolve the host name ({exc})") from None
    return list(dict.fromkeys(str(info[4][0]).split("%", 1)[0] for info in infos))


#: Ranges ``ipaddress`` (Python 3.11) counts global that are not public unicast: IETF protocol
#: assignments, IPv6 site-local (deprecated, routed like private space), 6to4 and Teredo
#: (tunnels whose address embeds an IPv4 address, possibly a private or loopback one).
NOT_PUBLIC = tuple(ipaddress.ip_network(n) for n in ("192.0.0.0/24", "fec0::/10", "2002::/16", "2001::/32"))


def is_public(address: IPAddress) -> bool:
    """True for a globally routable unicast address (and nothing ``ipaddress`` misses)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if any(address in net for net in NOT_PUBLIC if net.version == address.version):
        return False
    return address.is_global and not address.is_multicast and not address.is_reserved


@dataclass(frozen=True)
class AllowList:
    """Host names (exact, or ``.example.org`` for a domain and its sub-domains) and networks let through."""

    hosts: frozenset[str] = frozenset()
    networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str] | str | None) -> AllowList:
        """Parse ``CLAIMS_FETCH_ALLOW`` entries; :class:`ConfigError` names a malformed one."""
        if isinstance(entries, str):
            entries = entries.split(",")
        hosts: set[str] = set()
        networks: list[IPNetwork] = []
        for raw in entries or ():
            entry = raw.strip().lower()
            if not entry:
                continue
            if entry[0].isdigit() or ":" in entry:
                try:
                    networks.append(ipaddress.ip_network(entry, strict=False))
                except ValueError:
                    raise ConfigError(f"{ALLOW_ENV}: {raw.strip()!r} is not an address or CIDR network") from None
            elif all(part.replace("-", "").replace("_", "").isalnum() for part in entry.lstrip(".").split(".")):
                hosts.add(entry)
            else:
                raise ConfigError(f"{ALLOW_ENV}: {raw.strip()!r} is not a host name, address or CIDR network")
        return cls(frozenset(hosts), tuple(networks))

    def allows_host(self, host: str) -> bool:
        """True when the host name is allowed as it is, whatever it resolves to."""
        host = host.lower().rstrip(".")
        return host in self.hosts or any(h.startswith(".") and (host.endswith(h) or host == h[1:]) for h in self.hosts)

    def allows_address(self, address: IPAddress) -> bool:
        """True when the address is public or inside an allowed network."""
        if is_public(address):
            return True
        candidates = [address]
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            candidates.append(address.ipv4_mapped)
        return any(a in net for a in candidates for net in self.networks if a.version == net.version)


def _refused(url: httpx.URL, why: str) -> FetchError:
    return FetchError(f"{_shown(url)}: refused: {why} (set {ALLOW_ENV} to allow it)")


def _shown(url: httpx.URL) -> str:
    from claims.redact import redact_url

    return redact_url(str(url))


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport that refuses non-http(s) schemes and private addresses, then pins the checked one."""

    def __init__(
        self, allow: AllowList | None = None, inner: httpx.BaseTransport | None = None, resolver: Resolver = resolve
    ) -> None:
        self.allow = allow or AllowList()
        self.inner = inner or httpx.HTTPTransport()
        self.resolver = resolver

    def check(self, url: httpx.URL) -> list[str] | None:
        """Refuse ``url`` or return the addresses to connect to (None: connect by name, an allowed host)."""
        if url.scheme not in ("http", "https"):
            raise FetchError(f"{_shown(url)}: refused: only http and https URLs are fetched")
        host = url.host
        if not host:
            raise FetchError(f"{_shown(url)}: the URL has no host name")
        if self.allow.allows_host(host):
            return None
        try:
            addresses = [ipaddress.ip_address(host)]
        except ValueError:
            try:
                addresses = [ipaddress.ip_address(a) for a in self.resolver(host, url.port or 443)]
            except FetchError as exc:
                raise FetchError(f"{_shown(url)}: {str(exc).split(': ', 1)[-1]}") from None
        if not addresses:
            raise FetchError(f"{_shown(url)}: cannot resolve the host name")
        for address in addresses:
            if not self.allow.allows_address(address):
                what = "is" if str(address) == host else f"resolves to {address}, which is"
                raise _refused(url, f"{host} {what} {_kind(address)}")
        return [str(a) for a in addresses]

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Check the request's URL, then send it to a checked address (the next one if it cannot connect)."""
        addresses = self.check(request.url)
        if addresses is None or addresses == [request.url.host]:
            return self.inner.handle_request(request)
        extensions = dict(request.extensions)
        if request.url.scheme == "https":
            extensions.setdefault("sni_hostname", request.url.host)
        for index, address in enumerate(addresses):
            pinned = httpx.Request(
                request.method,
                request.url.copy_with(host=address),
                headers=request.headers,  # already carries Host: the original name
                stream=request.stream,
                extensions=extensions,
            )
            try:
                return self.inner.handle_request(pinned)
            except httpx.ConnectError:
                if index == len(addresses) - 1:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Close the wrapped transport."""
        self.inner.close()


def _kind(address: IPAddress) -> str:
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        elif address.sixtofour is not None:
            return f"a 6to4 address (embedding {address.sixtofour})"
        elif address.teredo is not None:
            return f"a Teredo address (embedding {address.teredo[1]})"
        elif address in NOT_PUBLIC[1]:
            return "a site-local address"
    if address in NOT_PUBLIC[0]:
        return "an IETF protocol address (192.0.0.0/24)"
    for test, name in (
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_unspecified", "an unspecified address"),
        ("is_private", "a private address"),
        ("is_reserved", "a reserved address"),
    ):
        if getattr(address, test):
            return name
    return "not a public address"


def guarded_transport(allow: Iterable[str] | str | None = None, **kwargs: object) -> GuardedTransport:
    """The default transport of our HTTP clients: guarded, with the allow-list from settings."""
    return GuardedTransport(AllowList.parse(allow), httpx.HTTPTransport(**kwargs))  # type: ignore[arg-type]
