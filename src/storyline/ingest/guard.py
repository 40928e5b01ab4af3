"""The reader's edge: what third-party parsers and the file system throw, made storyline's own.

- ``parser_errors`` translates the errors a parser raises on hostile input (JSON nested
  thousands deep, a feed declaring a nonsense encoding, a garbage WARC header) into
  :class:`~storyline.errors.UnreadableInput`, so a reader reports one problem and goes on.
- ``open_regular`` opens a file for reading only when it is a regular file: a FIFO, socket or
  device named on the command line or met in a directory is reported, never read (reading a
  FIFO blocks until a writer comes, which may be never).
- ``scrub`` and ``display_name`` make text and file names encodable as UTF-8: a JSON lone
  surrogate escape (``"\\ud800"``) or a file name that is not UTF-8 would otherwise fail at
  every later step that encodes text (ids, the store, JSON output).
"""

from __future__ import annotations

import errno
import os
import re
import stat
import xml.sax
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from storyline.errors import StorylineError, UnreadableInput

#: What parsers raise on input they cannot make sense of (and nothing that means "stop the run").
PARSER_ERRORS: tuple[type[BaseException], ...] = (
    ValueError,  # includes UnicodeError and json.JSONDecodeError
    LookupError,  # includes KeyError, IndexError and an unknown codec
    TypeError,
    AttributeError,
    ArithmeticError,  # OverflowError, ZeroDivisionError
    AssertionError,
    EOFError,
    OSError,
    RecursionError,
    zlib.error,
    etree.LxmlError,
    xml.sax.SAXException,
)
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


@contextmanager
def parser_errors(what: str, passthrough: tuple[type[Exception], ...] = ()) -> Iterator[None]:
    """Translate a parser's error on hostile input into :class:`UnreadableInput`.

    what (str): the parser, for the message ("JSON", "feed", "WARC", "HTML").
    passthrough: errors the caller handles itself (e.g. ``json.JSONDecodeError``).
    """
    try:
        yield
    except StorylineError:
        raise
    except passthrough:
        raise
    except RecursionError as e:
        raise UnreadableInput(f"{what} nested too deeply to read", code="SL221") from e
    except PARSER_ERRORS as e:
        raise UnreadableInput(f"{what} parser failed: {type(e).__name__}: {_short(e)}") from e


def _short(e: BaseException, limit: int = 200) -> str:
    text = " ".join(str(e).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def scrub(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (same length, so offsets hold)."""
    if not has_surrogates(text):
        return text
    return _SURROGATE.sub(REPLACEMENT, text)


def scrub_optional(text: str | None) -> str | None:
    return None if text is None else scrub(text)


def display_name(path: str | os.PathLike[str]) -> str:
    """A file name as UTF-8 text: bytes that are not UTF-8 are shown as ``\\xff`` escapes."""
    raw = os.fsencode(path)
    return scrub(raw.decode("utf-8", errors="backslashreplace"))


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def file_kind(mode: int) -> str:
    """What a non-regular file is, for the message."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def link_problem(path: Path) -> UnreadableInput | None:
    """Why ``path`` (a symbolic link, or a name whose stat fails) cannot be followed, if it cannot."""
    try:
        os.stat(path)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return UnreadableInput("symbolic link loop: not read", code="SL223")
        if path.is_symlink():
            return UnreadableInput("broken symbolic link: its target does not exist", code="SL224")
    except (ValueError, RuntimeError):
        return UnreadableInput("symbolic link loop: not read", code="SL223")
    return None


def open_regular(path: Path) -> BinaryIO:
    """Open ``path`` for reading if it is a regular file (checked on the open descriptor).

    The open never blocks (``O_NONBLOCK``): a FIFO opens at once and is then refused.
    RAISES UnreadableInput: a FIFO, socket, device, directory or link loop.
    RAISES OSError: the file cannot be opened (no permission, gone).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise UnreadableInput("symbolic link loop: not read", code="SL223") from e
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise UnreadableInput(f"{file_kind(mode)}, not a regular file: not read", code="SL222")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
