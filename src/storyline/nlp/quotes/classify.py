"""What a quoted stretch is: a direct quote, a partial or mixed one, or a label that is no speech.

``direct``: whole sentences, opened at a sentence start or after a colon (or resuming a quote
split by "he said"); ``mixed``: a fragment that runs on into whole sentences; ``partial``: a
fragment inside the reporter's sentence. :func:`is_label` tells names, titles and scare quotes
("the so-called “peace dividend”", the “Harbour First” plan) from speech.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from storyline.nlp.quotes.marks import QuoteSpan, runs_on
from storyline.nlp.quotes.run import QuoteRun
from storyline.nlp.vocabulary import vocabulary

POSSESSIVE_DETS = frozenset({"the", "his", "her", "its", "their", "our", "my", "your", "this", "that"})
CLOSING_MARKS = "”’\"'»`"
CLAUSE_BREAKS = frozenset({",", ";", ".", "!", "?"})
_BYLINE = re.compile(r"\s*(,\s*)?(?P<by>by)\s+(?P<name>[A-Z])")  # after a closing mark: ", by Ina Holm"
_SENTENCE_INSIDE = re.compile(r"[.!?…][”’\"']?\s+[“‘\"']?[A-Z]")


def text_before(run: QuoteRun, q: QuoteSpan) -> str:
    """The paragraph's text before the opening mark."""
    lo, _ = run.para_bounds(q.paragraph)
    return run.text[lo : q.open_pos].rstrip()


def opens_sentence(run: QuoteRun, q: QuoteSpan) -> bool:
    """Does the quotation open a sentence (or follow a colon, a dash, a cue and a comma)?

    After another quotation's closing mark it does when that quotation ended its sentence
    (“We left.” “We came back.”), not in a list of quoted titles (“Red Harbor,” “Night
    Ferry” and ...)."""
    before = text_before(run, q)
    if not before:
        return True
    last = before[-1]
    if last in CLOSING_MARKS:
        inner = before.rstrip(CLOSING_MARKS).rstrip()
        return not inner or inner[-1] in ".!?…:"
    if last in ":.!?…–—-" or before.endswith("--"):
        return True
    if last == ",":
        lo, _ = run.para_bounds(q.paragraph)
        tok = run.doc[run.qd.token_at(lo + len(before) - 1)]
        prev = run.doc[tok.i - 1] if tok.i > 0 else tok
        return run.qd.cue_at(prev) is not None or introducing_verb(run, prev) is not None
    return False


def introducing_verb(run: QuoteRun, tok: Token) -> Token | None:
    """The verb of a reporter's clause that ends right before a comma and a quote, whatever
    the verb ("Kolbe smiled, “...”", "Kolbe hit back, “...”"), when its subject can speak."""
    qd = run.qd
    verb = tok.head if tok.dep_ == "prt" else tok
    if qd.quoted(verb) or verb.pos_ != "VERB" or verb.tag_ in ("VBG", "VBN", "VB"):
        return None
    subj = qd.subject_of(verb)
    if subj is None or subj.i > verb.i or not qd.speaker_like(subj):
        return None
    return verb


def classify(run: QuoteRun, q: QuoteSpan) -> str:
    """``direct``, ``mixed`` or ``partial``."""
    content = run.text[q.start : q.end]
    first = next((c for c in content if c.isalnum()), "")
    if opens_sentence(run, q) and (first.isupper() or first.isdigit()):
        return "direct"
    if resumes_after_attribution(run, q):
        return "direct"
    if len(run.words(q)) >= run.settings.mixed_min_words and _SENTENCE_INSIDE.search(content):
        return "mixed"
    return "partial"


def resumes_after_attribution(run: QuoteRun, q: QuoteSpan) -> bool:
    """“We are,” he said, “not going anywhere.”: the second part goes on the first's sentence."""
    last = last_closed_before(run, q)
    if last is None or run.text[last[1] - 1] != ",":
        return False
    between = list(run.doc[run.qd.token_at(last[0]) + 1 : run.qd.token_at(q.open_pos)])
    return (
        0 < len(between) <= run.settings.resume_max_tokens
        and between[-1].text == ","
        and any(run.qd.cue_at(t) for t in between)
    )


def last_closed_before(run: QuoteRun, q: QuoteSpan) -> tuple[int, int] | None:
    """(close_pos, end) of the last span in ``q``'s paragraph closed before ``q`` opens.

    Spans later in the list start after ``q`` and so close after it opens: the search runs
    back from ``q``, which stops at once in the usual case (scanning every span for every
    quote cost quadratic time on a text of many fragments).
    """
    spans = run.qd.spans
    k = run.span_index.get(id(q))
    if k is None:
        k = len(spans)
    for j in range(k - 1, -1, -1):
        p = spans[j]
        if p.paragraph < q.paragraph:
            break
        if p.paragraph == q.paragraph and p.close_pos is not None and p.close_pos < q.open_pos:
            return p.close_pos, p.end
    return None


def is_label(run: QuoteRun, q: QuoteSpan) -> bool:
    """Names, titles and scare quotes: quotation marks that do not report speech."""
    vocab = vocabulary()
    words = run.words(q)
    if not words:
        return True
    i0 = run.qd.token_at(q.open_pos)
    # the words right before the mark, in its own clause: "known as “X”" names a label, "as he
    # was known, “...”" does not
    near = list(run.doc[max(0, i0 - 3) : i0])
    cut = max((k for k, t in enumerate(near) if t.text in CLAUSE_BREAKS), default=-1)
    prev = [t for t in near[cut + 1 :] if not t.is_punct]
    if any(t.lower_ in vocab.label_markers for t in prev[-2:]):
        return True
    lead = run.text[max(0, q.open_pos - 24) : q.open_pos].lower().split()
    if lead and lead[-1] in vocab.label_markers:
        return True  # "so-called", which the tokenizer splits
    if _byline_after(run, q):
        return True
    long_words = [w for w in words if len(w) > 3 and w.isalpha()]
    title_case = len(words) >= 2 and long_words and all(w[0].isupper() for w in long_words)
    if title_case and (not opens_sentence(run, q) or runs_on(run.text, q)):
        return True
    toks = [t for t in run.doc[i0 : run.qd.token_at(q.end - 1) + 1] if q.start <= t.idx < q.end]
    heads = [t for t in toks if not (q.start <= t.head.idx < q.end)]
    head = heads[0] if heads else None
    if head is not None and len(words) >= 2:
        if head.dep_ == "compound" and head.head.idx >= q.end:
            return True  # the quoted phrase names the thing after it: the "X" plan
        if head.lemma_.lower() in vocab.name_heads:
            det = prev[-1] if prev else None
            if det is not None and (det.lower_ in POSSESSIVE_DETS or det.tag_ == "POS"):
                return True
            if " of the " in run.text[q.start : q.end].lower():
                return True
    return bool(len(words) >= 2 and _recurs_unquoted(run, q))


def _byline_after(run: QuoteRun, q: QuoteSpan) -> bool:
    """A comma and a byline after the quotation: the title of a piece ("“Ferry fares to rise,”
    by Ina Holm: ...", a newsletter's list of stories), not speech."""
    if q.close_pos is None:
        return False
    m = _BYLINE.match(run.text, q.close_pos + 1)
    if not (m and (m.group(1) or run.text[q.start : q.end].rstrip().endswith(","))):
        return False
    # not the agent of a passive ("was called “a betrayal,” by Ona Vell") nor a date ("by March")
    by = run.doc[run.qd.token_at(m.start("by"))]
    name = run.doc[run.qd.token_at(m.start("name"))]
    return by.dep_ != "agent" and name.ent_type_ not in ("DATE", "TIME")


def _recurs_unquoted(run: QuoteRun, q: QuoteSpan) -> bool:
    """The quoted phrase also appears in the text outside quotation marks: a name, not speech."""
    phrase = run.text[q.start : q.end].strip(" ,.;:!?").lower()
    if len(phrase) < run.settings.label_repeat_min_chars:
        return False
    if phrase not in run.recurs:  # the answer depends on the phrase only
        run.recurs[phrase] = _found_unquoted(run, phrase)
    return run.recurs[phrase]


def _found_unquoted(run: QuoteRun, phrase: str) -> bool:
    low = run.low
    pos = low.find(phrase)
    while pos != -1:
        tok = run.doc[run.qd.token_at(pos)]
        if not run.qd.quoted(tok):
            return True
        pos = low.find(phrase, pos + 1)
    return False
