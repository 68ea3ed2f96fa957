"""Loading articles: files, HTML through trafilatura, loopback HTTP, and bad sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claims.config import Settings
from claims.errors import FetchError, SourceError, UnsupportedSource
from claims.sources import load_article, slugify
from tests.conftest import DEV, EXAMPLE, need_shared


def test_text_file_keeps_text_and_finds_date(seed_article: Path) -> None:
    article = load_article(str(seed_article))
    assert article.text == seed_article.read_text(encoding="utf-8")
    assert article.published == dt.date(2024, 12, 26)
    assert article.title == "putin kim summit"
    assert article.slug == "putin-kim-summit"
    assert len(article.content_hash) == 64


def test_example_title_is_the_headline() -> None:
    article = load_article(str(EXAMPLE))
    assert article.title.startswith("Riverside's Harbour Bridge reopens")
    assert article.published == dt.date(2025, 3, 14)


def test_html_goes_through_trafilatura() -> None:
    page = need_shared(DEV / "dw-berlin-colonial.html")
    article = load_article(str(page))
    assert article.fmt == "html"
    assert "Berlin" in article.title
    assert article.published == dt.date(2020, 1, 19)
    assert "<" not in article.text[:200]
    assert "five-year project" in article.text


def test_same_text_hashes_alike_despite_white_space(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Prices rose 4 percent in May.\n\nThey fell in June.\n")
    b.write_text("Prices rose 4 percent   in May.\nThey fell in June.")
    assert load_article(str(a)).content_hash == load_article(str(b)).content_hash


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda p: p / "missing.txt", SourceError, "no such file"),
        (lambda p: p, UnsupportedSource, "is a directory"),
        (lambda p: (p / "e.txt").write_text("  \n\t ") and p / "e.txt", SourceError, "empty"),
        (
            lambda p: (p / "z.txt").write_bytes(b"PK\x03\x04\x00\x00binary") and p / "z.txt",
            UnsupportedSource,
            "ZIP archive",
        ),
        (
            lambda p: (p / "n.html").write_text("<html><body><nav>Home</nav></body></html>") and p / "n.html",
            SourceError,
            "no article text",
        ),
    ],
)
def test_bad_files_raise_one_line_errors(tmp_path: Path, make, error, message) -> None:
    path = make(tmp_path)
    with pytest.raises(error) as info:
        load_article(str(path))
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert str(path) in str(info.value)


def test_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("The council spent $5 million. " * 1000)
    with pytest.raises(SourceError, match="limit"):
        load_article(str(big), Settings(max_bytes=1000))


def test_fetch_html_over_loopback(http_server) -> None:
    url = http_server.add(
        "/story",
        body=b"<html><head><title>Dam opens</title></head><body><article><h1>Dam opens</h1>"
        b"<p>The dam, finished in 2021 at a cost of $2.1 billion, supplies 40 percent of the city's water, "
        b"officials said on Monday. It is the largest dam built in the region in fifty years.</p>"
        b"<p>About 1,200 workers built it over six years, according to the contractor.</p></article></body></html>",
    )
    article = load_article(url)
    assert article.url == url
    assert article.fetched is not None
    assert "40 percent" in article.text
    assert http_server.requests[0][1]["User-Agent"].startswith("claims-bot/")


def test_fetch_retries_5xx_but_not_4xx(http_server, monkeypatch) -> None:
    gone = http_server.add("/gone", status=404, body=b"nope")
    broken = http_server.add("/broken", status=503, body=b"busy")
    with pytest.raises(FetchError, match="HTTP 404"):
        load_article(gone)
    assert http_server.hits["/gone"] == 1
    with pytest.raises(FetchError, match="503|server error"):
        load_article(broken)
    assert http_server.hits["/broken"] == 4


def test_fetch_refuses_wrong_content_type_and_oversize(http_server) -> None:
    image = http_server.add("/pic", body=b"\x89PNG....", content_type="image/png")
    with pytest.raises(FetchError, match="content type"):
        load_article(image)
    huge = http_server.add("/huge", body=b"<p>" + b"x" * 5000 + b"</p>")
    with pytest.raises(FetchError, match="limit"):
        load_article(huge, Settings(max_bytes=1000))


def test_only_http_schemes() -> None:
    with pytest.raises(UnsupportedSource, match="only http and https"):
        load_article("ftp://example.invalid/story.txt")


def test_slugify() -> None:
    assert slugify("Putin–Kim summit: “first visit” in 24 years!") == "putin-kim-summit-first-visit-in-24-years"
    assert slugify("") == ""


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("The council spent €5 million on 12 bridges in 2024.".encode("utf-16"))
    assert load_article(str(path)).text.startswith("The council spent €5 million")


def test_windows_1252_text_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "cp.txt"
    path.write_bytes("The mayor said the “new” toll is €3.50 – up 12 percent.".encode("cp1252"))
    assert load_article(str(path)).text == "The mayor said the “new” toll is €3.50 – up 12 percent."


# ------------------------------------------- issue 15, item 8: what a deployment run may read


def test_a_deployment_run_reads_urls_and_files_inside_the_articles_dir_only(tmp_path: Path) -> None:
    from claims.config import Settings
    from claims.errors import UnsupportedSource
    from claims.sources import check_deployment_source

    allowed = tmp_path / "articles"
    (allowed / "desk").mkdir(parents=True)
    inside = allowed / "desk" / "story.txt"
    inside.write_text("The bridge cost 42 million dollars.\n", encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("password=hunter2\n", encoding="utf-8")
    (allowed / "link.txt").symlink_to(outside)

    closed = Settings(articles_dir=None)
    check_deployment_source("https://news.example/story", closed)
    for source in (str(inside), "/etc/passwd", "-", "story.txt"):
        with pytest.raises(UnsupportedSource, match="a deployment run reads only http"):
            check_deployment_source(source, closed)
    with pytest.raises(UnsupportedSource, match="only http and https"):
        check_deployment_source("file:///etc/passwd", closed)

    opened = Settings(articles_dir=allowed)
    check_deployment_source(str(inside), opened)
    for source in ("/etc/passwd", str(outside), str(allowed / "link.txt"), str(allowed / "desk" / ".." / ".." / "secret.txt"), "-"):  # fmt: skip
        with pytest.raises(UnsupportedSource, match="only inside CLAIMS_ARTICLES_DIR"):
            check_deployment_source(source, opened)


def test_the_articles_dir_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claims.config import Settings

    monkeypatch.delenv("CLAIMS_ARTICLES_DIR", raising=False)
    assert Settings.from_env().articles_dir is None  # none allowed by default
    monkeypatch.setenv("CLAIMS_ARTICLES_DIR", str(tmp_path))
    assert Settings.from_env().articles_dir == tmp_path
