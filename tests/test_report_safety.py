"""Hostile articles render inert: no script but ours runs, no event handler, no javascript: link.

Articles come from the open web, so every string on a page (title, author, URL, text,
claims, verdicts, sources) is treated as hostile. The pages are parsed the way a
browser tokenizes them and every tag and attribute is checked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from claims.db import open_engine
from claims.report import build_reports, environment
from tests.test_report import add_article, add_verdict, parse

HOSTILE_TEXT = (
    'Breaking <script>alert("text")</script> news\n'
    'The mayor said <img src=x onerror="alert(1)"> the budget was $214 million.\n'
    'Read <a href="javascript:alert(2)">the report</a> and </p></table></div><!-- unclosed comment\n'
    "A quote with \"double\" and 'single' marks, & ampersands, ]]> and </textarea><svg onload=alert(3)>.\n"
    '<iframe srcdoc="<script>alert(4)</script>"></iframe> Unemployment fell to 4.1 percent.\n'
)
HOSTILE_QUOTES = [
    ('<script>alert("text")</script>', "quote", 0.9),
    ('<img src=x onerror="alert(1)"> the budget was $214 million', "quantity", 0.8),
    ('<a href="javascript:alert(2)">the report</a>', "event", 0.7),
    ("</p></table></div><!-- unclosed comment", "event", 0.6),
    ("</textarea><svg onload=alert(3)>", "event", 0.5),
    ("4.1 percent", "quantity", 0.4),
]
PAGE_LINKS = re.compile(
    r"^(#[\w-]+|index\.html|queue\.html|digest\.html|\d{5}-[a-z0-9-]+\.html(#claim-\d+)?|https?://\S+)$"
)


def hostile_reports(db_url: str, reports_dir: Path) -> tuple[int, list[int]]:
    """A database holding one hostile article with hostile verdicts, and its reports written."""
    engine = open_engine(db_url)
    article_id, ids = add_article(
        engine,
        title='</title><script>alert("title")</script><b onmouseover=alert(5)>Title',
        text=HOSTILE_TEXT,
        quotes=HOSTILE_QUOTES,
        url="javascript:alert(6)//https://example.org",
        author='"><img src=x onerror=alert(7)>',
        speaker="<script>alert(8)</script>",
        values={"</script><script>alert(9)</script>": "<b onclick=alert(10)>", "n": ["<i>", 1]},
    )
    add_verdict(
        engine,
        ids[0],
        "false",
        reviewer="<script>alert(11)</script>",
        explanation='</script><script>alert(12)</script><a href="javascript:alert(13)">x</a>',
        sources=["javascript:alert(14)", "data:text/html,<script>alert(15)</script>", "https://ok.example.org/a"],
    )
    add_verdict(engine, ids[1], "true", explanation="<style>body{display:none}</style>")
    build_reports(engine, reports_dir)
    return article_id, ids


def test_hostile_article_renders_inert(db_url: str, reports_dir: Path) -> None:
    article_id, ids = hostile_reports(db_url, reports_dir)
    pages = sorted(reports_dir.glob("*.html"))
    assert len(pages) == 4
    for page in pages:
        html = page.read_text(encoding="utf-8")
        tree = parse(html)
        assert tree.errors == [] and tree.stack == [], (page.name, tree.errors)
        scripts = [attrs for tag, attrs in tree.tags if tag == "script"]
        assert all(a in ({}, {"type": "application/ld+json"}) for a in scripts), page.name
        assert len([a for a in scripts if not a]) == 1  # our filter script, allowed by its hash
        assert [tag for tag, _ in tree.tags].count("style") == 1
        for tag, attrs in tree.tags:
            assert tag not in ("img", "svg", "iframe", "textarea", "object", "embed", "base"), (
                page.name,
                tag,
            )
            for name, value in attrs.items():
                assert not name.startswith("on"), (page.name, tag, name)
                if name in ("href", "src", "action", "formaction"):
                    assert value and PAGE_LINKS.match(value), (page.name, tag, name, value)
        assert "javascript:" not in " ".join(v or "" for _, a in tree.tags for v in a.values() if v)
    article = next(reports_dir.glob(f"{article_id:05d}-*.html")).read_text(encoding="utf-8")
    # the hostile strings are shown as text, to be read and judged
    text = "".join(parse(article).text)
    assert '<script>alert("text")</script>' in text and 'onerror="alert(1)"' in text
    assert '</title><script>alert("title")</script>' in text and "javascript:alert(14)" in text
    assert 'href="https://ok.example.org/a"' in article
    # the JSON-LD block cannot be closed early and still parses to the hostile strings
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', article, re.DOTALL)
    assert "<" not in block
    data = json.loads(block)
    assert data[0]["reviewBody"].startswith("</script><script>alert(12)")
    assert "url" not in data[0]["itemReviewed"]["appearance"]  # the javascript: URL is dropped
    for claim_id in ids:  # still every claim highlighted
        assert f'id="mark-{claim_id}"' in article


def test_templates_escape_by_default_and_use_safe_only_on_html_values() -> None:
    env = environment()
    for name in env.list_templates():
        source = Path(env.loader.get_source(env, name)[1]).read_text(encoding="utf-8")  # type: ignore[union-attr]
        for expression in re.findall(r"\{\{(.*?)\}\}", source):
            if "|safe" in expression.replace(" ", ""):
                raise AssertionError(f"{name}: |safe in {{{{{expression}}}}}")
        # only values built by our code and named *_html are marked safe in Python
        assert "autoescape false" not in source.lower()
    assert "|safe" not in (Path(env.loader.searchpath[0]) / "_base.html").read_text()  # type: ignore[attr-defined]
