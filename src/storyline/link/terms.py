"""Term vectors for story clustering: weighted terms, document frequencies, TF-IDF.

An article is described by the words of its title and body, the names in it (runs of
capitalised words, and the entity names the per-article stage found) and the years and numbers
it mentions. Names and title words weigh more than body words: two reports of the same event
share its actors and places far more reliably than its vocabulary.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache

from storyline.models import Article, ArticleAnalysis

Vector = dict[str, float]

# A compact English stop list: function words and the reporting vocabulary every news text has.
_STOP_TEXT = """
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it its
itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them themselves
then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours yourself yourselves said says say saying
told tell according reported report reports reuters ap afp news new one two three also would
could may might must shall just like get got make made many much even well back still yet
mr mrs ms dr sir year years time times day days week weeks month months today yesterday
monday tuesday wednesday thursday friday saturday sunday people percent per cent
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

_WORD = re.compile(r"[^\W\d_][\w'’\-]*|\d[\d,.]*\d|\d", re.UNICODE)
_NAME_RUN = re.compile(r"(?:\b[A-Z][\w'’\-]+(?:\s+(?:of|de|la|van|von|al|bin|del)\s+|\s+)?)+")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")

# Relative weights of the kinds of evidence (tuned on the ECB+ train split only).
BODY_WEIGHT = 1.0
TITLE_WEIGHT = 2.0
NAME_WEIGHT = 1.5
ENTITY_WEIGHT = 1.5
NUMBER_WEIGHT = 1.0
LEAD_CHARS = 600
LEAD_WEIGHT = 0.5
BACKGROUND_DOCS = 300
MAX_TEXT_CHARS = 20_000  # bound the work per article: the lead carries the story


def stem(word: str) -> str:
    """A light English stemmer: enough to join "troops"/"troop", "killed"/"kills"."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 5 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 5 and w.endswith("ing"):
        return w[:-3]
    if len(w) > 4 and w.endswith("ed"):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


@lru_cache(maxsize=200_000)
def _term(tok: str) -> str:
    """The term a token stands for ("" for a stop word)."""
    if tok[0].isdigit():
        return "#" + tok.replace(",", "")
    low = tok.lower()
    if len(low) < 3 or low in STOP_WORDS:
        return ""
    return stem(low)


def words(text: str) -> list[str]:
    """Content words of ``text``, stemmed; numbers kept as ``#<digits>``."""
    return [t for t in map(_term, _WORD.findall(text)) if t]


def names(text: str) -> list[str]:
    """Runs of capitalised words (a cheap stand-in for named entities), lower-cased."""
    out: list[str] = []
    for m in _NAME_RUN.finditer(text):
        run = m.group().strip()
        parts = [p for p in run.split() if p.lower() not in STOP_WORDS]
        if not parts:
            continue
        out.append("n:" + " ".join(p.lower() for p in parts))
        if len(parts) > 1:
            out.extend("n:" + p.lower() for p in parts)
    return out


def article_terms(article: Article, analysis: ArticleAnalysis | None = None) -> dict[str, float]:
    """Weighted term counts of one article (before IDF)."""
    tf: dict[str, float] = defaultdict(float)
    text = article.text[:MAX_TEXT_CHARS]
    title = article.title or ""
    for w in words(text):
        tf[w] += BODY_WEIGHT if not w.startswith("#") or _YEAR.match(w[1:]) else NUMBER_WEIGHT * 0.5
    for w in words(text[:LEAD_CHARS]):
        tf[w] += LEAD_WEIGHT
    for w in words(title):
        tf[w] += TITLE_WEIGHT
    for n in names(text):
        tf[n] += NAME_WEIGHT
    for n in names(title):
        tf[n] += NAME_WEIGHT
    if analysis is not None:
        for ent in analysis.entities:
            key = "e:" + ent.name.lower()
            tf[key] += ENTITY_WEIGHT * min(3, max(1, len(ent.mentions)))
    return dict(tf)


_YEAR_IN_TEXT = re.compile(r"(?<![\w.,])(?:19[5-9]\d|20[0-4]\d)(?![\w%]|[.,]\d)")
MAX_YEARS = 6


def article_years(article: Article) -> frozenset[int]:
    """The years an article is about: those it names most often, and the year it was published.

    Two reports of the same event mention the same year(s); two similar events (two earthquakes
    in one region, two arrests of one person) are most often told apart by their years.
    """
    text = (article.title or "") + "\n" + article.text[:MAX_TEXT_CHARS]
    counts = Counter(int(y) for y in _YEAR_IN_TEXT.findall(text))
    out = {y for y, _ in counts.most_common(MAX_YEARS)}
    if article.published is not None:
        out.add(article.published.year)
    return frozenset(out)


class TermStats:
    """Document frequencies over the articles seen so far (grows with each batch)."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n_docs = 0

    def add(self, terms: Iterable[str], weight: int = 1) -> None:
        self.n_docs += weight
        for t in set(terms):
            self.df[t] += weight

    def idf(self, term: str) -> float:
        # BACKGROUND_DOCS pseudo-documents that hold none of the terms: a small corpus about one
        # story would otherwise weigh the story's own names as low as function words
        return math.log((1 + self.n_docs + BACKGROUND_DOCS) / (1 + self.df.get(term, 0))) + 1.0


def tfidf(tf: Mapping[str, float], stats: TermStats, *, max_terms: int = 300) -> Vector:
    """Sublinear TF-IDF, L2-normalised, keeping the ``max_terms`` heaviest terms."""
    vec = {t: (1.0 + math.log(c)) * stats.idf(t) for t, c in tf.items() if c > 0}
    if len(vec) > max_terms:
        vec = dict(sorted(vec.items(), key=lambda kv: -kv[1])[:max_terms])
    return normalise(vec)


def normalise(vec: Mapping[str, float]) -> Vector:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    if norm == 0:
        return {}
    return {t: v / norm for t, v in vec.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two normalised vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())
