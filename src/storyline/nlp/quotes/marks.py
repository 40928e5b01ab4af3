"""Find quoted stretches of text by pairing quotation marks, robust to unbalanced marks.

Works on characters only (no parse), one paragraph (line) at a time:

1. Double marks (curly, low-9, guillemets, straight) are paired first. A straight ``"`` is an
   opener or a closer by its neighbours, and by the open/closed state when they disagree.
2. A paragraph whose double quote never closes is quoted up to its end: news style opens
   every paragraph of a multi-paragraph quotation and closes only the last one.
3. Single marks are paired only outside double quotes (inside them they are nested quotes,
   part of the outer quotation). ``’`` and ``'`` between letters are apostrophes.

Each result is a :class:`QuoteSpan` whose ``start``/``end`` bound the quoted words without the
marks and without surrounding white space.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

DOUBLE_OPEN = "“„‟«"
DOUBLE_CLOSE = "”»"
DOUBLE_EITHER = '"'
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "›"
SINGLE_EITHER = "'’"
OPEN_CONTEXT = " \t([{/–—-:;,\u00a0"
CLOSE_CONTEXT = " \t)]}/–—-:;,.!?…\u00a0"
MAX_QUOTE_CHARS = 5000
_SINGLE_MARK = re.compile("[" + re.escape(SINGLE_OPEN + SINGLE_CLOSE + SINGLE_EITHER) + "]")
_DOUBLE_MARK = re.compile("[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER) + "]")
# two single marks standing for one double mark: ''...'' in newspaper archives, ``...'' in
# typeset text, ‘‘...’’ in some scrapes
DOUBLED_MARKS = frozenset({"''", "``", "‘‘", "’’"})
_DOUBLED = re.compile("|".join(["'''", *sorted(DOUBLED_MARKS)]))  # ''' is a doubled mark and a single one


@dataclass(frozen=True)
class QuoteSpan:
    """A quoted stretch: ``text[start:end]`` is the quoted words without marks.

    open_pos (int): offset of the opening mark.
    close_pos (int | None): offset of the closing mark; None when the paragraph ends first.
    paragraph (int): index of the paragraph (line) it is in.
    single (bool): quoted with single marks.
    nested (bool): inside another quotation (a quote within a quote).
    """

    start: int
    end: int
    open_pos: int
    close_pos: int | None
    paragraph: int
    single: bool = False
    nested: bool = False


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line of ``text``."""
    out = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.append((pos, end))
        pos = end + 1
    return out


def _role(text: str, i: int, lo: int, hi: int) -> str:
    """'open', 'close', 'either' or 'none' for the ambiguous mark at ``text[i]``."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    can_open = (prev in OPEN_CONTEXT or prev in DOUBLE_OPEN + SINGLE_OPEN) and not nxt.isspace()
    can_close = not prev.isspace() and (nxt in CLOSE_CONTEXT or nxt in DOUBLE_CLOSE + DOUBLE_EITHER)
    if can_open and can_close:
        return "either"
    if can_open:
        return "open"
    if can_close:
        return "close"
    if not prev.isspace() and not nxt.isspace():
        return "either"  # glued on both sides by a bad scrape
    return "none"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _double_spans(text: str, lo: int, hi: int, para: int) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for m in _DOUBLE_MARK.finditer(text, lo, hi):
        i = m.start()
        ch = text[i]
        if ch in DOUBLE_OPEN:
            # an opening mark written where a closing one belongs („so“, “wrong“ he said)
            role = "close" if open_at is not None and _role(text, i, lo, hi) == "close" else "open"
        elif ch in DOUBLE_CLOSE:
            # a closing mark written as the opener (”so” in some house styles and scrapes)
            role = "open" if open_at is None and _role(text, i, lo, hi) == "open" else "close"
        elif ch in DOUBLE_EITHER:
            role = _role(text, i, lo, hi)
            if role == "either":
                role = "close" if open_at is not None else "open"
            elif role == "none" and open_at is not None and text[lo:i].rstrip()[-1:] in SINGLE_EITHER:
                role = "close"  # spaced after a nested quote's close: "It was 'fine,' " he said
        else:
            continue
        if role == "open":
            if open_at is not None and i - open_at > 1:
                # an opener while open: the earlier mark never closed; keep the stretch up to here
                # only when it is long enough to be a quotation on its own
                s, e = _trim(text, open_at + 1, i)
                if e - s > 40:
                    spans.append(QuoteSpan(s, e, open_at, None, para))
            open_at = i
        elif role == "close" and open_at is not None:
            s, e = _trim(text, open_at + 1, i)
            if e > s:
                spans.append(QuoteSpan(s, e, open_at, i, para))
            open_at = None
    if open_at is not None:
        s, e = _trim(text, open_at + 1, hi)
        if e > s:
            spans.append(QuoteSpan(s, e, open_at, None, para))
    return spans


def _is_apostrophe(text: str, i: int, lo: int, hi: int) -> bool:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    # don't, Russia's; 'tis, '90s and plural possessives (leaders' plan) are left to the pairing
    return prev.isalnum() and nxt.isalnum()


def _single_spans(text: str, lo: int, hi: int, para: int, blocked: list[tuple[int, int]]) -> list[QuoteSpan]:
    starts = [a for a, _ in blocked]

    def inside_double(i: int) -> bool:
        k = bisect_right(starts, i) - 1
        return k >= 0 and i < blocked[k][1]

    marks: list[tuple[int, str]] = []
    for m in _SINGLE_MARK.finditer(text, lo, hi):
        i = m.start()
        ch = text[i]
        if inside_double(i):
            continue
        if ch in SINGLE_EITHER and _is_apostrophe(text, i, lo, hi):
            continue
        if ch in SINGLE_OPEN:
            role = "open" if i + 1 < hi and not text[i + 1].isspace() else "none"
        elif ch in SINGLE_CLOSE:
            role = "close"
        else:
            role = _role(text, i, lo, hi)
        if role != "none":
            marks.append((i, role))
    spans: list[QuoteSpan] = []
    k = 0
    while k < len(marks):
        i, role = marks[k]
        if role not in ("open", "either"):
            k += 1
            continue
        # the first later mark that can close (and is not immediately an opener of a new word)
        n = k + 1
        while n < len(marks) and marks[n][1] not in ("close", "either"):
            n += 1
        if n < len(marks):
            j = marks[n][0]
            s, e = _trim(text, i + 1, j)
            if e > s and not inside_double(s):
                spans.append(QuoteSpan(s, e, i, j, para, single=True))
            k = n + 1
            continue
        if i == lo or not text[lo:i].strip():
            # a paragraph that opens with a single mark and never closes it
            s, e = _trim(text, i + 1, hi)
            if e > s:
                spans.append(QuoteSpan(s, e, i, None, para, single=True))
        k += 1
    return spans


def _nest(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Mark every span that lies inside another one as nested: one opened before it whose
    close (or end) is at or after its end. One pass in opening order, keeping the furthest
    close seen so far (comparing every pair cost quadratic time on a paragraph of fragments)."""
    order = sorted(range(len(spans)), key=lambda k: spans[k].open_pos)
    inside = [False] * len(spans)
    furthest = -1  # the furthest close among spans opened strictly before the current group
    i = 0
    while i < len(order):
        j = i
        while j < len(order) and spans[order[j]].open_pos == spans[order[i]].open_pos:
            j += 1
        group = order[i:j]
        for k in group:
            inside[k] = spans[k].end <= furthest
        for k in group:
            q = spans[k]
            furthest = max(furthest, q.close_pos if q.close_pos is not None else q.end)
        i = j
    return [replace(q, nested=True) if inside[k] and not q.nested else q for k, q in enumerate(spans)]


def _doubled_as_double(text: str) -> str:
    """``text`` with every doubled single mark written as one straight double mark and a space,
    the space on the outer side, so that offsets stay those of ``text``."""
    if not _DOUBLED.search(text):
        return text
    chars = list(text)
    for m in _DOUBLED.finditer(text):
        i = m.start()
        after = text[i + 2] if i + 2 < len(text) else " "
        before = text[i - 1] if i > 0 else " "
        if m.group(0) == "'''":
            # ''' opens a double then a single quote, or closes a single then a double one
            after = text[i + 3] if i + 3 < len(text) else " "
            if after.isspace() or not (before.isspace() or before in OPEN_CONTEXT):
                chars[i + 1], chars[i + 2] = '"', " "
                continue
        opens = m.group(0) in ("``", "‘‘") or (
            not after.isspace() and (before.isspace() or before in OPEN_CONTEXT)
        )
        chars[i], chars[i + 1] = (" ", '"') if opens else ('"', " ")
    return "".join(chars)


def _whole_marks(written: str, q: QuoteSpan) -> QuoteSpan:
    """``q`` with ``open_pos`` and ``close_pos`` on the outer character of a doubled mark
    (''...''), so that the text before the opening mark and after the closing one holds no half
    of it."""
    o, c = q.open_pos, q.close_pos
    if o > 0 and written[o - 1 : o + 1] in DOUBLED_MARKS:
        o -= 1
    if c is not None and written[c : c + 2] in DOUBLED_MARKS:
        c += 1
    return q if (o, c) == (q.open_pos, q.close_pos) else replace(q, open_pos=o, close_pos=c)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted stretch of ``text``, in order, paragraph by paragraph; quotations inside
    quotations come too, marked ``nested``."""
    written = text
    text = _doubled_as_double(text)
    out: list[QuoteSpan] = []
    for para, (lo, hi) in enumerate(paragraphs(text)):
        doubles = [q for q in _double_spans(text, lo, hi, para) if q.end - q.start <= MAX_QUOTE_CHARS]
        blocked = [(q.open_pos, (q.close_pos if q.close_pos is not None else hi) + 1) for q in doubles]
        singles = [
            q for q in _single_spans(text, lo, hi, para, blocked) if q.end - q.start <= MAX_QUOTE_CHARS
        ]
        inner = [
            replace(s, nested=True)
            for d in doubles
            for s in _single_spans(text, d.start, d.end, para, [])
            if s.close_pos is not None
        ]
        out.extend(sorted(_nest(doubles + singles) + inner, key=lambda q: (q.start, q.nested)))
    if written is not text:
        out = [_whole_marks(written, q) for q in out]
    return out


def runs_on(text: str, q: QuoteSpan) -> bool:
    """Do the quoted words end with no punctuation of their own while their sentence runs on in
    lower case after the closing mark (“Night Harbour” star Ana Osk)? Quoted speech ends with its
    own comma or stop before the attribution; a title or name read as a word of the sentence."""
    if q.close_pos is None or not text[q.start : q.end][-1:].isalnum():
        return False
    rest = text[q.close_pos + 1 : q.close_pos + 40]
    words = rest.split()
    return bool(rest[:1].isspace() and words and words[0][:1].islower())
