"""One canonical actor per real-world actor across articles.

Each article's analysis already merged "Sir Jane Roe", "Ms Roe" and "the minister" into one
local entity. Here the local entities of many articles are merged: people by surname block
(exact, then spelling variants compared with rapidfuzz inside a block keyed by the surname's
first letters), first names compatible; a surname-only entity joins the full name it
abbreviates when that is unambiguous; bodies, places and groups by their folded name and close
spellings inside a first-word block. Nothing is compared outside its block, so the cost grows
with the corpus, not with its square.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from storyline.models import Article, ArticleAnalysis, Entity, EntityType

__all__ = ["resolve_actors"]

SURNAME_FUZZ = 88
FIRST_FUZZ = 85
NAME_FUZZ = 92
FIRST_NAME_HONORIFICS = {"Sir", "Dame"}
HONORIFICS = {
    "sir", "dame", "lord", "lady", "mr", "mrs", "ms", "miss", "dr", "prof", "president",
    "prime", "minister", "chancellor", "king", "queen", "general", "senator", "governor",
}  # fmt: skip


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("’", "'").replace(".", " ").casefold().split())


def _name_parts(name: str) -> list[str]:
    parts = _fold(name).split()
    while len(parts) > 1 and parts[0] in HONORIFICS:
        parts.pop(0)
    if parts and parts[-1] in {"'s", "s"}:
        parts.pop()
    return parts


def _other_key(name: str) -> str:
    key = _fold(name)
    return key[4:] if key.startswith("the ") else key


class _Group:
    """Local entities that denote one actor."""

    def __init__(self, kind: str, first: str | None, last: str) -> None:
        self.kind = kind
        self.first = first
        self.last = last
        self.members: list[tuple[str, Entity]] = []

    def add(self, article_id: str, entity: Entity) -> None:
        self.members.append((article_id, entity))


def _compatible_first(a: str, b: str) -> bool:
    if a == b or fuzz.ratio(a, b) >= FIRST_FUZZ:
        return True
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _same_surname(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= SURNAME_FUZZ)


def _people_groups(people: list[tuple[str, Entity]]) -> list[_Group]:
    blocks: dict[str, list[tuple[str, Entity, list[str]]]] = defaultdict(list)
    for article_id, ent in people:
        parts = _name_parts(ent.name)
        if parts:
            blocks[parts[-1][:4]].append((article_id, ent, parts))
    by_block: dict[str, list[_Group]] = defaultdict(list)
    by_first: dict[str, list[_Group]] = defaultdict(list)
    singles: list[tuple[str, Entity, str]] = []
    exact: dict[tuple[str, str], _Group] = {}
    by_last: dict[str, list[_Group]] = defaultdict(list)
    for key, block in blocks.items():
        local = by_block[key]
        for article_id, ent, parts in block:
            if len(parts) == 1:
                singles.append((article_id, ent, parts[0]))
                continue
            first, last = parts[0], parts[-1]
            g = exact.get((first, last))
            if g is None:
                g = next(
                    (
                        g
                        for g in local
                        if _same_surname(g.last, last) and _compatible_first(g.first or "", first)
                    ),
                    None,
                )
            if g is None:
                g = _Group("person", first, last)
                local.append(g)
                by_first[first].append(g)
                by_last[last].append(g)
            exact[(first, last)] = g
            g.add(article_id, ent)
    for article_id, ent, word in singles:
        local = by_block[word[:4]]
        cands = list(by_last.get(word, [])) or [
            g for g in local if g.first is not None and _same_surname(g.last, word)
        ]
        if not cands and FIRST_NAME_HONORIFICS & set(ent.roles):
            cands = list(by_first.get(word, []))  # 'Sir Jon': a first name with its honorific
        if len(cands) > 1:
            # ambiguous: the full name seen most often, if it clearly dominates
            cands.sort(key=lambda g: len(g.members), reverse=True)
            if len(cands[0].members) == len(cands[1].members):
                cands = []
        if cands:
            cands[0].add(article_id, ent)
            continue
        g = next((g for g in local if g.first is None and g.last == word), None)
        if g is None:
            g = _Group("person", None, word)
            local.append(g)
        g.add(article_id, ent)
    return [g for local in by_block.values() for g in local]


def _other_groups(others: list[tuple[str, Entity]]) -> list[_Group]:
    blocks: dict[str, list[tuple[str, Entity, str]]] = defaultdict(list)
    for article_id, ent in others:
        key = _other_key(ent.name)
        if key:
            blocks[key.split()[0][:4]].append((article_id, ent, key))
    groups: list[_Group] = []
    for block in blocks.values():
        local: list[_Group] = []
        exact: dict[str, _Group] = {}
        for article_id, ent, key in block:
            if key in exact:
                exact[key].add(article_id, ent)
                continue
            g = next(
                (
                    g
                    for g in local
                    if g.last == key
                    or (
                        min(len(g.last), len(key)) > 4
                        and g.members[0][1].type == ent.type
                        and fuzz.token_sort_ratio(g.last, key) >= NAME_FUZZ
                    )
                ),
                None,
            )
            if g is None:
                g = _Group("other", None, key)
                local.append(g)
            exact[key] = g
            g.add(article_id, ent)
        groups.extend(local)
    return groups


def _corpus_entity(group: _Group) -> Entity:
    ents = [e for _, e in group.members]
    names = Counter(e.name for e in ents)
    if group.kind == "person":
        name = max(names.items(), key=lambda kv: (len(_name_parts(kv[0])) > 1, kv[1], len(kv[0])))[0]
    else:
        name = max(
            names.items(),
            key=lambda kv: (kv[1], not kv[0].lower().startswith("the "), -len(kv[0])),
        )[0]
    types = Counter(e.type for e in ents)
    type_: EntityType = types.most_common(1)[0][0]
    roles: Counter[str] = Counter(r for e in ents for r in e.roles)
    countries = Counter(e.country for e in ents if e.country)
    aliases = {e.name for e in ents} | {a for e in ents for a in e.aliases}
    aliases.discard(name)
    entity_id = "c" + hashlib.sha1(f"{type_}\0{name}".encode()).hexdigest()[:12]
    return Entity(
        entity_id=entity_id,
        name=name,
        type=type_,
        roles=tuple(r for r, _ in roles.most_common()),
        aliases=tuple(sorted(aliases)),
        country=countries.most_common(1)[0][0] if countries else None,
        article_id=None,
    )


def resolve_actors(
    analyses: Sequence[ArticleAnalysis], articles: Sequence[Article] | None = None
) -> tuple[list[Entity], dict[tuple[str, str], str]]:
    """Merge the per-article entities of ``analyses`` into corpus actors.

    RETURNS (corpus entities with ``article_id`` None, ordered by how many articles mention
    them; a map from (article_id, local entity_id) to the corpus entity_id).
    """
    people: list[tuple[str, Entity]] = []
    others: list[tuple[str, Entity]] = []
    for analysis in analyses:
        for ent in analysis.entities:
            target = people if ent.type == "person" else others
            target.append((analysis.article_id, ent))
    groups = _people_groups(people) + _other_groups(others)
    entities: list[tuple[int, Entity]] = []
    mapping: dict[tuple[str, str], str] = {}
    seen: dict[str, int] = {}
    for g in groups:
        ent = _corpus_entity(g)
        n = seen.get(ent.entity_id, 0)
        seen[ent.entity_id] = n + 1
        if n:
            ent = ent.model_copy(update={"entity_id": f"{ent.entity_id}-{n + 1}"})
        entities.append((len({a for a, _ in g.members}), ent))
        for article_id, local in g.members:
            mapping[(article_id, local.entity_id)] = ent.entity_id
    entities.sort(key=lambda pair: (-pair[0], pair[1].name))
    return with_countries([e for _, e in entities]), mapping


DEMONYM_SUFFIX = 3  # "Arvenian" / "Koldari": a place name, its last letter changed, and up to this many more
MIN_PLACE_CHARS = 4
_ROLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _place_of_word(word: str, places: dict[str, str]) -> str | None:
    """The place a word names or is the adjective of ("Arvenia's", "Arvenian" -> "Arvenia")."""
    w = _fold(word).removesuffix("'s")
    if w in places:
        return places[w]
    for key, name in places.items():
        if (
            " " not in key
            and len(key) >= MIN_PLACE_CHARS
            and w.startswith(key[:-1])
            and 0 <= len(w) - len(key) <= DEMONYM_SUFFIX
        ):
            return name
    return None


def with_countries(entities: list[Entity]) -> list[Entity]:
    """Actors without a country get the place their roles or name qualify them by: "Arvenia's
    foreign minister", "the Koldari presidential office" (places are the corpus's own actors)."""
    places = {_fold(e.name): e.name for e in entities if e.type == "place"}
    if not places:
        return entities
    out = []
    for e in entities:
        if e.country is None and e.type != "place":
            texts = [*e.roles, e.name] if e.type == "person" else [e.name, *e.roles]
            found = next(
                (c for t in texts for w in _ROLE_WORD.findall(t) if (c := _place_of_word(w, places))),
                None,
            )
            if found is not None:
                e = e.model_copy(update={"country": found})
        out.append(e)
    return out
