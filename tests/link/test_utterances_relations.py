from __future__ import annotations

import pytest
from link_builders import article, quote

from storyline.link.utterances import group_utterances, relation, sentence_bounds, tokens, word_diff
from storyline.models import Quote

CANON = "We will keep the border crossings open for food convoys until the spring thaw arrives"


@pytest.mark.parametrize(
    ("rendering", "kind", "want"),
    [
        (
            "We will keep the border crossings open for food convoys until the spring thaw arrives",
            "direct",
            "verbatim",
        ),
        (
            "we will keep the Border Crossings open, for food convoys, until the spring thaw arrives!",
            "direct",
            "verbatim",
        ),
        ("We will keep the border crossings open for food convoys until the spring", "direct", "trimmed"),
        ("food convoys", "partial", "partial"),
        ("open for food convoys", "direct", "trimmed"),
        (
            "We will keep the border crossings open for food convoys until the spring thaw arrives",
            "partial",
            "partial",
        ),
        (
            "We shall keep every border crossing open to food convoys until the thaw in spring arrives",
            "direct",
            "reworded",
        ),
        (
            "Nobody will starve. We will keep the border crossings open for food convoys until the spring thaw arrives, and we will pay for it",
            "direct",
            "merged",
        ),
    ],
)
def test_utterances_relation_each_kind(rendering: str, kind: str, want: str) -> None:
    assert relation(tokens(rendering), tokens(CANON), kind) == want


TWO = "The dam is safe for now. Nobody in the valley needs to leave their home tonight."


@pytest.mark.parametrize(
    ("rendering", "want"),
    [
        ("The dam is safe for now", "verbatim"),  # one whole sentence
        ("Nobody in the valley needs to leave their home tonight.", "verbatim"),
        ("nobody in the valley needs to leave", "trimmed"),
        ("The dam is safe for now, and nobody needs to leave their home tonight", "merged"),
        ("The dam is safe. Nobody in the valley needs to leave tonight.", "merged"),
        ("Nobody in the valley needs to leave tonight", "trimmed"),  # words cut inside a sentence
        ("The dam is secure at present and no one must go", "reworded"),
    ],
)
def test_utterances_relation_respects_sentences(rendering: str, want: str) -> None:
    assert relation(tokens(rendering), tokens(TWO), "direct", sentence_bounds(TWO)) == want


def test_utterances_word_diff_marks_changed_words() -> None:
    ops = word_diff("keep the crossings open", "keep all crossings open")
    assert ("replace", "the", "all") in ops
    assert ops[0] == ("equal", "keep", "keep")


def _speaker_key(q: Quote) -> str | None:
    return q.speaker


def test_utterances_group_same_words_across_outlets_with_earliest() -> None:
    t1 = f'"{CANON}," the minister Hela Varr said.'
    t2 = 'Hela Varr said: "We will keep the border crossings open for food convoys until the spring."'
    t3 = 'Officials promised to keep crossings open for "food convoys".'
    a1 = article(t1, outlet="Late Herald", published="2031-02-03")
    a2 = article(t2, outlet="Early Gazette", published="2031-02-02")
    a3 = article(t3, outlet="Third Wire", published="2031-02-04")
    quotes = [
        quote(a1, CANON, "Hela Varr"),
        quote(a2, "We will keep the border crossings open for food convoys until the spring.", "Hela Varr"),
        quote(a3, "food convoys", None, kind="partial"),
    ]
    arts = {a.article_id: a for a in (a1, a2, a3)}
    groups = group_utterances(quotes, arts, _speaker_key)
    multi = [g for g in groups if len(g.renderings) > 1]
    assert len(multi) == 1
    u = multi[0]
    assert u.canonical_text == CANON
    assert u.speaker == "Hela Varr"
    assert u.earliest_outlet == "Early Gazette"
    rel = {r.outlet: r.relation for r in u.renderings}
    assert rel == {"Late Herald": "verbatim", "Early Gazette": "trimmed"}
    # two words are too few to tie the partial quote to the utterance
    assert any(g.renderings[0].outlet == "Third Wire" for g in groups if len(g.renderings) == 1)


def test_utterances_different_speakers_are_not_grouped() -> None:
    words = "The harbour will reopen to fishing boats next month"
    a1 = article(f'"{words}," said Pell Oster.', outlet="A")
    a2 = article(f'"{words}," said Runa Vik.', outlet="B")
    a3 = article(f'"{words}," a spokesman said.', outlet="C")
    qs = [quote(a1, words, "Pell Oster"), quote(a2, words, "Runa Vik"), quote(a3, words, None)]
    arts = {a.article_id: a for a in (a1, a2, a3)}
    groups = group_utterances(qs, arts, _speaker_key)
    sizes = sorted(len(g.renderings) for g in groups)
    assert sizes == [1, 2]  # the unattributed rendering joins one speaker, never both
    for g in groups:
        speakers = {q.speaker for q in qs for r in g.renderings if r.article_id == q.article_id} - {None}
        assert len(speakers) <= 1
