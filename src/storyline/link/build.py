"""build_stories: cluster articles into stories, then link each story's articles.

Pure functions over records: articles and their analyses in, :class:`~storyline.models.Story`
records out. Steps:

1. near-duplicate and syndicated copies (:mod:`storyline.link.duplicates`); a copy goes to the
   story of its original and counts as the same source;
2. story clustering of the originals, incremental over ``existing`` stories
   (:mod:`storyline.link.stories`);
3. actors across articles (``storyline.link.actors.resolve_actors`` when present, else names
   merged by their normalised form);
4. per story: utterances, fact comparisons, timeline, events and mentions
   (:mod:`storyline.link.events`), stances (:mod:`storyline.link.stances`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Container, Mapping, Sequence
from datetime import UTC, date, datetime, time

from storyline.link.duplicates import find_duplicates
from storyline.link.events import build_events
from storyline.link.facts import compare_figures
from storyline.link.membership import explain
from storyline.link.stances import build_stances
from storyline.link.stories import ClusterParams, Constraints, cluster_with_vectors
from storyline.link.timeline import build_timeline
from storyline.link.titles import story_title
from storyline.link.utterances import group_utterances
from storyline.models import Article, ArticleAnalysis, Entity, Quote, Story

ActorMap = dict[tuple[str, str], str]
_SPACE = re.compile(r"\s+")


def _norm_name(name: str) -> str:
    return _SPACE.sub(" ", name).strip().lower()


def fallback_actors(analyses: Sequence[ArticleAnalysis]) -> tuple[list[Entity], ActorMap]:
    """Corpus actors by exact normalised name and type (used until a resolver is available)."""
    corpus: dict[tuple[str, str], Entity] = {}
    mapping: ActorMap = {}
    for an in analyses:
        for ent in an.entities:
            key = (_norm_name(ent.name), ent.type)
            cid = f"{ent.type}:{key[0]}"
            cur = corpus.get(key)
            if cur is None:
                corpus[key] = Entity(
                    entity_id=cid,
                    name=ent.name,
                    type=ent.type,
                    roles=ent.roles,
                    aliases=ent.aliases,
                    country=ent.country,
                )
            else:
                roles = tuple(dict.fromkeys(cur.roles + ent.roles))
                aliases = tuple(dict.fromkeys(cur.aliases + ent.aliases))
                corpus[key] = cur.model_copy(update={"roles": roles, "aliases": aliases})
            mapping[(an.article_id, ent.entity_id)] = cid
    return list(corpus.values()), mapping


def _resolver() -> Callable[[Sequence[ArticleAnalysis], Sequence[Article]], tuple[list[Entity], ActorMap]]:
    from storyline.link.actors import resolve_actors

    def call(
        analyses: Sequence[ArticleAnalysis], articles: Sequence[Article]
    ) -> tuple[list[Entity], ActorMap]:
        entities, mapping = resolve_actors(analyses, articles)
        return list(entities), dict(mapping)

    return call


def build_stories(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    *,
    existing: Sequence[Story] = (),
    params: ClusterParams | None = None,
    reserved: Container[str] = (),
    copies: Mapping[str, str] | None = None,
    constraints: Constraints | None = None,
    decided: Mapping[str, str] | None = None,
    fresh: Container[str] | None = None,
) -> list[Story]:
    """Cluster ``articles`` into stories (joining ``existing`` ones) and link each story.

    Articles of existing stories that are passed in ``articles`` and lie within the time window
    of the new ones are cut again with them (see :mod:`storyline.link.stories`); every story
    that changed is linked again with everything passed. Existing stories that gain nothing
    and whose articles are not passed are returned unchanged.

    copies: copy -> original, when the caller found them already (else they are found here).
    constraints: the user's merges and splits; decided: article -> the decision holding it.
    fresh: the articles whose analysis is new (None: all passed). An existing story that keeps
    exactly its members, none of them fresh, is returned as it was, not linked again: so a run
    links only the stories it changes, however many its scope reads.
    """
    by_id: dict[str, Article] = {}
    for a in articles:
        by_id.setdefault(a.article_id, a)
    arts = list(by_id.values())
    an_by_id = {an.article_id: an for an in analyses if an.article_id in by_id}

    if copies is None:
        copies = find_duplicates(arts, threshold=(params or ClusterParams()).copy_threshold)
    else:
        copies = {c: o for c, o in copies.items() if c in by_id and o in by_id and c != o}
    originals = [a for a in arts if a.article_id not in copies]
    # a copy follows its original: it is not clustered, even where an earlier run stored it
    uncopied = [
        s.model_copy(update={"article_ids": tuple(a for a in s.article_ids if a not in copies)})
        for s in existing
    ]
    clusters, vectors = cluster_with_vectors(
        originals, an_by_id, existing=uncopied, params=params, reserved=reserved, constraints=constraints
    )
    story_of = {aid: sid for sid, members in clusters for aid in members}
    members_of: dict[str, list[str]] = {sid: list(m) for sid, m in clusters}
    for copy, orig in copies.items():
        sid = story_of.get(orig)
        if sid is not None:
            members_of[sid].append(copy)
            story_of[copy] = sid

    entities, actor_map = _resolver()(list(an_by_id.values()), arts)
    corpus = {e.entity_id: e for e in entities}
    by_name = names_index(corpus)

    old = {s.story_id: s for s in existing}
    out: list[Story] = []
    pos = {aid: n for n, aid in enumerate(by_id)}
    for sid, members in members_of.items():
        prior = old.get(sid)
        present = [aid for aid in members if aid in by_id]
        if prior is not None and not present:  # nothing of it to link again: keep what it has
            keep = set(members)
            ids = tuple(a for a in prior.article_ids if a in keep)
            dups = {c: o for c, o in prior.duplicate_of.items() if c in keep}
            out.append(
                prior
                if ids == prior.article_ids
                else prior.model_copy(update={"article_ids": ids, "duplicate_of": dups})
            )
            continue
        if prior is not None and _unchanged(prior, members, fresh):
            out.append(prior)
            continue
        ordered = sorted(present, key=lambda aid: (by_id[aid].published or date.max, pos[aid]))
        keep = set(members)  # a re-cut may have moved some of the prior members elsewhere
        all_ids = [aid for aid in prior.article_ids if aid in keep] if prior else []
        have = set(all_ids)
        all_ids += [aid for aid in ordered if aid not in have]
        dups = {c: copies[c] for c in members if c in copies}
        if prior is not None:
            dups = {c: o for c, o in {**prior.duplicate_of, **dups}.items() if c in keep}
        out.append(
            link_story(
                sid,
                all_ids,
                ordered,
                by_id,
                an_by_id,
                corpus,
                actor_map,
                dups,
                # a story keeps its title while its members stay the same
                title=prior.title if prior and set(all_ids) == set(prior.article_ids) else None,
                by_name=by_name,
            ).model_copy(update={"membership": explain(all_ids, vectors, by_id, decided)})
        )
    out.sort(key=lambda s: (-len(s.article_ids), s.first_seen or datetime.max.replace(tzinfo=UTC)))
    return out


def _unchanged(prior: Story, members: Sequence[str], fresh: Container[str] | None) -> bool:
    """Does ``prior`` hold exactly ``members``, none of them fresh (``fresh`` None: all are)?"""
    if fresh is None or set(members) != set(prior.article_ids):
        return False
    return not any(aid in fresh for aid in members)


def names_index(corpus: Mapping[str, Entity]) -> dict[str, str]:
    """Every name and alias of the corpus actors, normalised, to the actor's id."""
    by_name: dict[str, str] = {}
    for e in corpus.values():
        for n in (e.name, *e.aliases):
            by_name.setdefault(_norm_name(n), e.entity_id)
    return by_name


def story_actors(
    present: Sequence[str],
    analyses: Mapping[str, ArticleAnalysis],
    corpus: Mapping[str, Entity],
    actor_map: Mapping[tuple[str, str], str],
) -> tuple[Entity, ...]:
    """The corpus actors the story's articles mention, each with its mention and article
    counts in those articles, the most mentioned first."""
    mentions: dict[str, int] = defaultdict(int)
    in_articles: dict[str, set[str]] = defaultdict(set)
    for aid in present:
        an = analyses.get(aid)
        if an is None:
            continue
        for ent in an.entities:
            cid = actor_map.get((aid, ent.entity_id))
            if cid is not None and cid in corpus:
                mentions[cid] += len(ent.mentions) or 1
                in_articles[cid].add(aid)
    ranked = sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(
        corpus[c].model_copy(update={"mention_count": n, "article_count": len(in_articles[c])})
        for c, n in ranked
    )


def link_story(
    story_id: str,
    article_ids: Sequence[str],
    present: Sequence[str],
    articles: Mapping[str, Article],
    analyses: Mapping[str, ArticleAnalysis],
    corpus: Mapping[str, Entity],
    actor_map: Mapping[tuple[str, str], str],
    duplicate_of: Mapping[str, str],
    *,
    title: str | None = None,
    by_name: Mapping[str, str] | None = None,
) -> Story:
    """One story's actors, utterances, facts and timeline from the articles present."""
    quotes = [q for aid in present if aid in analyses for q in analyses[aid].quotes]
    figures = [f for aid in present if aid in analyses for f in analyses[aid].figures]
    if by_name is None:
        by_name = names_index(corpus)

    def speaker_key(q: Quote) -> str | None:
        if q.speaker_id is not None:
            cid = actor_map.get((q.article_id, q.speaker_id))
            if cid is not None:
                return cid
        if q.speaker:
            return by_name.get(_norm_name(q.speaker), "name:" + _norm_name(q.speaker))
        return None

    def speaker_name(key: str | None, q: Quote) -> str | None:
        if key is not None and key in corpus:
            return corpus[key].name
        return q.speaker

    story_articles = {aid: articles[aid] for aid in present}
    utterances = group_utterances(
        quotes, story_articles, speaker_key, speaker_name=speaker_name, duplicate_of=duplicate_of
    )
    facts = compare_figures(figures, story_articles, duplicate_of)
    timeline = build_timeline(present, story_articles, analyses, utterances, duplicate_of)
    actors = story_actors(present, analyses, corpus, actor_map)
    dated = [d for d in (articles[a].published for a in present) if d is not None]
    first = min(dated) if dated else None
    if title is None:
        title = story_title(present, articles)
    events = build_events(story_id, present, articles, analyses, corpus, actor_map, duplicate_of)
    stances = build_stances(events, quotes, utterances)
    return Story(
        story_id=story_id,
        title=title,
        article_ids=tuple(article_ids),
        duplicate_of=dict(duplicate_of),
        actors=actors,
        utterances=tuple(utterances),
        facts=tuple(facts),
        timeline=tuple(timeline),
        first_seen=datetime.combine(first, time(), tzinfo=UTC) if first else None,
        events=tuple(events),
        stances=tuple(stances),
    )
