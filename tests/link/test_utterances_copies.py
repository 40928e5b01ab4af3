"""The earliest outlet of an utterance is never a copy, and each rendering carries its diff
explained in words. Fictional people and outlets only."""

from __future__ import annotations

from link_builders import article, quote

from storyline.link.utterances import explain, group_utterances


def test_same_day_copy_is_not_the_first_reporter_and_changes_are_explained() -> None:
    words = "The ferry will sail again on Monday, and every crossing will be free for a week."
    copy = article(f"“{words}” said Oda Renn.", outlet="Keston Daily", published="2031-06-09")
    original = article(f"“{words}” said Oda Renn on the quay.", outlet="Tarn Wire", published="2031-06-09")
    changed = words.replace("every crossing", "each crossing").replace(" for a week", "")
    third = article(f"“{changed}” Oda Renn said.", outlet="Velmore Post", published="2031-06-10")
    arts = {a.article_id: a for a in (copy, original, third)}  # the copy is listed first
    quotes = [quote(a, w, "Oda Renn") for a, w in ((copy, words), (original, words), (third, changed))]
    (u,) = group_utterances(
        quotes, arts, lambda q: q.speaker, duplicate_of={copy.article_id: original.article_id}
    )
    assert u.earliest_outlet == "Tarn Wire"
    assert [r.outlet for r in u.renderings] == ["Tarn Wire", "Keston Daily", "Velmore Post"]
    last = u.renderings[-1]
    assert last.diff and last.notes == explain(last.diff)
    assert "changed: “every” → “each”" in last.notes
    assert "cut: “for a week.”" in last.notes or "cut at the end: “for a week.”" in last.notes
    assert u.renderings[0].notes == ("word for word",)
