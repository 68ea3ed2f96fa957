"""Which language is this? Stop-word ratios over a few European languages."""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[^\W\d_]+")
_STOPWORDS = {
    "en": "the of and to in is was that for on with as by at from his her it are were be has have "
    "had not but this which they their said will would an or who been also its after a i you we our "
    "he she my your us them me into when what there do does did can could should about more than "
    "up out so if just all some only very now then over how because get got make going know think "
    "people one two year years",
    "de": "der die das und ist nicht mit von den dem des ein eine zu auf sich für im auch als "
    "wird werden sind war hat aus bei nach einer noch wie oder aber",
    "fr": "le la les et des est une un du dans pour que qui pas sur au avec par plus sont ce "
    "il elle ont été cette aux mais ou nous vous leur",
    "es": "el la los las y de que en un una es por con para del se al lo como más pero sus "
    "fue son ha este esta ya también",
    "it": "il lo la gli le e di che un una è per con del della dei non sono ha anche come nel alla questo ma più",
    "pt": "o a os as e de que em um uma é para com do da dos das não se por mais foi são ao como mas também",
    "nl": "de het een en van is dat op te in voor met zijn niet aan er ook als bij door maar om werd was",
}
_SETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}


def detect_language(text: str, sample: int = 5000) -> str | None:
    """ISO 639-1 code of the likeliest language of ``text``, or None when it cannot tell."""
    words = _WORD.findall(text[:sample].lower())
    if len(words) < 4:
        return None
    non_latin = sum(
        1 for w in words if not w.isascii() and not all(c in "àâäáãçéèêëíîïóôöõúûüñß" or c.isascii() for c in w)
    )
    if non_latin > len(words) / 2:
        return None  # another script (Cyrillic, Arabic, CJK ...): none of ours
    counts = Counter(words)  # each distinct word looked up once a language, not each word
    ratios = {lang: sum(counts[w] for w in counts.keys() & stop) / len(words) for lang, stop in _SETS.items()}
    best = max(ratios, key=lambda lang: ratios[lang])
    # Short texts share many function words across languages ("a", "de"): prefer English on near-ties.
    if best != "en" and ratios["en"] >= 0.15 and ratios[best] - ratios["en"] < 0.1:
        best = "en"
    return best if ratios[best] >= 0.08 else None


def is_english(text: str) -> bool:
    """True when ``text`` reads as English (short or undecidable texts get the benefit of the doubt)."""
    words = _WORD.findall(text[:5000])
    lang = detect_language(text)
    if len(words) < 30:  # a sentence or two: refuse only what clearly reads as another language
        return lang in ("en", None) and (not words or sum(w.isascii() for w in words) >= len(words) / 2)
    return lang == "en"
