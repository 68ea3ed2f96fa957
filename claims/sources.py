"""Load an article from a file, an http(s) URL or standard input.

``load_article(source)`` returns an :class:`Article` holding plain text plus the
metadata we could find. HTML goes through trafilatura (main text, title,
author, date); plain text and Markdown are read as they are. Every failure is a
:class:`~claims.errors.SourceError` with a one-line message naming the source.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from claims.config import Settings
from claims.errors import SourceError, UnsupportedSource

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
#: Text files that are not articles, by extension: refused by name before anything is read.
#: (Binary files are named by their content: "a PNG image", "a PDF document".)
NOT_ARTICLES = {
    **dict.fromkeys((".json", ".jsonl", ".ndjson", ".geojson"), "JSON data"),
    **dict.fromkeys((".csv", ".tsv"), "a table (CSV)"),
    **dict.fromkeys((".xml", ".rss", ".atom"), "XML (for a feed, use claims ingest)"),
    **dict.fromkeys((".yaml", ".yml", ".toml", ".ini", ".cfg"), "a configuration file"),
    **dict.fromkeys((".py", ".js", ".sh", ".sql"), "program code"),
}
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%Y-%m-%d", "%d.%m.%Y", "%b. %d, %Y")
#: Fewer words than this in a page's main text means we found no article.
MIN_WORDS = 8
_HTML_SNIFF = re.compile(rb"<(?:!doctype html|html|head|body|article|p|div)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    """An article's plain text and what we know about it."""

    source: str
    text: str
    title: str
    url: str | None = None
    author: str | None = None
    published: dt.date | None = None
    fetched: dt.datetime | None = None
    fmt: str = "text"

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text with white space folded: the same article hashes the same."""
        folded = " ".join(self.text.split())
        return hashlib.sha256(folded.encode("utf-8")).hexdigest()

    @property
    def slug(self) -> str:
        """A short, file-name-safe name for the article."""
        return slugify(self.title) or "article"


def slugify(text: str, max_len: int = 60) -> str:
    """Lower-case ASCII words joined by dashes."""
    spaced = "".join(ch if ch.isalnum() else " " for ch in text)
    ascii_text = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > max_len:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


def parse_date(text: str) -> dt.date | None:
    """A date written alone in one of the common news formats, or None."""
    cleaned = re.sub(r"\s+", " ", text.strip())
    if len(cleaned) > 40:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"RIFF", "a media file"),
    (b"\x7fELF", "a program"),
)


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode article bytes: the declared charset, else UTF-8, else a detected encoding; refuse binary data."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UnsupportedSource(f"{source}: {what}, not an article")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16").lstrip("\ufeff")
        except UnicodeDecodeError:
            raise UnsupportedSource(f"{source}: not valid UTF-16 text") from None
        if "\x00" in text:
            raise UnsupportedSource(f"{source}: binary data, not an article")
        return text
    if b"\x00" in data:  # anywhere: the size cap keeps this one fast scan
        raise UnsupportedSource(f"{source}: binary data, not an article")
    for encoding in filter(None, (declared, "utf-8-sig")):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    # Mostly-ASCII text that is not UTF-8 is nearly always Windows-1252 (curly quotes,
    # dashes, accented names); detection guesses poorly on such short non-ASCII runs.
    try:
        text = data.decode("cp1252")
        if sum(ch.isascii() for ch in text) >= 0.8 * len(text):
            return text
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # comes with trafilatura

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise UnsupportedSource(f"{source}: not text in an encoding we can detect (expected UTF-8)")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise UnsupportedSource(f"{source}: not valid {best.encoding} text (expected UTF-8)") from None


def text_article(source: str, text: str, *, url: str | None = None, fmt: str = "text") -> Article:
    """Build an Article from plain text: a lone date line near the top is its publication date."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        raise SourceError(f"{source}: the article is empty")
    published = None
    for line in lines[:3]:
        published = parse_date(line)
        if published:
            break
    # The title is the first line that is not a date, when it reads like a headline:
    # short, no closing full stop, not a photo credit ("Name | Agency").
    title = ""
    first = next((line for line in lines[:3] if parse_date(line) is None), "")
    candidate = first.lstrip("# ").strip()
    if 3 <= len(candidate.split()) <= 25 and not candidate.endswith((".", ":")) and "|" not in candidate:
        title = candidate
    if not title:
        stem = Path(source).stem if source not in ("-", "") and not url else ""
        title = stem.replace("-", " ").replace("_", " ").strip() or lines[0][:80]
    return Article(source=source, text=text, title=title, url=url, published=published, fmt=fmt)


def html_article(source: str, html: str, *, url: str | None = None) -> Article:
    """Main text and metadata of an HTML page, through trafilatura."""
    import trafilatura  # deferred: 0.3 s to import, only HTML needs it
    from trafilatura.settings import Document

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=False)
    text = (doc.text or "").strip() if isinstance(doc, Document) else ""
    if not isinstance(doc, Document) or len(text.split()) < MIN_WORDS:
        raise SourceError(f"{source}: no article text found in the HTML page")
    published = None
    if doc.date:
        try:
            published = dt.date.fromisoformat(doc.date[:10])
        except ValueError:
            published = None
    title = (doc.title or "").strip() or slugify(Path(source).stem).replace("-", " ") or text[:80]
    return Article(
        source=source,
        text=text,
        title=title,
        url=url or doc.url,
        author=(doc.author or None),
        published=published,
        fmt="html",
    )


def _is_json(text: str) -> bool:
    """Whether the text is a JSON object or array (an API response or a data file, not an article)."""
    body = text.strip()
    if not body.startswith(("{", "[")):
        return False
    import json

    try:
        json.loads(body)
    except ValueError:
        return False
    return True


def from_bytes(source: str, data: bytes, *, kind: str, url: str | None = None, charset: str | None = None) -> Article:
    """Decode and parse bytes; ``kind`` is "html", "text" or "auto" (sniff for HTML)."""
    if not data.strip():
        raise SourceError(f"{source}: the article is empty")
    if kind == "auto":
        kind = "html" if _HTML_SNIFF.search(data[:4096]) else "text"
    text = decode_bytes(data, source, charset)
    if not text.strip():
        raise SourceError(f"{source}: the article is empty")
    if kind == "html":
        return html_article(source, text, url=url)
    if kind != "markdown" and _is_json(text):
        raise UnsupportedSource(f"{source}: JSON data, not an article; articles are text, Markdown or HTML")
    return text_article(source, text, url=url, fmt=kind if kind in ("markdown",) else "text")


def precheck(source: str, settings: Settings) -> None:
    """Cheap checks before any work: a file source exists, is a file and is not too big."""
    if not source or not source.strip():
        raise SourceError("empty source name")
    if source == "-" or is_url(source):
        if is_url(source) and not source.lower().startswith(("http://", "https://")):
            raise UnsupportedSource(f"{source}: only http and https URLs are fetched")
        if is_url(source):
            from claims.fetch import check_url

            check_url(source)
        return
    path = Path(source).expanduser()
    if not path.exists():
        raise SourceError(f"{source}: no such file")
    if path.is_dir():
        raise UnsupportedSource(f"{source}: is a directory, not an article file")
    what = NOT_ARTICLES.get(path.suffix.lower())
    if what:
        raise UnsupportedSource(
            f"{source}: {what} ({path.suffix.lower()}), not an article; articles are .txt, .md or .html"
        )
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise SourceError(f"{source}: {size:,} bytes is over the {settings.max_bytes:,}-byte limit (CLAIMS_MAX_BYTES)")
    if size == 0:
        raise SourceError(f"{source}: the article is empty")


def check_deployment_source(source: str, settings: Settings, what: str = "source") -> None:
    """Refuse what a run started through a Prefect deployment may not read: the worker's own files.

    The Prefect API has no accounts, so whoever reaches it can start deployment runs
    with any parameters. Such runs take an http(s) URL, or a file inside
    ``CLAIMS_ARTICLES_DIR`` (symbolic links resolved); nothing else, not standard input.
    The ``claims`` command runs flows itself, not through a deployment, and reads any file.
    """
    if is_url(source):
        if not source.lower().startswith(("http://", "https://")):
            raise UnsupportedSource(f"{source}: only http and https URLs are fetched")
        return
    shown = " ".join(source.split()) or "(empty)"
    if settings.articles_dir is None:
        raise UnsupportedSource(
            f"{shown}: a deployment run reads only http(s) URLs as its {what} "
            "(set CLAIMS_ARTICLES_DIR on the worker to allow files inside that folder)"
        )
    root = settings.articles_dir.expanduser().resolve()
    try:
        inside = source != "-" and Path(source).expanduser().resolve().is_relative_to(root)
    except (OSError, RuntimeError, ValueError):
        inside = False
    if not inside:
        raise UnsupportedSource(f"{shown}: a deployment run reads files only inside CLAIMS_ARTICLES_DIR ({root})")


def read_file(source: str, settings: Settings) -> Article:
    """Read an article file (.txt, .md or .html)."""
    precheck(source, settings)
    path = Path(source).expanduser()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{source}: cannot read ({exc.strerror})") from None
    suffix = path.suffix.lower()
    kind = (
        "html"
        if suffix in HTML_SUFFIXES
        else "markdown"
        if suffix in {".md", ".markdown"}
        else "text"
        if suffix in TEXT_SUFFIXES
        else "auto"
    )
    return from_bytes(source, data, kind=kind)


def read_stream(source: str, stream: IO[bytes], settings: Settings) -> Article:
    """Read an article from a binary stream (standard input)."""
    data = stream.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        raise SourceError(f"{source}: input is over the {settings.max_bytes:,}-byte limit (CLAIMS_MAX_BYTES)")
    return from_bytes("-" if source == "-" else source, data, kind="auto")


def is_url(source: str) -> bool:
    """True for sources that look like URLs (any scheme)."""
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source))


Fetcher = Callable[[str, Settings], Article]


def load_article(source: str, settings: Settings | None = None, *, fetch: Fetcher | None = None) -> Article:
    """Load ``source``: a file path, an http(s) URL or ``-`` for standard input."""
    settings = settings or Settings.from_env()
    precheck(source, settings)
    if source == "-":
        return read_stream("-", sys.stdin.buffer, settings)
    if is_url(source):
        if fetch is None:
            from claims.fetch import fetch_article

            fetch = fetch_article
        from claims.redact import redacted_article  # secrets in the URL are never stored or shown

        return redacted_article(fetch(source, settings))
    return read_file(source, settings)
