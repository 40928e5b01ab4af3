"""The line-based cleaner behind :func:`storyline.clean.clean_text`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from storyline.clean import rules as R
from storyline.models import OffsetSegment, Removal

_LEAD = re.compile(r"^[\s\ufeff\u200b-\u200d\u2060]+")
_TRAIL = re.compile(r"[\s\ufeff\u200b-\u200d\u2060]+$")
_WORD = re.compile(r"\w+")
_EMPHASIS = re.compile(r"(?<![*\w])(\*{1,3})(?=[^\s*])([^*\n]*?[^\s*])\1(?![*\w])")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_TOKEN_SPLIT = re.compile(r"[\s|·•/,]+")
MAX_PARAGRAPHS_FOR_REPEATS = 1500
_ATTRIBUTION_TAIL = re.compile(r"\s[-–—]\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}$")


@dataclass(frozen=True)
class Cleaned:
    """The result of cleaning one raw text.

    text (str): the clean body, one paragraph per line.
    removed (tuple[Removal, ...]): what was taken out, with reasons and raw offsets.
    offset_map (tuple[OffsetSegment, ...]): clean offsets back to raw offsets.
    title, byline (str | None): found in headline / byline lines, when present.
    dateline (date | None): the first date found in a date line.
    """

    text: str
    removed: tuple[Removal, ...] = ()
    offset_map: tuple[OffsetSegment, ...] = ()
    title: str | None = None
    byline: str | None = None
    dateline: date | None = None


@dataclass
class _Line:
    start: int  # raw offsets of the line's content, surrounding whitespace excluded
    end: int
    text: str
    reason: str | None = None  # set when the whole line is removed
    cut: int = 0  # characters removed from the start (a glued URL slug)
    cut_reason: str = ""
    words: int = field(init=False)

    def __post_init__(self) -> None:
        self.words = len(self.text.split())


def _words(text: str) -> int:
    return len(text.split())


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower().replace("’", "'")))


def headline_like(text: str) -> bool:
    """No closing sentence punctuation, and some letters: a title, caption or teaser line."""
    body = text.rstrip(R.CLOSERS)
    return bool(body) and body[-1] not in R.TERMINAL and any(c.isalpha() for c in body)


def parse_date(match: re.Match[str]) -> date | None:
    """The date a :data:`rules.DATE_EXPR` match names, or None when it is not a real date."""
    g = match.groupdict()
    try:
        if g["iso"]:
            return date(int(g["y1"]), int(g["m1"]), int(g["d1"]))
        if g["dmy"]:
            return date(int(g["y2"]), _month(g["m2"]), int(g["d2"]))
        if g["mdy"]:
            return date(int(g["y3"]), _month(g["m3"]), int(g["d3"]))
        if g["slash"]:
            return date(int(g["y4"]), int(g["m4"]), int(g["d4"]))
    except (ValueError, KeyError):
        return None
    return None


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return R.MONTHS.get(key[:4], R.MONTHS.get(key[:3], 0))


def date_line(text: str) -> date | bool | None:
    """If ``text`` is a dateline, the date it names (or True when it cannot be parsed), else False."""
    rest = R.DATE_LABEL.sub("", text, count=1)
    labelled = len(rest) != len(text)
    m = R.DATE_EXPR.match(rest)
    if not m:
        return False
    tail = rest[m.end() :].strip(" ,|-–—·")
    if tail and R.DATE_LABEL.match(tail) and R.DATE_LABEL.sub("", tail, count=1) != tail:
        # "Published: <date> | Updated: <date>": the rest must be a dateline too
        return parse_date(m) or True if date_line(tail) is not False else False
    if _YEAR.search(tail):
        return False  # a range or list of dates: content, not a dateline
    if tail and (not headline_like(tail) or _words(tail) > 12):
        return False
    if not labelled and tail and _words(tail) > 8:
        return False
    found = parse_date(m)
    return found if found is not None else True


def _byline(text: str) -> str | None:
    """The name in a byline line ("By: *A Name*", "By A and B | Published ..."), else None."""
    m = R.BYLINE.match(text)
    if not m:
        return None
    name = re.split(r"\s+[|·•]\s+", m.group("name"))[0]  # "By A | Published ..." keeps "A"
    name = name.strip().strip("*_ ").strip()
    if not name or not headline_like(name) or _words(name) > 8:
        return None
    parts = [p.strip(",") for p in name.replace("*", " ").replace("_", " ").split()]
    if not all(p[:1].isupper() or p.lower() in R.BYLINE_JOINERS or not p for p in parts):
        return None
    return " ".join(p for p in name.replace("*", "").replace("_", " ").split())


def _has(low: str, *keys: str) -> bool:
    return any(k in low for k in keys)


def _line_reason(line: _Line) -> str | None:
    """Why a line is noise, judged on its own text; None to keep it.

    Cheap substring checks guard the unanchored patterns, which would otherwise dominate the
    time spent on long documents.
    """
    t, words = line.text, line.words
    if (
        R.TIMESTAMP.match(t)
        or R.GALLERY_COUNTER.match(t)
        or (len(t) <= 2 and t != "__" and not any(c.isdigit() for c in t))
        or not any(c.isalnum() or c == "_" for c in t)
    ):
        return "stray-fragment"
    if words > 60:
        return None  # every rule below is for short lines; long ones are body
    low = t.lower()
    headline = headline_like(t)
    if len(t) < 160 and _has(low, "cop", "protect", "click", "selection") and R.COPY_PROTECTION.search(t):
        return "copy-protection"
    if (
        words <= 25
        and _has(low, "video", "player", "play", "up next", "javascript", "watch")
        and R.VIDEO_NOTICE.search(t)
    ):
        return "video-notice"
    if R.TEASER_MARKER.match(t) or (headline and words <= 30 and R.TEASER_INLINE.match(t)):
        return "related-teaser"
    if R.TEASER_LABEL.match(t):
        return "teaser-label"
    if R.IMAGE_PLACEHOLDER.match(t):
        return "image-placeholder"
    if R.ADVERT.match(t) or R.CONTINUES.match(t):
        return "advertisement"
    if words <= 25 and "newsletter" in low and R.NEWSLETTER_ASK.search(t):
        return "newsletter-promo"
    if words <= 40 and "cookie" in low and R.COOKIES.search(t):
        return "cookie-notice"
    if words <= 12 and (
        R.SHARE_FURNITURE.match(t) or all(tok in R.SOCIAL for tok in _TOKEN_SPLIT.split(low) if tok)
    ):
        return "share-furniture"
    if date_line(t) is not False or R.RELATIVE_DATELINE.match(t) or R.LONE_DATE_LABEL.match(t):
        return "date-line"
    if _byline(t) is not None or (R.STAFF_CREDIT.match(t) and words <= 20 and t[-1] not in ".!?"):
        return "byline"
    if words <= 25 and _has(low, "©", "(c)", "copyright", "rights reserved") and R.COPYRIGHT.search(t):
        return "copyright-notice"
    if R.DISCLAIMER.match(t):
        return "disclaimer-notice"
    if len(t) <= 300 and (
        R.CREDIT_START.match(t)
        or R.AGENCY_CREDIT.match(t)
        or (
            headline
            and words <= 40
            and (
                (":" in t and R.IMAGE_CREDIT.search(t))
                or (_has(low, "/", "by ", "from ", "courtesy") and R.SLASH_CREDIT.search(t))
            )
        )
    ):
        return "image-credit"
    # A dash opens the signature of an embedded post or pull quote (who said it): kept.
    if headline and words >= 5 and t[0] not in "-–—" and len(_YEAR.findall(t)) < 2:
        cue = _has(low, "pictur", "(", "l-r") and R.CAPTION_CUE.search(t)
        if cue or R.CAPTION_DATE_END.search(t[-40:]):
            return "image-caption"
    return None


def _classify(line: _Line) -> None:
    """Set ``line.reason`` (or a glued slug cut) from the line's own text."""
    line.reason = _line_reason(line)
    if line.reason is not None:
        return
    t = line.text
    slug = R.SLUG_PREFIX.match(t)
    if slug and len(slug.group()) >= 25:
        if slug.end() == len(t):
            line.reason = "url-slug"
        elif not t[slug.end()].isspace() or slug.group().count("-") >= 6:
            line.cut, line.cut_reason = slug.end(), "url-slug"


def _context(lines: list[_Line]) -> None:
    """Rules that need neighbouring lines; ``lines`` holds only non-blank lines."""
    # Captions printed twice in a row (alt text and caption): both go when caption-like.
    for i in range(1, len(lines)):
        a, b = lines[i - 1], lines[i]
        if b.text == a.text and b.words >= 3 and b.reason is None and b.text.count("|") < 2:
            if headline_like(b.text):
                b.reason = "duplicate-caption"
                if a.reason in (None, "duplicate-caption"):
                    a.reason = "duplicate-caption"
            else:
                b.reason = "duplicate-paragraph"
    # Teaser blocks: "Read More" then labels, a headline or two, an image placeholder.
    for i, line in enumerate(lines):
        if line.reason != "related-teaser" or not R.TEASER_MARKER.match(line.text):
            continue
        headlines = 0
        for nxt in lines[i + 1 : i + 6]:
            if nxt.reason in ("teaser-label", "image-placeholder"):
                if nxt.reason == "image-placeholder":
                    break
                continue
            if nxt.reason is None and headline_like(nxt.text) and nxt.words <= 40 and headlines < 3:
                nxt.reason = "related-teaser"
                headlines += 1
                continue
            break
    # A teaser card without its marker: a headline line directly above an image placeholder.
    for i in range(1, len(lines)):
        prev = lines[i - 1]
        card = lines[i].reason == "image-placeholder" and prev.reason is None
        if card and headline_like(prev.text) and prev.words <= 30:
            prev.reason = "related-teaser"
    # The title under a video player ("Please use ... video player", "1:37", title).
    for i in range(1, len(lines)):
        prev, line = lines[i - 1], lines[i]
        player = prev.reason == "video-notice" or (
            prev.reason == "stray-fragment" and R.TIMESTAMP.match(prev.text)
        )
        if player and line.reason is None and headline_like(line.text) and line.words <= 20:
            line.reason = "video-title"
    # A caption repeating (part of) a paragraph that is kept elsewhere. The check compares
    # every candidate with every paragraph, so it only runs on article-sized texts.
    kept = [ln for ln in lines if ln.reason is None]
    if len(kept) > MAX_PARAGRAPHS_FOR_REPEATS:
        return
    norms = [_norm(ln.text[ln.cut :]) for ln in kept]
    joined = "\n".join(norms)
    for ln, n in zip(kept, norms, strict=True):
        if ln.words < 8 or not headline_like(ln.text) or ln.cut or ln.text.count("|") >= 2:
            continue
        if ln.text[0] in R.QUOTE_MARKS or ln.text.rstrip(R.CLOSERS)[-1:] in R.QUOTE_MARKS:
            continue  # a pull quote: keep it for the quote finder
        if _ATTRIBUTION_TAIL.search(ln.text):
            continue  # "words - Name": an attributed pull quote
        if n and joined.count(n) >= 2 and any(n in m and m != n for m in norms):
            ln.reason = "repeated-caption"


def _title(lines: list[_Line]) -> str | None:
    for ln in lines:
        if ln.cut and ln.reason == "headline":
            return ln.text[ln.cut :].strip()
    for ln in lines:
        if ln.reason is not None:
            continue
        if headline_like(ln.text) and 3 <= ln.words <= 25:
            return ln.text
        return None
    return None


def _emphasis(text: str) -> list[tuple[int, int]]:
    """Spans of markdown emphasis markers (``*word*``, ``**word**``) inside ``text``."""
    spans: list[tuple[int, int]] = []
    for m in _EMPHASIS.finditer(text):
        n = len(m.group(1))
        spans.append((m.start(), m.start() + n))
        spans.append((m.end() - n, m.end()))
    return spans


def _split_lines(raw: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for piece in raw.split("\n"):
        lead = _LEAD.match(piece)
        s = lead.end() if lead else 0
        trail = _TRAIL.search(piece, s)
        e = trail.start() if trail else len(piece)
        if e > s:
            lines.append(_Line(pos + s, pos + e, piece[s:e]))
        pos += len(piece) + 1
    return lines


def clean_text(raw: str, *, title: str | None = None) -> Cleaned:
    """Remove scraped-page noise from ``raw``; record each removal and keep an offset map.

    raw (str): decoded text of a scraped article (or text extracted from HTML).
    title (str | None): the article's title when its metadata names it; a first line repeating
        it is the headline, not body, and is removed.
    RETURNS (Cleaned): the clean text, removals, offset map and any title/byline/dateline found.
    """
    lines = _split_lines(raw)
    for line in lines:
        _classify(line)
    _context(lines)
    if title and _norm(title):
        first = next((ln for ln in lines if ln.reason is None), None)
        if first is not None and not first.cut and _norm(first.text) == _norm(title):
            first.reason = "headline"
    byline = next((_byline(ln.text) for ln in lines if ln.reason == "byline"), None)
    dateline: date | None = None
    for ln in lines:
        if ln.reason == "date-line":
            found = date_line(ln.text)
            if isinstance(found, date):
                dateline = found
                break

    removed: list[Removal] = []
    pieces: list[tuple[int, int]] = []  # raw spans of kept text
    breaks: list[int] = []  # index in pieces where a new paragraph starts
    for ln in lines:
        if ln.reason is not None:
            removed.append(Removal(text=ln.text, reason=ln.reason, raw_start=ln.start, raw_end=ln.end))
            continue
        start = ln.start
        if ln.cut:
            removed.append(
                Removal(text=ln.text[: ln.cut], reason=ln.cut_reason, raw_start=start, raw_end=start + ln.cut)
            )
            rest = ln.text[ln.cut :]
            lead = len(rest) - len(rest.lstrip())
            rest = rest.strip()
            rstart = start + ln.cut + lead
            if not rest:
                continue
            if headline_like(rest) and _words(rest) <= 40:
                ln.reason = "headline"
                removed.append(
                    Removal(text=rest, reason="headline", raw_start=rstart, raw_end=rstart + len(rest))
                )
                continue
            start, text = rstart, rest
        else:
            text = ln.text
        breaks.append(len(pieces))
        cursor = 0
        for ms, me in _emphasis(text):
            if ms > cursor:
                pieces.append((start + cursor, start + ms))
            removed.append(
                Removal(
                    text=text[ms:me], reason="markdown-emphasis", raw_start=start + ms, raw_end=start + me
                )
            )
            cursor = me
        if cursor < len(text):
            pieces.append((start + cursor, start + len(text)))

    out: list[str] = []
    segments: list[OffsetSegment] = []
    clean_pos = 0
    break_set = set(breaks)
    for k, (rs, re_) in enumerate(pieces):
        if k in break_set and k:
            # A paragraph cut in two by the scrape (no closing punctuation, next part starts in
            # lower case) is joined with a space; otherwise one paragraph per line.
            joined = out[-1][-1:].isalnum() or out[-1].endswith(",")
            out.append(" " if joined and raw[rs : rs + 1].islower() else "\n")
            clean_pos += 1
        out.append(raw[rs:re_])
        n = re_ - rs
        last = segments[-1] if segments else None
        if last and last.clean_start + last.length == clean_pos and last.raw_start + last.length == rs:
            segments[-1] = OffsetSegment(
                clean_start=last.clean_start, raw_start=last.raw_start, length=last.length + n
            )
        else:
            segments.append(OffsetSegment(clean_start=clean_pos, raw_start=rs, length=n))
        clean_pos += n
    removed.sort(key=lambda r: r.raw_start)
    return Cleaned(
        text="".join(out),
        removed=tuple(removed),
        offset_map=tuple(segments),
        title=_title(lines),
        byline=byline,
        dateline=dateline,
    )
