"""Behaviour of the claim extraction engine (claims.extract)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claims.extract import detect_language, extract_claims, is_english
from claims.extract.dates import resolve
from claims.extract.llm import LLMFallbackWarning, extract_claims_llm
from claims.extract.numbers import parse_number, quantity_values
from claims.extract.sentences import sentences

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "eval" / "dev" / "putin-kim-summit.txt"


def quotes(text: str, **kw: object) -> list[str]:
    return [c.quote for c in extract_claims(text, **kw)]  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def seed() -> tuple[str, list]:
    if not SEED.exists():
        pytest.skip("../shared/eval/dev is not available")
    text = SEED.read_text(encoding="utf-8")
    return text, extract_claims(text)


# --- the seed article -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("first visit in 24 years", "record"),
        ("2:45 a.m.", "time"),
        ("two-day visit", "duration"),
        ("dozens of ballistic missiles", "quantity"),
        ("11,000 containers of ammunition", "quantity"),
    ],
)
def test_seed_article_gives_atomic_claims_with_exact_spans(seed, phrase, kind):
    text, claims = seed
    hits = [c for c in claims if c.quote == phrase]
    assert len(hits) == 1, [c.quote for c in claims]
    claim = hits[0]
    assert text[claim.start : claim.end] == phrase
    assert claim.kind == kind
    assert phrase in claim.sentence


def test_seed_article_every_quote_is_its_span(seed):
    text, claims = seed
    assert claims
    for c in claims:
        assert text[c.start : c.end] == c.quote
        assert 0.0 <= c.score <= 1.0
        assert c.reason


def test_seed_article_two_quantities_are_separate_claims(seed):
    _, claims = seed
    missiles = next(c for c in claims if c.quote == "dozens of ballistic missiles")
    ammo = next(c for c in claims if c.quote == "11,000 containers of ammunition")
    assert missiles.start != ammo.start
    assert ammo.values["value"] == 11000 and ammo.values["op"] == ">"
    assert missiles.values["value"] == 24 and missiles.values["lower_bound"] is True
    # The standalone statement names the speaker and keeps only its own quantity.
    assert ammo.text.startswith("U.S. officials claimed")
    assert "11,000 containers of ammunition" in ammo.text and "dozens" not in ammo.text
    assert ammo.speaker and "U.S. officials" in ammo.speaker


def test_seed_article_roles_and_attributions(seed):
    _, claims = seed
    by_quote = {c.quote: c for c in claims}
    role = by_quote["NATO Secretary General Jens Stoltenberg"]
    assert role.kind == "role" and role.speaker == "Jens Stoltenberg"
    assert any(c.kind == "role" and "senior vice president for Asia" in c.quote for c in claims)
    assert any(c.kind == "attribution" and "Korean Central News Agency reported" in c.quote for c in claims)


def test_seed_article_skips_furniture_and_opinion(seed):
    _, claims = seed
    joined = " | ".join(c.quote for c in claims)
    for junk in (
        "Reuters",
        "About The Author",
        "Leave a Reply",
        "email address",
        "best thing that could happen",
        "real problem",
        "December 26, 2024",
    ):
        assert junk not in joined


def test_seed_article_dateline_resolves_relative_dates(seed):
    _, claims = seed
    early = next(c for c in claims if c.quote.startswith("Early last year"))
    assert early.kind == "date"
    assert early.values["date"] == "2023" and early.values["part"] == "early"
    assert early.values["resolved_against"] == "2024-12-26"


# --- normalisation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("11,000", 11000),
        ("1.2 billion", 1.2e9),
        ("twenty-five", 25),
        ("two-thirds", 0.667),
        ("half", 0.5),
        ("dozens", 24),
        ("three hundred", 300),
        ("4.5", 4.5),
        ("a quarter", 0.25),
    ],
)
def test_parse_number(phrase, value):
    assert parse_number(phrase) == pytest.approx(value)


def test_quantity_values_money_percent_bounds():
    assert quantity_values("1.2-billion-yuan") == {
        "unit": "currency",
        "currency": "CNY",
        "value": 1200000000,
    }
    assert quantity_values("$5.5 million")["currency"] == "USD"
    assert quantity_values("€40bn")["value"] == 40_000_000_000
    pct = quantity_values("18 percent")
    assert pct["unit"] == "percent" and pct["value"] == 18
    assert quantity_values("more than 300 people")["op"] == ">"
    assert quantity_values("about 40 people")["approximate"] is True


@pytest.mark.parametrize(
    ("kind", "expr", "date"),
    [
        ("weekday", "on Tuesday", "2024-06-18"),
        ("weekday", "on Thursday", "2024-06-20"),
        ("relative", "yesterday", "2024-06-19"),
        ("relative", "next month", "2024-07"),
        ("relative", "last year", "2023"),
        ("month", "December", "2023-12"),
        ("full", "June 19, 2024", "2024-06-19"),
        ("full", "19 June 2024", "2024-06-19"),
    ],
)
def test_dates_resolve_against_published(kind, expr, date):
    published = dt.date(2024, 6, 20)  # a Thursday
    values = resolve(kind, expr, published)
    assert values["date"] == date
    if values.get("relative"):
        assert values["resolved_against"] == "2024-06-20"


def test_relative_date_claim_carries_resolution():
    text = "The ministry said on Monday that exports rose 18 percent last month to $4.5 billion."
    claims = extract_claims(text, published=dt.date(2024, 3, 14))
    pct = next(c for c in claims if "18 percent" in c.quote)
    assert pct.kind == "quantity"
    assert pct.quote.startswith("exports rose")  # a change needs its subject
    money = next(c for c in claims if "$4.5 billion" in c.quote)
    assert money.values["value"] == 4_500_000_000 and money.values["currency"] == "USD"


# --- claim kinds and atomicity ----------------------------------------------------------------


def test_records_comparisons_durations():
    text = (
        "Last month was the hottest June in recorded history, the agency said. "
        "The new reservoir is twice the size of the old one. "
        "Talks lasted for three weeks before the deal was signed in Geneva."
    )
    claims = extract_claims(text)
    kinds = {c.quote: c.kind for c in claims}
    assert kinds["the hottest June in recorded history"] == "record"
    assert kinds["twice the size of the old one"] == "comparison"
    assert kinds["for three weeks"] == "duration"
    assert next(c for c in claims if c.kind == "comparison").values["factor"] == 2.0
    hottest = next(c for c in claims if c.kind == "record")
    assert hottest.values == {"superlative": "hottest", "scope": "in recorded history"}


def test_appositive_role_and_according_to():
    text = (
        "Coal generation slid 18 percent in the first half, according to the Rhodium Group. "
        "\u201cThe trend is clear,\u201d said Di Li, the chief scientist of FAST, on Monday."
    )
    claims = extract_claims(text, published=dt.date(2024, 7, 3))
    qs = [c.quote for c in claims]
    assert "Coal generation slid 18 percent" in qs
    assert "according to the Rhodium Group" in qs


@pytest.mark.parametrize(
    ("text", "role", "speaker"),
    [
        (
            "\u201cWe have never seen water move this fast,\u201d said Tom Becker, the county's director "
            "of emergency management.",
            "Tom Becker, the county's director of emergency management",
            "Tom Becker",
        ),
        (
            "Anna Weiss, Germany\u2019s deputy foreign minister, told reporters the talks had failed.",
            "Anna Weiss, Germany\u2019s deputy foreign minister",
            "Anna Weiss",
        ),
        (
            "Chief executive Karin Vogt, who took over in March, said the results were disappointing.",
            "Chief executive Karin Vogt",
            "Karin Vogt",
        ),
        # The title first, the name between commas.
        (
            "Harper's lawyer, Michael Chen, said his client would appeal.",
            "Harper's lawyer, Michael Chen",
            "Michael Chen",
        ),
        (
            "The company's chief executive, Ana Ortiz, said 14 people were hired.",
            "The company's chief executive, Ana Ortiz",
            "Ana Ortiz",
        ),
    ],
)
def test_roles_of_speakers(text: str, role: str, speaker: str) -> None:
    """A possessive is part of a title ("the county's director"); an aside may come before "said"."""
    (claim,) = [c for c in extract_claims(text) if c.kind == "role"]
    assert claim.quote == role
    assert claim.values.get("speaker") == speaker or claim.speaker == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "statement"),
    [
        # A named subject with an appositive before "said".
        (
            "Anna Weiss, a deputy foreign minister, said on Tuesday that 14 people were arrested.",
            "14 people were arrested",
            "Anna Weiss",
            "Anna Weiss said that 14 people were arrested",
        ),
        # "told" names the audience; the statement reads "said".
        (
            "Anna Weiss, a deputy foreign minister, told reporters that 14 people were arrested.",
            "14 people were arrested",
            "Anna Weiss",
            "Anna Weiss said that 14 people were arrested",
        ),
        # The fact before the tag: its first word is no name, so it goes to lower case.
        (
            "The talks failed after 14 hours, Weiss told reporters.",
            "after 14 hours",
            "Weiss",
            "Weiss said that the talks failed after 14 hours",
        ),
        # A title before the name, an aside before "said": the subject is the named person.
        (
            "Chief executive Karin Vogt, who took over in March, said 300 people had been hired.",
            "300 people had been hired",
            "Karin Vogt",
            "Chief executive Karin Vogt said 300 people had been hired",
        ),
        # A title with no qualifier is no role to check, but the speaker is named.
        (
            "The lawyer, Michael Chen, said 12 counts would be appealed.",
            "12 counts would be appealed",
            "Michael Chen",
            None,
        ),
        # What was said is not who said it.
        ("The ministry, which runs the ports, said the ships had left 14 harbours.", "14 harbours", None, None),
        # A pronoun or a conjunction is no source to name.
        ("We built 40 schools, and we've told you where the money came from.", "40 schools", None, None),
        ("Police said 14 people were arrested.", "14 people were arrested", "Police", None),
        # Any source after "according to", abbreviations included.
        ("The plant employs 1,800 people, according to U.S. officials.", "1,800 people", "U.S. officials", None),
        (
            "Troops fired about 2,000 shells a day, according to Ukrainian officials.",
            "about 2,000 shells",
            "Ukrainian officials",
            None,
        ),
        # "an estimated" is no attribution verb's subject: the source is at the end.
        (
            "Malaria killed an estimated 608,000 people in 2022, the WHO says.",
            "an estimated 608,000 people",
            "the WHO",
            None,
        ),
    ],
)
def test_speakers(text: str, quote: str, speaker: str | None, statement: str | None) -> None:
    claim = next(c for c in extract_claims(text) if c.quote == quote)
    assert claim.speaker == speaker
    if statement is not None:
        assert claim.text == statement


def test_according_to_an_agency_with_an_abbreviation():
    text = "Coal use fell 3 percent, according to the U.S. Energy Information Administration."
    (attribution,) = [c for c in extract_claims(text) if c.kind == "attribution"]
    assert attribution.quote == "according to the U.S. Energy Information Administration"


def test_a_date_after_said_and_a_clause_is_the_facts_own():
    """ "said on Tuesday" dates the statement; "said the ships had left on Tuesday" dates the fact."""
    assert [
        c.quote for c in extract_claims("The ministry said the ships had left on Tuesday.") if c.kind == "date"
    ] == ["the ships had left on Tuesday"]
    said_on = extract_claims("The ministry said on Tuesday that 14 people were arrested.")
    assert not [c for c in said_on if c.kind == "date"]


def test_a_date_stops_before_a_figure_claimed_on_its_own():
    text = "The Senate voted 79-18 late Tuesday to approve a $95 billion foreign aid package."
    claims = extract_claims(text, published=dt.date(2024, 4, 24))
    assert [(c.kind, c.quote) for c in claims] == [
        ("date", "The Senate voted 79-18 late Tuesday to approve"),
        ("quantity", "$95 billion foreign aid package"),
    ]
    assert claims[0].values["date"] == "2024-04-23"


@pytest.mark.parametrize(
    "lead",
    ["WASHINGTON, April 23, 2024 \u2014 ", "WASHINGTON (AP) \u2014 ", "NEW YORK, April 23 (Reuters) - "],
)
def test_a_dateline_lead_is_no_part_of_a_claim(lead: str) -> None:
    text = lead + "The Senate voted 79-18 late Tuesday to approve a $95 billion foreign aid package."
    claims = extract_claims(text, published=None if "2024" in lead else dt.date(2024, 4, 23))
    assert claims and all(c.sentence.startswith("The Senate") for c in claims)
    (date,) = [c for c in claims if c.kind == "date"]
    assert date.values["date"] == "2024-04-23"  # from the dateline when no date is given


def test_twice_the_amount_without_of():
    text = "She also fined him $250,000, twice the amount the probation office had recommended."
    (comparison,) = [c for c in extract_claims(text) if c.kind == "comparison"]
    assert comparison.quote == "twice the amount the probation office had recommended"
    assert comparison.values == {"factor": 2.0}


def test_change_by_a_fraction_and_expectations():
    (half,) = [c for c in extract_claims("Exports fell by half in the first quarter.") if c.kind == "quantity"]
    assert half.quote == "Exports fell by half" and half.values["value"] == 0.5
    third = [c for c in extract_claims("Ridership fell by a third within a week.") if c.kind == "quantity"]
    assert [c.quote for c in third] == ["Ridership fell by a third"]
    # "expect ... to" is a forecast, like "will".
    assert extract_claims("Officials expect the river to fall below flood stage by Friday.") == []


def test_including_is_no_appositive():
    """ "Critics, including Senator Rand Paul, argued": the critics hold no office."""
    text = "Critics, including Senator Rand Paul of Kentucky, argued that 14 billion dollars should be spent at home."
    assert not [
        c for c in extract_claims(text) if c.speaker == "Critics" or (c.kind == "role" and "Critics" in c.quote)
    ]


def test_speaker_and_attribution_text():
    text = "Officials at the Health Ministry said that 1,200 patients were treated in the clinic."
    (claim,) = [c for c in extract_claims(text) if c.kind == "quantity"]
    assert claim.speaker and "Health Ministry" in claim.speaker
    assert claim.text.startswith("Officials at the Health Ministry said that")


# --- what is not a claim ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I think this is the worst policy we have ever seen, and it must change.",  # opinion
        "Will the government raise taxes on the 300 largest companies next year?",  # question
        "The minister hopes that the economy could recover by 2030 if reforms pass.",  # hope
        "\u201cIt was a big stretch,\u201d she said.",  # emotional quote
    ],
)
def test_not_claims(text):
    assert extract_claims(text, published=dt.date(2024, 1, 1)) == []


def test_page_furniture_yields_nothing():
    text = "\n".join(
        [
            "Election results in the capital",
            "Gavriel Grigorov | Reuters",
            "Read more: Ten things to know about the vote",
            "About The Author",
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            "\u00a9 2019 Science X Network",
            "Photo: Jane Doe/AP",
        ]
    )
    assert extract_claims(text) == []


def test_non_english_text_yields_no_claims():
    german = (
        "Die Bundesregierung hat am Dienstag beschlossen, dass die Steuern im kommenden Jahr "
        "um 18 Prozent steigen werden, wie das Ministerium mitteilte."
    )
    assert detect_language(german) == "de"
    assert not is_english(german)
    assert extract_claims(german) == []
    assert detect_language("The government said on Tuesday that taxes would rise.") == "en"


def test_sentence_offsets():
    text = "Mr. Smith arrived at 9 a.m. on Monday. He left at noon.\n\nU.S. officials agreed."
    got = [s.text for s in sentences(text)]
    assert got == [
        "Mr. Smith arrived at 9 a.m. on Monday.",
        "He left at noon.",
        "U.S. officials agreed.",
    ]


def test_empty_and_odd_inputs():
    for text in ["", "   ", "\n\n", "12345", "\u201c\u201d", "$$$ %%% 1,,,2"]:
        assert extract_claims(text) == []


def test_business_story_conventions():
    text = "\n".join(
        [
            "By Maria Lopez, Business Reporter",
            "Updated 3:45 PM ET, Tue March 5, 2024",
            "Apple said on Thursday that iPhone sales fell 10% to $51.3 billion, its weakest performance since 2019.",
            "The European Commission fined Apple \u20ac1.8 billion ($1.95 billion) last month.",
            "It is the first time the EU has penalised the company for breaching its antitrust rules.",
            "Chief Executive Tim Cook said demand remained weak.",
            "Maria Lopez is a business reporter based in New York.",
        ]
    )
    claims = extract_claims(text)
    by_quote = {c.quote: c for c in claims}
    assert by_quote["iPhone sales fell 10%"].speaker == "Apple"
    assert by_quote["its weakest performance since 2019"].kind == "record"
    assert "$1.95 billion" not in by_quote  # a currency conversion is not a second figure
    assert by_quote["\u20ac1.8 billion"].values["currency"] == "EUR"
    first = next(c for c in claims if c.quote.startswith("the first time"))
    assert first.kind == "record" and first.quote.endswith("antitrust rules")
    assert by_quote["Chief Executive Tim Cook"].speaker == "Tim Cook"
    fined = next(c for c in claims if c.quote.startswith("The European Commission fined"))
    assert fined.values["date"] == "2024-02"  # "last month", against the "Updated" stamp
    assert not any("Maria Lopez" in c.quote for c in claims)


# --- optional model-backed extractor (real HTTP on loopback) ----------------------------------

ARTICLE = "Officials said on Tuesday that 1,200 patients were treated in Springfield. It was chaos."


class _Model(BaseHTTPRequestHandler):
    reply: str = ""
    delay: float = 0.0
    seen: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server API)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).seen.append(body)
        time.sleep(type(self).delay)
        payload = json.dumps({"choices": [{"message": {"content": type(self).reply}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError):  # the client gave up (the timeout test)
            self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def model_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Model)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    _Model.delay, _Model.seen = 0.0, []
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_llm_extractor_keeps_verbatim_quotes_only(model_url, monkeypatch):
    _Model.reply = json.dumps(
        {
            "claims": [
                {
                    "quote": "1,200 patients were treated",
                    "kind": "quantity",
                    "text": "Officials said 1,200 patients were treated.",
                    "speaker": "Officials",
                    "score": 0.9,
                },
                {"quote": "twelve hundred patients", "kind": "quantity", "score": 0.9},  # paraphrase: dropped
            ]
        }
    )
    monkeypatch.setenv("CLAIMS_EXTRACTOR", "llm")
    monkeypatch.setenv("CLAIMS_LLM_URL", model_url)
    monkeypatch.setenv("CLAIMS_LLM_MODEL", "tiny")
    (claim,) = extract_claims(ARTICLE)
    assert ARTICLE[claim.start : claim.end] == claim.quote == "1,200 patients were treated"
    assert claim.kind == "quantity" and claim.speaker == "Officials" and claim.score == 0.9
    assert _Model.seen[0]["model"] == "tiny"


@pytest.mark.parametrize(
    "reply", ["not json at all", json.dumps({"claims": "nope"}), json.dumps({"claims": [{"quote": "invented words"}]})]
)
def test_llm_extractor_falls_back_on_malformed_answers(model_url, reply):
    _Model.reply = reply
    with pytest.warns(LLMFallbackWarning):
        got = extract_claims_llm(ARTICLE, url=model_url, model="tiny")
    assert [c.quote for c in got] == [c.quote for c in extract_claims(ARTICLE)]


def test_llm_extractor_falls_back_when_slow(model_url):
    _Model.reply, _Model.delay = json.dumps({"claims": []}), 1.5
    started = time.perf_counter()
    with pytest.warns(LLMFallbackWarning):
        got = extract_claims_llm(ARTICLE, url=model_url, model="tiny", timeout=0.3)
    assert time.perf_counter() - started < 1.4
    assert any("1,200" in c.quote for c in got)


# --- check-worthiness -------------------------------------------------------------------------


def test_checkworthy_sentence_without_span_gets_a_sentence_level_claim():
    from claims.extract.score import has_classifier

    if not has_classifier():
        pytest.skip("claims.checkworthy is not installed")
    text = "He voted against the bill that raised the minimum wage."
    (claim,) = extract_claims(text)
    assert claim.kind == "event" and claim.values == {"sentence_level": True}
    assert claim.score >= 0.5
    assert extract_claims("Thank you very much, it is great to be here tonight.") == []


def test_scores_rank_specific_claims_above_vague_ones():
    text = (
        "The ministry said 4,100 homes were destroyed in the floods in May.\n\n"
        "Many people in the region were unhappy about the response, some residents said."
    )
    claims = extract_claims(text)
    top = max(claims, key=lambda c: c.score)
    assert "4,100 homes" in top.quote and top.score >= 0.5
    assert all(c.score < top.score for c in claims if c is not top)


def test_measures_half_as_much_and_said_tag_speakers():
    text = (
        "The telescope detected 201 pulsars in its first year, said Di Li, the chief scientist of FAST.\n"
        "Solar panels now produce half as much power as coal plants did in 2015.\n"
        "Temperatures reached 45C on Saturday, and winds of 120 km/h hit the coast."
    )
    by_quote = {c.quote: c for c in extract_claims(text)}
    assert by_quote["201 pulsars"].speaker == "Di Li"
    assert by_quote["Di Li, the chief scientist of FAST"].text == "Di Li is the chief scientist of FAST"
    assert by_quote["half as much power as coal plants"].values["factor"] == 0.5
    assert by_quote["45C"].values == {"unit": "\u00b0C", "value": 45}
    assert by_quote["120 km/h"].values["unit"] == "km/h"


def test_list_items_honorifics_and_size_comparisons():
    text = "\n".join(
        [
            "# Scientists map new species",
            "Researchers from the Natural History Museum said on Wednesday they had found more than 1,000 species.",
            "The survey covered an area roughly the size of Wales.",
            '"It was extraordinary," said expedition leader Dr. Sarah Jones.',
            "Key findings:",
            "- 450 species of crustaceans",
        ]
    )
    by_quote = {c.quote: c for c in extract_claims(text)}
    assert by_quote["1,000 species"].speaker == "Researchers from the Natural History Museum"
    assert by_quote["roughly the size of Wales"].kind == "comparison"
    assert by_quote["expedition leader Dr. Sarah Jones"].speaker == "Dr. Sarah Jones"
    assert by_quote["450 species of crustaceans"].values["value"] == 450
    assert not any("Scientists map" in q for q in by_quote)


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(1, 1, 3), dt.date(9999, 12, 31)])
def test_relative_dates_at_the_ends_of_the_calendar_do_not_raise(published):
    text = "Sales fell 3 decades ago to $5 million. The mayor resigned yesterday in Springfield, officials said."
    for claim in extract_claims(text, published=published):
        assert text[claim.start : claim.end] == claim.quote
