"""The article text as HTML paragraphs with every claim marked inline.

Claims may nest or cross (a quantity inside an attribution, two clauses sharing
words). Marks are emitted as properly nested ``<mark>`` elements: a mark that
crosses another, or a paragraph break, is closed and re-opened around it, and only
its first piece carries the ``id`` that the claims table links back to. After the
last piece of each claim comes a small label linking to the claim's row, so every
claim can be reached even when it sits inside another. All text is escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from claims.memo import Memo, trim

#: Escaped tones, kinds, statuses and labels: a page has a handful of them and thousands of marks.
_attr: Memo[str, str] = Memo(lambda value: str(escape(value)), limit=10_000)


@dataclass(frozen=True)
class Span:
    """One claim to mark: where it is, and how it looks (``tone`` is a CSS class suffix)."""

    claim_id: int
    start: int
    end: int
    tone: str
    label: str
    kind: str = ""
    status: str = ""
    verdict: str = ""


def _open(span: Span, first: bool) -> str:
    ident = f' id="mark-{span.claim_id}"' if first else ""
    label = _attr[span.label]
    return (
        f'<mark class="claim tone-{_attr[span.tone]}"{ident} data-claim="{span.claim_id}" '
        f'data-kind="{_attr[span.kind]}" data-status="{_attr[span.status]}" '
        f'data-verdict="{_attr[span.verdict]}" title="Claim {span.claim_id}: {label}">'
    )


def _label(span: Span) -> str:
    label = _attr[span.label]
    return (
        f'<a class="tag tone-{_attr[span.tone]}" href="#claim-{span.claim_id}" data-claim="{span.claim_id}" '
        f'aria-label="Claim {span.claim_id}, {label}: go to its row">'
        f"{span.claim_id}\u00a0{label}</a>"
    )


def _paragraph(text: str, offset: int, inside: Sequence[Span], opened: set[int]) -> str:
    """One paragraph (``text`` starting at ``offset`` in the article) with the spans that touch it marked."""
    end_of_par = offset + len(text)
    if not inside:
        return str(escape(text))
    cuts = {offset, end_of_par}
    for s in inside:
        cuts.add(max(s.start, offset))
        cuts.add(min(s.end, end_of_par))
    out: list[str] = []
    stack: list[Span] = []
    points = sorted(cuts)
    for i, pos in enumerate(points):
        ending = [s for s in stack if s.end == pos or pos == end_of_par]
        if ending:
            # Close down to the deepest mark that ends here, then re-open the survivors.
            depth = min(stack.index(s) for s in ending)
            survivors = [s for s in stack[depth:] if s not in ending]
            out.append("</mark>" * (len(stack) - depth))
            del stack[depth:]
            for s in ending:
                if s.end == pos:
                    out.append(_label(s))
            for s in survivors:
                out.append(_open(s, False))
                stack.append(s)
        starting = sorted(
            (s for s in inside if max(s.start, offset) == pos and pos < end_of_par), key=lambda s: (-s.end, s.claim_id)
        )
        for s in starting:
            first = s.claim_id not in opened
            opened.add(s.claim_id)
            out.append(_open(s, first))
            stack.append(s)
        if i + 1 < len(points):
            out.append(str(escape(text[pos - offset : points[i + 1] - offset])))
    return "".join(out)


def highlight_html(text: str, spans: Sequence[Span]) -> Markup:
    """``text`` as escaped ``<p>`` paragraphs (one per non-blank line) with ``spans`` marked."""
    trim((_attr,))
    valid = sorted((s for s in spans if 0 <= s.start < s.end <= len(text)), key=lambda s: (s.start, -s.end, s.claim_id))
    opened: set[int] = set()
    out: list[str] = []
    offset = 0
    following = 0  # the next span (by start) not yet taken in
    live: list[Span] = []  # spans taken in that may still reach later paragraphs
    for line in text.split("\n"):
        end_of_par = offset + len(line)
        # One pass over the spans in start order, not every span for every paragraph.
        while following < len(valid) and valid[following].start < end_of_par:
            live.append(valid[following])
            following += 1
        live = [s for s in live if s.end > offset]
        if line.strip():
            out.append(f"<p>{_paragraph(line, offset, live, opened)}</p>")
        offset = end_of_par + 1
    return Markup("\n".join(out))
