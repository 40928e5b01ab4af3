"""A light language guess: the share of a language's stopwords among the words of a text.

Stopword lists come from jusText (installed with trafilatura). Good enough to flag an article as
not English; not meant to tell close languages apart.
"""

from __future__ import annotations

import re
from functools import lru_cache

import justext

#: jusText stoplist name -> ISO 639-1 code, for the languages we check.
LANGUAGES = {
    "English": "en",
    "German": "de",
    "French": "fr",
    "Spanish": "es",
    "Italian": "it",
    "Portuguese": "pt",
    "Dutch": "nl",
    "Swedish": "sv",
    "Danish": "da",
    "Norwegian_Bokmal": "no",
    "Finnish": "fi",
    "Polish": "pl",
    "Czech": "cs",
    "Romanian": "ro",
    "Hungarian": "hu",
    "Turkish": "tr",
    "Russian": "ru",
    "Ukrainian": "uk",
    "Indonesian": "id",
    "Greek": "el",
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_MIN_WORDS = 8
_MIN_SHARE = 0.12


@lru_cache(maxsize=1)
def _stoplists() -> dict[str, frozenset[str]]:
    return {code: frozenset(justext.get_stoplist(name)) for name, code in LANGUAGES.items()}


def _script(text: str) -> str | None:
    """The language implied by a non-Latin script that stopwords do not cover, if any."""
    counts = {"zh": 0, "ja": 0, "ko": 0, "ar": 0, "he": 0, "latin": 0}
    for ch in text[:4000]:
        o = ord(ch)
        if 0x3040 <= o <= 0x30FF:
            counts["ja"] += 1
        elif 0x4E00 <= o <= 0x9FFF:
            counts["zh"] += 1
        elif 0xAC00 <= o <= 0xD7AF:
            counts["ko"] += 1
        elif 0x0600 <= o <= 0x06FF:
            counts["ar"] += 1
        elif 0x0590 <= o <= 0x05FF:
            counts["he"] += 1
        elif ch.isalpha() and o < 0x0250:
            counts["latin"] += 1
    best = max(counts, key=lambda k: counts[k])
    if best == "latin" or counts[best] < 20:
        return None
    if best == "zh" and counts["ja"]:
        return "ja"
    return best


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the likeliest language of ``text``, or None when there is too little to tell."""
    script = _script(text)
    if script:
        return script
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text[:20000])]
    if len(words) < _MIN_WORDS:
        return None
    shares = {}
    for code, stop in _stoplists().items():
        shares[code] = sum(1 for w in words if w in stop) / len(words)
    best = max(shares, key=lambda c: shares[c])
    return best if shares[best] >= _MIN_SHARE else None
