"""Find quotations and reported speech in a parsed Doc, with their cues and speakers.

:func:`find_quotes` pairs the quotation marks (:mod:`.marks`) into quoted stretches, paragraph
by paragraph, then runs :data:`~storyline.nlp.quotes.stages.STAGES` over one
:class:`~storyline.nlp.quotes.run.QuoteRun`, in this order:

1. ``reported_clauses``: reported speech without marks (``indirect``), a speech verb's clausal
   complement or the clause "according to X" modifies (:mod:`.reported`);
2. ``glued_reported``: the same after a cue a bad scrape glued to a name ("Roeinsisted ...");
3. ``learned_reported``: the reported speech the shipped models find that no rule found
   (:mod:`.learned`);
4. ``quoted_spans``: each quoted stretch classified ``direct``, ``partial`` or ``mixed``
   (:mod:`.classify`), then attributed by its ladder of steps (:mod:`.attribution`: a glued
   cue, the reporter's text around the marks, the speech verb that governs a fragment, the
   quote it continues) or dropped as a name, title or scare quote;
5. ``inherit_forward``: a paragraph left open takes the speaker of the quote opening the next;
6. ``nested_quotes``: a quote inside a quote that the outer speaker attributes;
7. ``pull_quotes``: paragraphs without marks that end in a dash and a name;
8. ``merge_mixed``: with ``mixed_span="clause"``, a reported clause and the fragment it holds
   become one mixed quote;
9. ``resolve_speakers``: every speaker mention resolved in document order (:mod:`.speakers`),
   so that pronouns and descriptions see the context before them;
10. ``drop_cue_repeats``: a cue that attributes a direct quote does not also report another
    span of its clause.

Thresholds come from :class:`~storyline.settings.QuotesSettings` (the ``[quotes]`` settings).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from storyline.nlp.actors.index import ActorIndex
from storyline.nlp.quotes.learned import ReportedModel
from storyline.nlp.quotes.run import QuoteRun
from storyline.nlp.quotes.stages import STAGES
from storyline.settings import QuotesSettings


def find_quotes(
    doc: Doc,
    actors: ActorIndex | None = None,
    model: ReportedModel | None = None,
    settings: QuotesSettings | None = None,
) -> list[dict[str, Any]]:
    """Quotes and reported speech in ``doc`` as plain dicts (offsets into ``doc.text``).

    actors (ActorIndex | None): the actor index speakers are resolved through.
    model (ReportedModel | None): the learned reported-speech models, or None for rules only.
    settings (QuotesSettings | None): the thresholds and the ``mixed_span`` convention (see the
        component); the packaged defaults when None.
    """
    run = QuoteRun.start(doc, actors, model, settings)
    for _, stage in STAGES:
        stage(run)
    return run.records()
