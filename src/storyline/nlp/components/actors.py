"""storyline_actors: the people, bodies, places and groups of one article.

The work is done in :mod:`storyline.nlp.actors`, in three stages:

1. ``collect_names`` (:mod:`~storyline.nlp.actors.mentions`): spaCy's entities, cleaned
   (possessives, honorifics and titles cut off and kept as roles, scrape-glued words split),
   re-typed where cheap and general (a name used as a surname elsewhere is a person; a seat of
   government is a body; a list of places is places);
2. ``cluster_people`` / ``cluster_others`` (:mod:`~storyline.nlp.actors.cluster`): full names,
   surnames and honorific + first name merged into one actor; missed mentions of a known name
   added by text matching;
3. descriptions and bodies (:mod:`~storyline.nlp.actors.cluster`,
   :mod:`~storyline.nlp.actors.bodies`): appositions ("X, the foreign minister"), definite
   descriptions ("the envoy", "the Russian president") resolved to the actor the article (or,
   failing that, the gazetteer at the article's date, in the country the article is mostly
   about) gives that role; spokespeople resolved to their body.

Results: ``doc._.sl_actors`` (a list of :class:`Actor`), read back with :func:`actors_of`,
:class:`ActorIndex` (:func:`actor_for_span`) and :func:`to_records`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from storyline.nlp import extensions as _extensions  # noqa: F401
from storyline.nlp.actors.index import Actor, ActorIndex, actor_for_span, actors_of
from storyline.nlp.actors.records import find_actors, to_records

__all__ = ["Actor", "ActorFinder", "ActorIndex", "actor_for_span", "actors_of", "make_actors", "to_records"]

DEFAULT_MAX_CHARS = 200_000


class ActorFinder:
    """The ``storyline_actors`` component (needs the tagger, parser and NER).

    name (str): the component's name in the pipeline.
    max_chars (int): longer texts are skipped (the text is attacker-controlled).
    """

    def __init__(self, nlp: Language, name: str, max_chars: int = DEFAULT_MAX_CHARS) -> None:
        self.name = name
        self.max_chars = max_chars

    def __call__(self, doc: Doc) -> Doc:
        if len(doc.text) > self.max_chars:
            doc._.sl_actors = []
            return doc
        doc._.sl_actors = find_actors(doc)
        return doc


@Language.factory(
    "storyline_actors",
    assigns=["doc._.sl_actors"],
    requires=["doc.ents"],
    default_config={"max_chars": DEFAULT_MAX_CHARS},
)
def make_actors(nlp: Language, name: str, max_chars: int) -> ActorFinder:
    return ActorFinder(nlp, name, max_chars=max_chars)
