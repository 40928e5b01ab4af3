"""What a reader sees first of a story, computed once for the dossier and the web page.

:func:`story_digest` answers, from a linked :class:`~storyline.models.Story`:

- who said what: each speaker, how many statements, in how many articles and outlets, and the
  statement most outlets carry (reported speech marked as such);
- what is disputed: the facts the sources differ on, each value with the outlets giving it;
- what changed: counts that moved over the days, copies that changed a figure, and words
  reworded from one outlet to the next;
- who reported first, and how many outlets and independent sources there are.

Pure functions over records; no HTML here (see :mod:`storyline.report.markup`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import computed_field, model_validator

from storyline.models import Article, FactComparison, Record, Story

__all__ = [
    "Disputed",
    "SpeakerLine",
    "StoryDigest",
    "counted",
    "fact_values_summary",
    "file_name",
    "source_label",
    "story_digest",
]

MAX_SPEAKERS = 8
MAX_ITEMS = 8


def counted(n: int, word: str) -> str:
    """ "1 article", "3 articles", "2 stories"."""
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else f"{n} {word}s"


def spread(n_articles: int, n_outlets: int) -> str:
    """How widely something was reported, in words: "3 articles from 2 outlets", or the
    articles alone when no outlet is known (a folder of text dumps)."""
    if not n_outlets:
        return counted(n_articles, "article")
    return f"{counted(n_articles, 'article')} from {counted(n_outlets, 'outlet')}"


class Derived(Record):
    """A record with computed fields: what ``model_dump`` writes of them is dropped when the
    dump is read back, so a digest round-trips (the fields are derived, not stored)."""

    @model_validator(mode="before")
    @classmethod
    def _drop_computed(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            return {k: v for k, v in data.items() if k not in cls.model_computed_fields}
        return data


class SpeakerLine(Derived):
    speaker: str
    n_statements: int
    n_outlets: int
    text: str  # the statement most outlets carry
    article_id: str
    start: int
    end: int
    reported: bool = False  # reported speech: show as "said that ...", no quote marks
    article_ids: tuple[str, ...] = ()  # every article the speaker's statements are in
    outlets: tuple[str, ...] = ()  # and their outlets, where known

    @computed_field  # type: ignore[prop-decorator]
    @property
    def n_articles(self) -> int:
        return len(self.article_ids) or 1

    @computed_field  # type: ignore[prop-decorator]
    @property
    def reach(self) -> str:
        """ "4 statements, in 3 articles from 2 outlets"."""
        return f"{counted(self.n_statements, 'statement')}, in {spread(self.n_articles, self.n_outlets)}"


class ValueGroup(Record):
    text: str  # the value as the first outlet wrote it
    outlets: tuple[str, ...]
    article_id: str
    start: int
    end: int
    published: date | None = None


class Disputed(Record):
    fact_id: str
    label: str
    status: str
    groups: tuple[ValueGroup, ...]


class Changed(Record):
    kind: str  # "series" | "copy" | "reworded"
    text: str
    article_id: str
    start: int
    end: int


class StoryDigest(Derived):
    n_articles: int
    n_outlets: int
    n_sources: int
    first_outlet: str | None
    first_published: date | None
    who_said_what: tuple[SpeakerLine, ...]
    disputed: tuple[Disputed, ...]
    changed: tuple[Changed, ...]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def coverage(self) -> str:
        """ "5 articles from 3 outlets, 4 independent sources"."""
        return f"{spread(self.n_articles, self.n_outlets)}, {counted(self.n_sources, 'independent source')}"


def fact_values_summary(fact: FactComparison) -> tuple[ValueGroup, ...]:
    """A fact's values grouped by value and qualifier (in the order first reported), each with
    its outlets."""
    groups: dict[tuple[float | None, str], list[int]] = defaultdict(list)
    for n, v in enumerate(fact.values):  # "more than a dozen" is not "12"
        key = (None if v.value is None else round(v.value, 6), (v.qualifier or "").lower())
        groups[key].append(n)
    out = []
    for members in groups.values():
        first = fact.values[members[0]]
        outlets = tuple(dict.fromkeys(fact.values[n].outlet or "unknown outlet" for n in members))
        out.append(
            ValueGroup(
                text=first.text,
                outlets=outlets,
                article_id=first.article_id,
                start=first.start,
                end=first.end,
                published=first.published,
            )
        )
    return tuple(out)


def _speakers(story: Story, articles: Mapping[str, Article]) -> list[SpeakerLine]:
    by_speaker: dict[str, list[SpeakerLine]] = defaultdict(list)
    for u in story.utterances:
        if not u.speaker:
            continue
        r = u.renderings[0]
        carried = {a.outlet for x in u.renderings if (a := articles.get(x.article_id)) and a.outlet}
        carried = carried or {x.outlet for x in u.renderings if x.outlet}
        by_speaker[u.speaker].append(
            SpeakerLine(
                speaker=u.speaker,
                n_statements=1,
                n_outlets=len(carried),
                article_ids=tuple(dict.fromkeys(x.article_id for x in u.renderings)),
                outlets=tuple(sorted(carried)),
                text=r.text,
                article_id=r.article_id,
                start=r.quote_start,
                end=r.quote_end,
            )
        )
    for t in story.timeline:  # reported speech is not in the utterances
        if t.kind == "statement" and t.reported and t.who:
            by_speaker[t.who].append(
                SpeakerLine(
                    speaker=t.who,
                    n_statements=1,
                    n_outlets=len(t.outlets),
                    article_ids=t.article_ids or (t.article_id,),
                    outlets=tuple(sorted(set(t.outlets))),
                    text=t.text,
                    article_id=t.article_id,
                    start=t.start,
                    end=t.end,
                    reported=True,
                )
            )
    lines = []
    for items in by_speaker.values():
        best = max(items, key=lambda s: (s.n_outlets, len(s.article_ids), not s.reported, len(s.text) < 300))
        # where the speaker is heard, over all their statements
        heard = tuple(dict.fromkeys(a for s in items for a in s.article_ids))
        outlets = tuple(sorted({o for s in items for o in s.outlets}))
        lines.append(
            best.model_copy(
                update={
                    "n_statements": len(items),
                    "n_outlets": len(outlets),
                    "article_ids": heard,
                    "outlets": outlets,
                }
            )
        )
    lines.sort(key=lambda s: (-s.n_statements, -s.n_outlets, -s.n_articles, s.speaker))
    return lines[:MAX_SPEAKERS]


def file_name(source: str | None) -> str:
    """The last part of a source path, "/" or "\\" separated (a dump made on Windows)."""
    return str(source or "").replace("\\", "/").rsplit("/", 1)[-1]


def source_label(outlet: str | None, title: str | None = None, source: str | None = None) -> str:
    """Who published a version, in words: its outlet, else its article's title or file name
    (a folder of text dumps names no outlet), else "one article"."""
    if outlet:
        return outlet
    name = title or file_name(source)
    if name:
        return f"the article “{name if len(name) <= 60 else name[:59].rstrip() + '…'}”"
    return "one article"


def _source_label(outlet: str | None, article: Article | None) -> str:
    return (
        source_label(outlet, article.title, article.source) if article is not None else source_label(outlet)
    )


def _changed(story: Story, articles: Mapping[str, Article]) -> list[Changed]:
    out: list[Changed] = []
    for f in story.facts:
        label = f.label or f.about or "figure"
        if f.status == "changed":
            steps = " → ".join(
                f"{v.text} ({v.published.isoformat() if v.published else 'undated'})" for v in f.values
            )
            v0 = f.values[0]
            out.append(
                Changed(
                    kind="series",
                    text=f"{label}: {steps}",
                    article_id=v0.article_id,
                    start=v0.start,
                    end=v0.end,
                )
            )
        if f.copy_differs:
            copy = next((v for v in f.values if v.copy_of), f.values[0])
            original = next((v for v in f.values if v.article_id == copy.copy_of), None)
            was = f"“{original.text}” in the original, " if original else ""
            out.append(
                Changed(
                    kind="copy",
                    text=f"{label}: {was}“{copy.text}” in the copy by "
                    f"{_source_label(copy.outlet, articles.get(copy.article_id))}",
                    article_id=copy.article_id,
                    start=copy.start,
                    end=copy.end,
                )
            )
    for u in story.utterances:
        for r in u.renderings:
            if r.relation == "reworded" and r.notes:
                who = u.speaker or "an unattributed speaker"
                out.append(
                    Changed(
                        kind="reworded",
                        text=f"{_source_label(r.outlet, articles.get(r.article_id))} rewords {who}: "
                        f"{'; '.join(r.notes[:2])}",
                        article_id=r.article_id,
                        start=r.quote_start,
                        end=r.quote_end,
                    )
                )
    return out[: MAX_ITEMS * 2]


def story_digest(story: Story, articles: Mapping[str, Article]) -> StoryDigest:
    """The summary a reader sees first (see the module docstring)."""
    present = [articles[a] for a in story.article_ids if a in articles]
    originals = [a for a in present if a.article_id not in story.duplicate_of]
    first = min(originals or present, key=lambda a: (a.published or date.max, a.article_id), default=None)
    disputed = [
        Disputed(fact_id=f.fact_id, label=f.label or f.about, status=f.status, groups=fact_values_summary(f))
        for f in story.facts
        if f.status == "differ"
    ]
    return StoryDigest(
        n_articles=len(story.article_ids),
        n_outlets=len({a.outlet for a in present if a.outlet}),
        n_sources=len({story.duplicate_of.get(a, a) for a in story.article_ids}),
        first_outlet=first.outlet if first else None,
        first_published=first.published if first else None,
        who_said_what=tuple(_speakers(story, articles)),
        disputed=tuple(disputed[:MAX_ITEMS]),
        changed=tuple(_changed(story, articles)),
    )
