"""Why each article is in its story: its strongest links and what it shares with the others.

For each member, the cosine of its vector (:mod:`storyline.link.terms`) with every other
member's gives its ``MEMBER_LINKS`` strongest links and its average similarity to the story;
the terms that weigh most in its product with the rest of the story (names first, as they
weigh most) are named as they are written in the article.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Mapping, Sequence

from storyline.link.terms import Vector, cosine, words
from storyline.models import Article, MemberLink, Membership

MEMBER_LINKS = 3
SHARED_TERMS = 6
MAX_COMPARED = 200  # members each member is compared with (the first in story order)
_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*|\d[\d,.]*\d|\d", re.UNICODE)


def _label(term: str, article: Article) -> str:
    """``term`` as the article writes it (a name in its case, a stem as its first word)."""
    text = (article.title or "") + "\n" + article.text[:5000]
    if term.startswith(("e:", "n:")):
        name = term[2:]
        m = re.search(r"\b" + r"\s+".join(map(re.escape, name.split())) + r"\b", text, re.IGNORECASE)
        return str(m.group()) if m else name
    if term.startswith("#"):
        return term[1:]
    for tok in _TOKEN.findall(text):
        if words(tok) == [term]:
            return str(tok)
    return term


def explain(
    members: Sequence[str],
    vectors: Mapping[str, Vector],
    articles: Mapping[str, Article],
    decisions: Mapping[str, str] | None = None,
) -> tuple[Membership, ...]:
    """The membership of each of ``members`` (in their order) that has a vector."""
    known = [aid for aid in members if aid in vectors]
    compared = known[:MAX_COMPARED]
    total: dict[str, float] = {}
    for aid in compared:
        for t, v in vectors[aid].items():
            total[t] = total.get(t, 0.0) + v
    out = []
    for aid in known:
        vec = vectors[aid]
        sims = [(cosine(vec, vectors[o]), o) for o in compared if o != aid]
        score = sum(s for s, _ in sims) / len(sims) if sims else 0.0
        links = tuple(
            MemberLink(article_id=o, similarity=round(s, 3))
            for s, o in heapq.nlargest(MEMBER_LINKS, sims)
            if s > 0
        )
        rest = {t: total.get(t, 0.0) - (v if aid in compared else 0.0) for t, v in vec.items()}
        weights = sorted(((v * rest[t], t) for t, v in vec.items() if rest[t] > 1e-9), reverse=True)
        shared: list[str] = []
        art = articles.get(aid)
        for _, term in weights:
            label = _label(term, art) if art is not None else term
            low = label.lower()
            if any(low in s.lower() for s in shared):
                continue
            shared = [s for s in shared if s.lower() not in low] + [label]
            if len(shared) >= SHARED_TERMS:
                break
        out.append(
            Membership(
                article_id=aid,
                score=round(score, 3),
                links=links,
                shared=tuple(shared),
                decision=(decisions or {}).get(aid),
            )
        )
    return tuple(out)
