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
    if len(doc) < 2:
        return doc
    spaces = doc.to_array("IS_SPACE").tolist()  # a line break is a space token of its own
    for i, is_space in enumerate(spaces[:-1]):
        if is_space and "\n" in doc[i].text and not spaces[i + 1]:
            doc[i + 1].is_sent_start = True
    return doc
