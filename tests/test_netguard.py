"""The SSRF guard: private addresses refused after DNS and on every redirect, allow-list, pinning.

Tests marked ``ssrf`` run without the loopback allow-list that conftest gives
every other test, so they see the default: loopback refused.
"""

from __future__ import annotations

import ipaddress

import httpx
import pytest
from typer.testing import CliRunner

from claims.cli import app
from claims.config import Settings
from claims.errors import ConfigError, FetchError, SourceError
from claims.fetch import fetch, fetch_article, make_client
from claims.netguard import AllowList, GuardedTransport, is_public
from tests.helpers import Route

ARTICLE = (
    b"<html><head><title>Harbour bridge reopens</title></head><body><article>"
    b"<p>The harbour bridge reopened on Monday after an 18-month repair that cost 42 million dollars, "
    b"the city council said in a statement on Sunday evening.</p></article></body></html>"
)


def _redirect(location: str) -> Route:
    return Route(status=302, headers={"Location": location})


def fake(resolved: dict[str, list[str]]):
    """A resolver answering from a table, and the hosts it was asked about."""
    asked: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return resolved[host]

    resolver.asked = asked  # type: ignore[attr-defined]
    return resolver


def recording_transport():
    """A MockTransport that answers 200 and records the requests it was sent."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text="ok", headers={"Content-Type": "text/plain"})

    return httpx.MockTransport(handler), seen


# ------------------------------------------------------------- default refusal, real HTTP


@pytest.mark.ssrf
def test_loopback_is_refused_by_default_and_nothing_is_sent(http_server):
    url = http_server.add("/story", body=ARTICLE)
    with pytest.raises(FetchError) as info:
        fetch_article(url, Settings())
    message = str(info.value)
    assert message.startswith(f"{url}: refused: 127.0.0.1 is a loopback address")
    assert "CLAIMS_FETCH_ALLOW" in message
    assert http_server.hits == {}


@pytest.mark.ssrf
def test_a_name_resolving_to_loopback_is_refused(http_server):
    url = http_server.url("/story").replace("127.0.0.1", "localhost")
    http_server.add("/story", body=ARTICLE)
    with pytest.raises(FetchError, match=r"refused: localhost resolves to .*, which is a loopback address"):
        fetch(url, Settings())
    assert http_server.hits == {}


@pytest.mark.ssrf
def test_a_redirect_from_an_allowed_host_to_a_refused_address_is_refused(http_server):
    # "localhost" is allowed by name; the redirect goes to 127.0.0.1, which is not.
    start = http_server.add("/start", _redirect(http_server.url("/private")))
    http_server.add("/private", body=ARTICLE)
    allowed = start.replace("127.0.0.1", "localhost")
    with pytest.raises(FetchError, match=r"/private: refused: 127.0.0.1 is a loopback address"):
        fetch(allowed, Settings(fetch_allow=("localhost",)))
    assert http_server.hits == {"/start": 1}


@pytest.mark.ssrf
@pytest.mark.parametrize(
    "target",
    ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/admin", "http://[::1]/", "http://0.0.0.0/"],
)
def test_a_redirect_to_a_private_network_is_refused_before_connecting(http_server, target):
    start = http_server.add("/start", _redirect(target))
    with pytest.raises(FetchError, match="refused"):
        fetch(start.replace("127.0.0.1", "localhost"), Settings(fetch_allow=("localhost",)))


@pytest.mark.ssrf
@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/pub/x", "gopher://127.0.0.1:25/"])
def test_a_redirect_to_another_scheme_is_refused(http_server, target):
    start = http_server.add("/start", _redirect(target))
    with pytest.raises(SourceError):
        fetch(start, Settings(fetch_allow=("127.0.0.0/8",)))


@pytest.mark.ssrf
@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/"])
def test_other_schemes_are_refused(url):
    with pytest.raises(SourceError, match="only http and https"):
        fetch(url, Settings())


@pytest.mark.ssrf
@pytest.mark.parametrize("allow", [("127.0.0.0/8",), ("127.0.0.1",), ("127.0.0.1/32", "::1/128")])
def test_the_allow_list_lets_networks_through(http_server, allow):
    url = http_server.add("/story", body=ARTICLE)
    article = fetch_article(url, Settings(fetch_allow=allow))
    assert "harbour bridge" in article.text.lower()


@pytest.mark.ssrf
def test_the_allow_list_lets_host_names_through(http_server):
    url = http_server.add("/story", body=ARTICLE).replace("127.0.0.1", "localhost")
    assert fetch(url, Settings(fetch_allow=("localhost",))).status == 200


@pytest.mark.ssrf
def test_the_allow_list_is_read_from_the_environment(http_server, monkeypatch):
    url = http_server.add("/story", body=ARTICLE)
    with pytest.raises(FetchError):
        fetch(url, Settings.from_env())
    monkeypatch.setenv("CLAIMS_FETCH_ALLOW", " 127.0.0.0/8 , intranet.example ")
    assert Settings.from_env().fetch_allow == ("127.0.0.0/8", "intranet.example")
    assert fetch(url, Settings.from_env()).status == 200


@pytest.mark.ssrf
def test_a_name_resolving_to_loopback_goes_through_when_its_network_is_allowed(http_server):
    """localhost may resolve to ::1 first: the guard falls back to the next checked address."""
    url = http_server.add("/story", body=ARTICLE).replace("127.0.0.1", "localhost")
    assert fetch(url, Settings(fetch_allow=("127.0.0.0/8", "::1/128"))).status == 200


@pytest.mark.ssrf
def test_the_cli_gives_one_line_for_a_refused_url(http_server):
    url = http_server.add("/story", body=ARTICLE)
    result = CliRunner().invoke(app, ["extract", url])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [lines[0]] and lines[0].startswith(f"claims: error: {url}: refused:")
    assert http_server.hits == {}


def test_conftest_allows_loopback_for_ordinary_tests(http_server):
    url = http_server.add("/story", body=ARTICLE)
    assert fetch(url, Settings()).status == 200


# ------------------------------------------------------------- the transport alone


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "64:ff9b::a00:1",
        # issue 15: what Python's ipaddress counts global
        "2002:7f00:1::",  # 6to4 embedding 127.0.0.1
        "2002:a00:1::1",  # 6to4 embedding 10.0.0.1
        "2002:a9fe:a9fe::",  # 6to4 embedding 169.254.169.254
        "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo, client 127.0.0.1
        "fec0::1",  # site-local
        "192.0.0.9",
        "192.0.0.170",
        "192.0.0.255",
    ],
)
def test_non_public_addresses_are_refused(address):
    transport, seen = recording_transport()
    guard = GuardedTransport(AllowList(), transport, fake({"news.example": [address]}))
    with httpx.Client(transport=guard) as client, pytest.raises(FetchError, match="refused: news.example resolves"):
        client.get("http://news.example/story")
    assert seen == []


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::6810:85e5"])
def test_public_addresses_pass(address):
    assert is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("2002:7f00:1::", "a 6to4 address (embedding 127.0.0.1)"),
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "a Teredo address (embedding 127.0.0.1)"),
        ("fec0::1", "a site-local address"),
        ("192.0.0.9", "an IETF protocol address (192.0.0.0/24)"),
    ],
)
def test_the_refusal_names_what_ipaddress_misses(address, kind):
    guard = GuardedTransport(AllowList(), recording_transport()[0], fake({"news.example": [address]}))
    with httpx.Client(transport=guard) as client, pytest.raises(FetchError) as refused:
        client.get("http://news.example/story")
    assert f"news.example resolves to {address}, which is {kind}" in str(refused.value)


def test_one_private_address_among_public_ones_is_enough_to_refuse():
    transport, seen = recording_transport()
    guard = GuardedTransport(AllowList(), transport, fake({"news.example": ["93.184.216.34", "10.0.0.7"]}))
    with httpx.Client(transport=guard) as client, pytest.raises(FetchError, match="10.0.0.7"):
        client.get("http://news.example/")
    assert seen == []


def test_the_request_goes_to_the_checked_address_with_the_original_host_name():
    """DNS rebinding: a second lookup could answer 127.0.0.1; we connect to what we checked."""
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])
    transport, seen = recording_transport()
    guard = GuardedTransport(AllowList(), transport, lambda host, port: next(answers))
    with httpx.Client(transport=guard) as client:
        response = client.get("https://news.example/story?id=1")
    assert response.status_code == 200
    assert str(response.url) == "https://news.example/story?id=1"
    (sent,) = seen
    assert sent.url.host == "93.184.216.34"
    assert sent.headers["Host"] == "news.example"
    assert sent.extensions["sni_hostname"] == "news.example"


def test_every_redirect_hop_is_resolved_and_checked():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers["Host"] == "a.example":
            return httpx.Response(302, headers={"Location": "http://b.example/next"})
        return httpx.Response(302, headers={"Location": "http://c.example/internal"})

    resolver = fake({"a.example": ["93.184.216.34"], "b.example": ["93.184.216.35"], "c.example": ["192.168.0.10"]})
    guard = GuardedTransport(AllowList(), httpx.MockTransport(handler), resolver)
    with httpx.Client(transport=guard, follow_redirects=True) as client, pytest.raises(FetchError) as info:
        client.get("http://a.example/")
    assert str(info.value).startswith("http://c.example/internal: refused: c.example resolves to 192.168.0.10")
    assert resolver.asked == ["a.example", "b.example", "c.example"]  # type: ignore[attr-defined]


def test_an_unresolvable_host_is_a_fetch_error():
    def resolver(host: str, port: int) -> list[str]:
        raise FetchError(f"{host}: cannot resolve the host name (no such host)")

    guard = GuardedTransport(AllowList(), recording_transport()[0], resolver)
    with httpx.Client(transport=guard) as client, pytest.raises(FetchError, match="cannot resolve"):
        client.get("http://nowhere.invalid/")


def test_the_refusal_message_hides_secrets_in_the_url():
    guard = GuardedTransport(AllowList(), recording_transport()[0], fake({"h.example": ["10.0.0.1"]}))
    with httpx.Client(transport=guard) as client, pytest.raises(FetchError) as info:
        client.get("http://h.example/x?api_key=SEKRIT&page=2")
    assert "SEKRIT" not in str(info.value) and "page=2" in str(info.value)


def test_make_client_uses_the_guard_unless_given_a_transport():
    client = make_client(Settings(fetch_allow=()))
    assert isinstance(client._transport, GuardedTransport)  # noqa: SLF001
    transport, _ = recording_transport()
    assert make_client(Settings(), transport)._transport is transport  # noqa: SLF001


@pytest.mark.parametrize(
    ("entries", "host", "address", "expected"),
    [
        ("intranet.example", "intranet.example", None, True),
        ("intranet.example", "www.intranet.example", None, False),
        (".intranet.example", "www.intranet.example", None, True),
        (".intranet.example", "intranet.example", None, True),
        (".intranet.example", "evilintranet.example", None, False),
        ("10.0.0.0/8", None, "10.20.30.40", True),
        ("10.0.0.0/8", None, "11.0.0.1", True),  # public anyway
        ("10.0.0.0/8", None, "192.168.0.1", False),
        ("::1/128", None, "::1", True),
        ("127.0.0.0/8", None, "::ffff:127.0.0.1", True),
        ("", None, "127.0.0.1", False),
    ],
)
def test_allow_list_matching(entries, host, address, expected):
    allow = AllowList.parse(entries)
    if host is not None:
        assert allow.allows_host(host) is expected
    else:
        assert allow.allows_address(ipaddress.ip_address(address)) is expected


@pytest.mark.parametrize("bad", ["10.0.0.0/33", "999.1.1.1", "http://x/", "a b", "::g"])
def test_a_malformed_allow_list_entry_is_a_config_error(bad):
    with pytest.raises(ConfigError, match="CLAIMS_FETCH_ALLOW"):
        AllowList.parse(bad)
