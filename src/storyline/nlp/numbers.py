"""Numbers written in digits or words: a regex that finds them and a parser that values them.

Pure functions over strings (no spaCy), shared by the figures and temporal-expression steps.

    >>> parse_number("thirty-five")
    35.0
    >>> parse_number("1.5 million")
    1500000.0
    >>> parse_number("two-thirds")
    0.6666666666666666
"""

from __future__ import annotations

import re

ONES: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, float] = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
# Abbreviated scales as news writes them glued to a number: "$40bn", "£3m", "5k".
SCALE_ABBREVIATIONS: dict[str, float] = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "tn": 1e12,
    "trn": 1e12,
}
FRACTIONS: dict[str, float] = {
    "half": 1 / 2,
    "halves": 1 / 2,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 1 / 4,
    "quarters": 1 / 4,
    "fifth": 1 / 5,
    "fifths": 1 / 5,
    "sixth": 1 / 6,
    "sixths": 1 / 6,
    "seventh": 1 / 7,
    "sevenths": 1 / 7,
    "eighth": 1 / 8,
    "eighths": 1 / 8,
    "ninth": 1 / 9,
    "ninths": 1 / 9,
    "tenth": 1 / 10,
    "tenths": 1 / 10,
}
ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}

_ALT = "|".join
_CARDINAL_WORDS = sorted([*ONES, *TENS, "hundred", *SCALES, "dozen"], key=len, reverse=True)
_FRACTION_WORDS = sorted(FRACTIONS, key=len, reverse=True)

#: One cardinal word ("seven", "hundred", "dozen").
CARDINAL_WORD = rf"(?:{_ALT(_CARDINAL_WORDS)})"
#: A number in words: "twenty-five", "three hundred and forty two", "a dozen", "two and a half".
WORD_NUMBER = (
    rf"(?:(?:an?\s+)?{CARDINAL_WORD}(?:(?:\s+|-)(?:and\s+)?{CARDINAL_WORD})*"
    rf"(?:\s+and\s+a\s+half)?(?:\s+{_ALT(sorted(SCALES, key=len, reverse=True))})?)"
)
#: A fraction in words: "one-fifth", "two thirds", "a quarter", "half".
WORD_FRACTION = rf"(?:(?:(?:an?|{CARDINAL_WORD})[\s-]+)?(?:{_ALT(_FRACTION_WORDS)}))"
#: Digits with optional thousands separators and decimals: "30,000", "1.5", "2025".
DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
#: Digits followed by a scale: "1.5 million", "40bn", "3billion".
DIGIT_NUMBER = (
    rf"(?:{DIGITS}(?:\s?(?:{_ALT(sorted(SCALES, key=len, reverse=True))})\b"
    rf"|(?:{_ALT(sorted(SCALE_ABBREVIATIONS, key=len, reverse=True))})\b)?)"
)
#: Any number: digits first so that "2 million" is one match.
NUMBER = rf"(?:{DIGIT_NUMBER}|{WORD_FRACTION}|{WORD_NUMBER})"

_SPLIT = re.compile(r"[\s\-]+")
_DIGIT_SCALE = re.compile(
    rf"^({DIGITS})\s?({_ALT(sorted([*SCALES, *SCALE_ABBREVIATIONS], key=len, reverse=True))})$",
    re.IGNORECASE,
)
_DIGITS_ONLY = re.compile(rf"^{DIGITS}$")
MAX_NUMBER_CHARS = 120


def parse_digits(text: str) -> float | None:
    """ "30,000" -> 30000.0; "1.5" -> 1.5; anything else -> None."""
    t = text.strip()
    if not _DIGITS_ONLY.match(t):
        return None
    return float(t.replace(",", ""))


def parse_number(text: str) -> float | None:
    """The value of a number in digits and/or words, or None when it is not one.

    Handles thousands separators, decimals, glued scales ("40bn", "3billion"), number words
    ("three hundred and forty-two"), "a dozen", fractions ("one-fifth", "two-thirds", "half")
    and "two and a half". Ordinals are not numbers here ("third" alone is a fraction only
    after a count: "a third", "two-thirds").
    """
    t = text.strip().lower()
    if not t or len(t) > MAX_NUMBER_CHARS:
        return None
    value = parse_digits(t)
    if value is not None:
        return value
    m = _DIGIT_SCALE.match(t)
    if m:
        base = float(m.group(1).replace(",", ""))
        word = m.group(2).lower()
        return base * SCALES.get(word, SCALE_ABBREVIATIONS.get(word, 1.0))
    half = re.match(r"^(.*?)\s+and\s+a\s+half(?:\s+(\w+))?$", t)
    if half:
        base_value = parse_number(half.group(1))
        if base_value is None:
            return None
        value = base_value + 0.5
        if half.group(2):
            scale = SCALES.get(half.group(2))
            if scale is None:
                return None
            value *= scale
        return value
    return _parse_words([w for w in _SPLIT.split(t) if w and w != "and"])


def _parse_words(words: list[str]) -> float | None:
    total = 0.0
    current = 0.0
    seen = False  # a number word (not just "a") was read
    article = False
    last_kind = ""
    for i, w in enumerate(words):
        if w in ("a", "an"):
            if i != 0:
                return None
            article = True
            continue
        d = parse_digits(w)
        if d is not None:
            if last_kind in ("unit", "digit", "tens"):
                return None
            current += d
            last_kind = "digit"
        elif w in ONES:
            if last_kind in ("unit", "digit"):
                return None
            current += ONES[w]
            last_kind = "unit"
        elif w in TENS:
            if last_kind in ("unit", "digit", "tens"):
                return None
            current += TENS[w]
            last_kind = "tens"
        elif w == "hundred":
            current = (current or 1.0) * 100
            last_kind = "hundred"
        elif w in SCALES:
            total += (current or 1.0) * SCALES[w]
            current = 0.0
            last_kind = "scale"
        elif w == "dozen":
            current = (current or 1.0) * 12
            last_kind = "dozen"
        elif w in FRACTIONS:
            if i != len(words) - 1:
                return None
            needs_count = w in ("third", "thirds", "quarter", "quarters") or w.endswith(("th", "ths"))
            if needs_count and not (seen or article):
                return None  # "third" alone is an ordinal; "a third", "two-thirds" are fractions
            numerator = total + current if seen else 1.0
            return numerator * FRACTIONS[w]
        else:
            return None
        seen = True
    if not seen:
        return None
    return total + current


_ORDINAL_DIGITS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$", re.IGNORECASE)


def parse_ordinal(text: str) -> int | None:
    """ "3rd" / "third" / "twenty-first" -> the number; None otherwise."""
    t = text.strip().lower()
    m = _ORDINAL_DIGITS.match(t)
    if m:
        return int(m.group(1))
    if t in ORDINALS:
        return ORDINALS[t]
    parts = _SPLIT.split(t)
    if len(parts) == 2 and parts[0] in TENS and parts[1] in ORDINALS and ORDINALS[parts[1]] < 10:
        return TENS[parts[0]] + ORDINALS[parts[1]]
    return None
