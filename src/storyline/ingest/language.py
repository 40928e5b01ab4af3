"""A light language guess: the share of a language's stopwords among the words of a text.

Stopword lists come from jusText (installed with trafilatura). Good enough to flag an article as
not English; not meant to tell close languages apart.
"""

from __future__ import annotations

import re
from collections import Counter
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


_SCRIPTS = {
    "ja": re.compile(r"[\u3040-\u30ff]"),
    "zh": re.compile(r"[\u4e00-\u9fff]"),
    "ko": re.compile(r"[\uac00-\ud7af]"),
    "ar": re.compile(r"[\u0600-\u06ff]"),
    "he": re.compile(r"[\u0590-\u05ff]"),
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
}


def _script(text: str) -> str | None:
    """The language implied by a non-Latin script that stopwords do not cover, if any."""
    sample = text[:4000]
    counts = {name: len(rx.findall(sample)) for name, rx in _SCRIPTS.items()}
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
    words = Counter(w.lower().replace("’", "'") for w in _WORD.findall(text[:12000]))
    total = sum(words.values())
    if total < _MIN_WORDS:
        return None
    shares = {}
    for code, stop in _stoplists().items():
        shares[code] = sum(words[w] for w in stop.intersection(words)) / total
    best = max(shares, key=lambda c: shares[c])
    return best if shares[best] >= _MIN_SHARE else None
