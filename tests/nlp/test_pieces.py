"""Long articles are analysed in pieces: cut at paragraph or sentence ends, offsets into the whole."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest.article import build_article
from storyline.models import Article, ArticleAnalysis, Entity, Mention, Quote
from storyline.nlp.pieces import cut_pieces, merge, shift
from storyline.settings import load_settings

PARAGRAPHS = [
    "Mayor Elin Varga of Tarnholt said on Monday that the ferry bridge would reopen in May.",
    "\u201cWe are ready to carry traffic again,\u201d Varga told the council in a short speech.",
    "The council agreed to spend 4 million crowns on the repairs after a debate of three hours.",
    "Harbour master Ivo Krane said 12 boats had been waiting at the quay since March.",
    "\u201cThe delay cost us dearly,\u201d said Krane, who has run the harbour for 20 years.",
    "Engineers from Lisk will inspect the bridge on 3 April, the council said in a statement.",
    "Opposition leader Mara Quell called the plan \u201ca waste of time and money\u201d on Tuesday.",
    "The ferry company said it would add two crossings a day from June if the bridge opened.",
]


@given(st.text(alphabet=st.sampled_from("ab. \n\u201c"), max_size=400), st.integers(1, 60))
@settings(max_examples=200, deadline=None)
def test_pieces_cover_the_text_in_order_within_the_size(text: str, size: int) -> None:
    pieces = cut_pieces(text, size)
    assert "".join(text[s:e] for s, e in pieces) == text
    assert all(0 < e - s <= size for s, e in pieces) or text == ""
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))


def test_pieces_are_cut_after_a_paragraph_then_a_sentence_then_a_space() -> None:
    text = "One two three.\n\nFour five six. Seven eight nine ten eleven."
    assert cut_pieces(text, 20)[0] == (0, 16)  # after the blank line
    sentences = "One two three four. Five six seven eight nine ten."
    assert cut_pieces(sentences, 30)[0] == (0, 20)  # after the full stop and its space
    words = "alpha beta gamma delta epsilon zeta eta theta"
    _start, end = cut_pieces(words, 20)[0]
    assert words[end - 1] == " "
    assert cut_pieces("x" * 50, 20) == [(0, 20), (20, 40), (40, 50)]


def test_shift_moves_every_offset_and_the_paragraph() -> None:
    q = Quote(
        article_id="a", text="hi", start=3, end=5, kind="direct", speaker_start=7, speaker_end=9, paragraph=0
    )
    moved = shift(q, 100, paragraphs=4)
    assert (moved.start, moved.end, moved.speaker_start, moved.speaker_end) == (103, 105, 107, 109)
    assert moved.paragraph == 4 and moved.cue_start is None
    e = Entity(entity_id="x", name="Varga", type="person", mentions=(Mention(text="Varga", start=1, end=6),))
    assert shift(e, 10).mentions[0].start == 11


def test_merge_joins_an_entity_seen_in_two_pieces() -> None:
    text = "Varga spoke.\nVarga left.\n"
    one = ArticleAnalysis(
        article_id="a",
        entities=(
            Entity(
                entity_id="p", name="Varga", type="person", mentions=(Mention(text="Varga", start=0, end=5),)
            ),
        ),
    )
    two = ArticleAnalysis(
        article_id="a",
        entities=(
            Entity(
                entity_id="p",
                name="Varga",
                type="person",
                roles=("mayor",),
                mentions=(Mention(text="Varga", start=0, end=5),),
            ),
        ),
    )
    merged = merge(text, "a", [(0, one), (13, two)])
    (ent,) = merged.entities
    assert [(m.start, m.end) for m in ent.mentions] == [(0, 5), (13, 18)]
    assert ent.roles == ("mayor",)
    assert all(text[m.start : m.end] == m.text for m in ent.mentions)


def _article(text: str) -> Article:
    a = build_article(text, source="test", kind="text", keep_headline=True)
    assert isinstance(a, Article)
    return a


def _spans(analysis: ArticleAnalysis) -> dict[str, object]:
    return {
        "quotes": [q.model_dump() for q in analysis.quotes],
        "figures": [f.model_dump() for f in analysis.figures],
        "timexes": [t.model_dump() for t in analysis.timexes],
        "events": [e.model_dump() for e in analysis.events],
        "entities": sorted(
            (e.entity_id, e.name, tuple((m.start, m.end) for m in e.mentions)) for e in analysis.entities
        ),
    }


@pytest.mark.slow
def test_article_in_pieces_gives_what_one_piece_gives() -> None:
    from storyline.nlp import analyse

    article = _article("\n\n".join(PARAGRAPHS * 3))
    (whole,) = analyse([article], load_settings())
    small = load_settings(**{"nlp.piece_chars": 1_000})
    assert len(cut_pieces(article.text, 1_000)) >= 2
    (pieced,) = analyse([article], small)
    assert _spans(pieced) == _spans(whole)
    for q in pieced.quotes:
        assert article.text[q.start : q.end] == q.text


@pytest.mark.slow
def test_article_over_the_model_limit_is_analysed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The model refuses texts over nlp.max_length (E088): the piece size never exceeds it."""
    from storyline.nlp import analyse
    from storyline.nlp.pipeline import cached_nlp

    cfg = load_settings()
    nlp = cached_nlp(cfg.nlp.model)
    monkeypatch.setattr(nlp, "max_length", 2_000)
    article = _article("\n\n".join(PARAGRAPHS * 3))
    assert len(article.text) > 2_000
    (got,) = analyse([article], cfg)
    assert len(got.quotes) >= 6
    assert all(article.text[f.start : f.end] == f.text for f in got.figures)


@pytest.mark.slow
def test_article_over_its_budget_is_reported_and_the_others_kept() -> None:
    from storyline import services

    cfg = load_settings(**{"nlp.piece_chars": 1_000, "nlp.article_seconds": 1e-9})
    long = _article("\n\n".join(PARAGRAPHS * 3))
    short = _article(PARAGRAPHS[0])
    got = list(services.analyse_isolated([short, long, short.model_copy(update={"article_id": "b"})], cfg))
    assert [a.article_id for a, _ in got] == [short.article_id, long.article_id, "b"]
    problem = got[1][1]
    assert not isinstance(problem, ArticleAnalysis) and "SL310" in problem.problem
    assert isinstance(got[0][1], ArticleAnalysis) and isinstance(got[2][1], ArticleAnalysis)
