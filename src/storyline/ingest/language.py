"""A light language guess: the share of a language's most common function words in a text.

Good enough to flag an article as not English; not meant to tell close languages apart. Scripts
that stopwords do not cover (CJK, Arabic, Hebrew) are recognised by their characters.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from storyline.ingest.stopwords import STOPWORDS

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_MIN_WORDS = 8
_MIN_SHARE = 0.08


@lru_cache(maxsize=1)
def _stoplists() -> dict[str, frozenset[str]]:
    return {code: frozenset(words.split()) for code, words in STOPWORDS.items()}


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
    ranked = sorted(shares, key=lambda c: shares[c], reverse=True)
    best, second = shares[ranked[0]], shares[ranked[1]]
    # Enough function words, or fewer (lists, tables, recipes) but far more than any other language.
    if best >= _MIN_SHARE or (best >= _MIN_SHARE / 3 and best >= 3 * second):
        return ranked[0]
    return None
