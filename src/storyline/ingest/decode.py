"""Bytes to text: utf-8 first, then mixed utf-8/cp1252 repair, then detection, then replacement.

``decode_bytes`` never raises; what it had to do is returned as notes for ``Article.notes``.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CONTROL = (
    bytes(range(0, 32)).replace(b"\t", b"").replace(b"\n", b"").replace(b"\r", b"").replace(b"\x0c", b"")
)


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read each undecodable byte as cp1252 (latin-1 where cp1252 has a hole)."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    out = []
    for b in bad:
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(bytes([b]).decode("latin-1"))
    return "".join(out), err.end


codecs.register_error("storyline-cp1252", _cp1252_fallback)


def looks_binary(data: bytes, sample: int = 8192) -> bool:
    """True for data that is not text in any encoding: NUL bytes or many control characters."""
    head = data[:sample]
    if not head:
        return False
    if b"\x00" in head:
        # UTF-16 text has NULs too; it has a BOM when it is meant to be read.
        return not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    return controls / len(head) > 0.1


_WESTERN_MARKS = frozenset("“”‘’–—…€£°·«»©®×")


def _western(data: bytes) -> bool:
    """Looks like cp1252/latin-1 text: few high bytes, each a letter or typographic mark there."""
    high = [b for b in data if b >= 0x80]
    if not high:
        return False
    letters = sum(1 for b in data if (65 <= b <= 90) or (97 <= b <= 122)) + len(high)
    if len(high) / max(letters, 1) > 0.3:
        return False  # most letters outside ASCII: a non-Latin script in a legacy code page
    text = bytes(high).decode("cp1252", errors="replace")
    good = sum(1 for ch in text if ch.isalpha() or ch in _WESTERN_MARKS)
    return good / len(text) >= 0.9


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, tuple[str, ...]]:
    """Decode ``data`` to text and say how.

    declared (str | None): an encoding named by the container (HTTP header, WARC), tried second.
    RETURNS (tuple[str, tuple[str, ...]]): the text (BOM removed) and notes on the decoding.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), ("decoded as utf-16",)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as e:
        first_error = e.start
    if declared:
        try:
            if codecs.lookup(declared).name != "utf-8":
                return data.decode(declared), (f"decoded as {declared} (declared)",)
        except (LookupError, UnicodeDecodeError):
            pass
    valid_multibyte = len(_UTF8_MULTIBYTE.findall(data))
    if valid_multibyte >= 2 or (valid_multibyte and first_error > 0):
        text = data.decode("utf-8", errors="storyline-cp1252")
        return text, ("mixed encodings: utf-8 with some bytes read as cp1252",)
    if _western(data):
        return data.decode("cp1252", errors="storyline-cp1252"), ("decoded as cp1252 (detected)",)
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding), (f"decoded as {best.encoding} (detected)",)
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("utf-8", errors="replace"), ("decoded with replacement characters",)
