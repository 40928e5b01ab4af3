"""Typed records that flow between storyline's stages.

Every annotation carries ``article_id``, ``start`` and ``end`` into its article's clean
``text``; ``article.text[start:end] == annotation.text`` is an invariant the tests check.
Records are frozen pydantic models: stages build new records, they never mutate old ones.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

QuoteKind = Literal["direct", "partial", "mixed", "indirect"]
EntityType = Literal["person", "organization", "place", "group", "other"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
InputKind = Literal["text", "html", "jsonl", "warc", "feed", "url"]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Removal(Record):
    """A piece of the raw input that cleaning took out, and why.

    raw_start, raw_end (int): offsets into ``Article.raw``.
    reason (str): a short machine-readable reason, e.g. ``duplicate-caption``.
    """

    text: str
    reason: str
    raw_start: int
    raw_end: int


class OffsetSegment(Record):
    """``text[clean_start:clean_start+length] == raw[raw_start:raw_start+length]``."""

    clean_start: int
    raw_start: int
    length: int


class Article(Record):
    """One news article after ingest and cleaning.

    source (str): the input path as given, or the JSONL record's id, or the URL.
    raw (str): the decoded text cleaning worked on (for HTML: the extracted body text).
    text (str): the clean body text; every annotation offset points into it.
    offset_map: segments mapping clean offsets back to ``raw``.
    """

    article_id: str
    source: str
    input_kind: InputKind = "text"
    url: str | None = None
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str | None = None
    raw: str = ""
    text: str
    removed: tuple[Removal, ...] = ()
    offset_map: tuple[OffsetSegment, ...] = ()
    content_hash: str = ""
    notes: tuple[str, ...] = ()  # e.g. "decoded with replacement characters"

    def raw_offset(self, clean_offset: int) -> int | None:
        """Map an offset in ``text`` back to ``raw`` (None when it falls in no segment)."""
        for seg in self.offset_map:
            if seg.clean_start <= clean_offset <= seg.clean_start + seg.length:
                return seg.raw_start + (clean_offset - seg.clean_start)
        return None


#: An article's own metadata fields, as every outward shape and the store name them.
ARTICLE_META = (
    "article_id",
    "source",
    "input_kind",
    "url",
    "title",
    "byline",
    "outlet",
    "published",
    "language",
)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def make_article_id(text: str, url: str | None = None) -> str:
    """A stable id: the clean text's hash, plus the URL when known. Text holding a lone
    surrogate (readers replace them, but a caller may not) hashes instead of raising."""
    h = hashlib.sha256()
    h.update((url or "").encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:16]


class IngestProblem(Record):
    """An input that could not be turned into an article (the run goes on)."""

    source: str
    line: int | None = None
    problem: str
    severity: Literal["skipped", "failed"] = "failed"


class Mention(Record):
    text: str
    start: int
    end: int


class Entity(Record):
    """An actor in one article (or, with ``article_id`` None, across the corpus)."""

    entity_id: str
    name: str
    type: EntityType
    mentions: tuple[Mention, ...] = ()
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    country: str | None = None
    article_id: str | None = None
    mention_count: int = 0  # corpus actors: mentions in the story's articles
    article_count: int = 0  # corpus actors: the story's articles that mention it


class Quote(Record):
    """Something a person or body said, as one article reports it."""

    article_id: str
    text: str  # the quoted words without quotation marks
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None = None  # canonical name of the person or body
    speaker_id: str | None = None  # Entity.entity_id within the article
    speaker_text: str | None = None  # the mention in the attribution (may be a pronoun)
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    paragraph: int | None = None


class Figure(Record):
    """A number with its unit and what it counts ("more than 30 countries")."""

    article_id: str
    text: str
    start: int
    end: int
    value: float | None
    unit: str | None = None  # "GBP", "USD", "percent", "day", ...
    about: str | None = None  # what it counts: "countries", "troops"
    qualifier: str | None = None  # "more than", "up to", "about", "at least"
    value_max: float | None = None  # for ranges


# TIMEX3 mods of a time before or after the one named ("pre-2014"): they date no happening
OPEN_TIMEX_MODS = frozenset({"BEFORE", "AFTER"})


class Timex(Record):
    """A temporal expression normalised as a TIMEX3 value."""

    article_id: str
    text: str
    start: int
    end: int
    type: TimexType
    value: str | None
    resolution: Literal["explicit", "relative", "unresolved"] = "unresolved"
    mod: str | None = None  # TIMEX3 mod: BEFORE ("pre-2014"), AFTER ("post-war 1945"), START, MID, END


class Event(Record):
    """Who did what to whom (PLOVER-style), anchored on its trigger."""

    article_id: str
    text: str
    start: int
    end: int
    event_type: str  # PLOVER: AGREE, CONSULT, ..., ASSAULT
    quad_class: str | None = None  # verbal_cooperation | material_cooperation | verbal_conflict | ...
    mode: str | None = None  # PLOVER mode: ASSAULT explosives, PROTEST riot, CONSULT visit, ...
    act: str | None = None  # the embedded act (lemma) when a marker made it AGREE / THREATEN / REJECT
    actor: str | None = None  # canonical name of the source when known, else its text
    actor_text: str | None = None
    actor_start: int | None = None
    actor_end: int | None = None
    target: str | None = None
    target_text: str | None = None
    target_start: int | None = None
    target_end: int | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    when: str | None = None  # TIMEX3 value of the time expression in the event's sentence
    where: str | None = None  # the place mention the event happened at, as written
    # --- event-data coding (see docs/events.md) ---
    cameo: str | None = None  # CAMEO two-digit root cross-walked from the PLOVER type
    modality: str | None = None  # intent | threat | refusal | demand | negated, when a marker applies
    negated: bool = False
    contexts: tuple[str, ...] = ()  # PLOVER contexts ("military", "economic", ...)
    actor_country: str | None = None  # ISO 3166 alpha-3, or IGO / NGO
    actor_sector: str | None = None  # PLOVER/CAMEO sector: GOV, MIL, REB, OPP, CVL, MED, BUS, ...
    actor_basis: str | None = None  # how the codes were decided
    target_country: str | None = None
    target_sector: str | None = None
    target_basis: str | None = None
    where_start: int | None = None
    where_end: int | None = None
    where_country: str | None = None  # ISO 3166 alpha-3
    where_region: str | None = None  # first-level region (ISO 3166-2 or GeoNames admin1)
    where_lat: float | None = None
    where_lon: float | None = None
    where_basis: str | None = None  # how the place was chosen among candidates
    when_start: int | None = None
    when_end: int | None = None
    when_basis: str | None = None  # sentence | paragraph: where the time expression was found


class ArticleAnalysis(Record):
    """Everything the per-article stage found in one article."""

    article_id: str
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    figures: tuple[Figure, ...] = ()
    timexes: tuple[Timex, ...] = ()
    events: tuple[Event, ...] = ()
    pipeline_version: str = ""


# ---- cross-article records (link/) ----------------------------------------------------------


class DiffOp(Record):
    """One step of a word diff from the canonical words to a rendering (ops as in difflib)."""

    op: Literal["equal", "insert", "delete", "replace"]
    canonical: str
    rendering: str


class Rendering(Record):
    """One outlet's rendering of an utterance.

    diff: the word diff from the utterance's canonical text; notes: it explained in words
    ("cut: ...", "added: ...", "changed: ... → ...").
    """

    article_id: str
    outlet: str | None
    published: date | None
    quote_start: int
    quote_end: int
    text: str
    relation: Literal["verbatim", "trimmed", "reworded", "merged", "partial"]
    similarity: float
    diff: tuple[DiffOp, ...] = ()
    notes: tuple[str, ...] = ()


class Utterance(Record):
    utterance_id: str
    speaker: str | None
    canonical_text: str
    renderings: tuple[Rendering, ...]
    earliest_article_id: str | None = None
    earliest_outlet: str | None = None


class FactValue(Record):
    article_id: str
    outlet: str | None
    text: str
    start: int
    end: int
    value: float | None
    qualifier: str | None = None
    published: date | None = None
    copy_of: str | None = None  # the original's article id when this article is a copy


class FactComparison(Record):
    """One quantity about one thing, as each source reports it.

    status: ``agree``, ``differ``, ``single`` (one independent source), or ``changed`` (a
    count that grows or falls over the days, each value dated: a series, not a contradiction).
    label: a readable noun phrase ("troops", "share of the valley"); ``about`` is the key.
    copy_differs: a copy gives a value its original does not.
    """

    fact_id: str
    about: str
    unit: str | None
    status: Literal["agree", "differ", "single", "changed"]
    values: tuple[FactValue, ...]
    label: str = ""
    copy_differs: bool = False


class TimelineEntry(Record):
    """One dated statement or happening, merged across the articles that report it.

    article_id, start, end, text: the first report (``text == article.text[start:end]``).
    who: the speaker of a statement, the actor of a happening, the outlet of a publication.
    article_ids / outlets: every article (and its outlet) that reports it, first report first.
    n_sources: independent sources among them (a copy counts with its original).
    dated_by: ``sentence`` (a date in it) or ``publication`` (the article's date).
    """

    when: str  # TIMEX3 value (YYYY-MM-DD or coarser)
    article_id: str
    text: str
    start: int
    end: int
    kind: Literal["statement", "happening", "publication"] = "happening"
    who: str | None = None
    article_ids: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    n_sources: int = 1
    dated_by: Literal["sentence", "publication"] = "sentence"
    reported: bool = False  # reported speech: shown as reported, never inside quote marks


class EventMention(Record):
    """One article's report of a story event (GDELT 2.0's mentions table)."""

    event_id: str
    article_id: str
    outlet: str | None = None
    published: date | None = None
    text: str  # the trigger as written
    start: int
    end: int
    sentence_start: int | None = None
    sentence_end: int | None = None
    confidence: float  # 0..1: how complete and direct the report is (docs/events.md)
    copy_of: str | None = None  # the original article when this article is a copy


class StoryEvent(Record):
    """One real-world happening of a story, counted once however many outlets report it."""

    event_id: str
    event_type: str
    quad_class: str | None = None
    cameo: str | None = None
    mode: str | None = None
    modality: str | None = None
    negated: bool = False
    contexts: tuple[str, ...] = ()
    actor: str | None = None
    actor_id: str | None = None
    actor_country: str | None = None
    actor_sector: str | None = None
    target: str | None = None
    target_id: str | None = None
    target_country: str | None = None
    target_sector: str | None = None
    when: str | None = None  # TIMEX3 value from the reports' time expressions
    when_basis: str = "undated"  # time expression | paragraph time expression | publication date | undated
    where: str | None = None
    where_country: str | None = None
    where_region: str | None = None
    where_lat: float | None = None
    where_lon: float | None = None
    first_seen: date | None = None
    article_count: int = 0  # distinct original articles (copies not counted)
    source_count: int = 0  # distinct outlets
    mentions: tuple[EventMention, ...] = ()


class StanceEvidence(Record):
    article_id: str
    kind: Literal["event", "quote"]
    text: str
    start: int
    end: int


class Stance(Record):
    """An actor's position towards another actor or a proposal of the story."""

    actor: str
    actor_id: str | None = None
    stance: str  # supports | rejects | criticises | threatens | demands | agrees | ...
    towards: str
    towards_kind: Literal["actor", "proposal"]
    evidence: tuple[StanceEvidence, ...] = ()


class MemberLink(Record):
    """One of an article's strongest links inside its story."""

    article_id: str
    similarity: float


class Membership(Record):
    """Why an article is in its story: its strongest links to other members, the names and
    terms it shares with them, and the user's decision when one holds it there."""

    article_id: str
    score: float  # average similarity to the other members
    links: tuple[MemberLink, ...] = ()
    shared: tuple[str, ...] = ()
    decision: str | None = None  # "merged" or "split" when a user put it there


class StoryDecision(Record):
    """A user's merge of two stories or split of articles out of one, kept with its time."""

    kind: Literal["merge", "split"]
    story_id: str
    other_story_id: str | None = None  # merge: the story merged into ``story_id``
    article_ids: tuple[str, ...] = ()  # merge: both stories' articles; split: those split off
    rest_ids: tuple[str, ...] = ()  # split: the articles left in the story
    made_at: datetime


class Story(Record):
    story_id: str
    title: str
    article_ids: tuple[str, ...]
    duplicate_of: dict[str, str] = Field(default_factory=dict)  # copy -> original article id
    actors: tuple[Entity, ...] = ()
    utterances: tuple[Utterance, ...] = ()
    facts: tuple[FactComparison, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    first_seen: datetime | None = None
    events: tuple[StoryEvent, ...] = ()
    stances: tuple[Stance, ...] = ()
    membership: tuple[Membership, ...] = ()


class SearchHit(Record):
    """A full-text search result: an article passage or a quote."""

    kind: Literal["article", "quote"]
    article_id: str
    title: str | None
    outlet: str | None
    start: int
    end: int
    snippet: str
    speaker: str | None = None
