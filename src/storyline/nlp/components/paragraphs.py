"""storyline_paragraphs: every paragraph (line) of an article starts a new sentence.

Article text has one paragraph per line, and headlines, captions and bylines often end
without a full stop. Left alone, the parser runs a sentence across the line break and
attaches one line's words to the next line's verbs. Placed before the parser, this
component marks the first token after each line break as a sentence start, which the parser
respects.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("storyline_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    after_break = False
    for tok in doc:
        if "\n" in tok.text and tok.is_space:
            after_break = True
            continue
        if after_break and tok.i > 0:
            tok.is_sent_start = True
        after_break = "\n" in tok.whitespace_
    return doc
