"""Decoding: utf-8 first, then declared, mixed repair, Western check, detection, replacement."""

from __future__ import annotations

import codecs

import pytest

from storyline.ingest import detect_kind
from storyline.ingest.decode import decode_bytes, looks_binary
from storyline.ingest.html import fragment_text
from storyline.ingest.language import detect_language

TEXT = "Die Brücke über den Fluss wurde am Montag für den Verkehr geöffnet, sagte die Stadt."


def test_decode_utf8_and_bom() -> None:
    assert decode_bytes(TEXT.encode()) == (TEXT, ())
    assert decode_bytes(codecs.BOM_UTF8 + TEXT.encode()) == (TEXT, ())


def test_decode_utf16_with_bom() -> None:
    text, notes = decode_bytes(TEXT.encode("utf-16"))
    assert text == TEXT and notes == ("decoded as utf-16",)


def test_decode_declared_encoding_is_tried_before_guessing() -> None:
    text, notes = decode_bytes(TEXT.encode("latin-1"), declared="iso-8859-1")
    assert text == TEXT and "declared" in notes[0]


def test_decode_cyrillic_legacy_code_page_is_not_read_as_western() -> None:
    russian = "Мост через реку открыли для движения в понедельник, сообщили в городской администрации."
    text, notes = decode_bytes(russian.encode("cp1251"))
    assert "cp1252" not in notes[0]
    assert text == russian


@pytest.mark.parametrize(
    ("data", "binary"),
    [
        (b"plain words\n", False),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", True),
        (TEXT.encode("utf-16"), False),
        (bytes(range(1, 32)) * 10, True),
    ],
)
def test_looks_binary(data: bytes, binary: bool) -> None:
    assert looks_binary(data) is binary


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("a.html.gz", b"", "html"),
        ("a.warc.gz", b"", "warc"),
        ("noext", b"WARC/1.0\r\n", "warc"),
        ("noext", b"<?xml version='1.0'?><rss version='2.0'>", "feed"),
        ("feed.xml", b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        ("noext", b"<!DOCTYPE html><html>", "html"),
        ("data", b'{"id": 1}', "jsonl"),
        ("notes.txt", b'{"id": 1}', "text"),
        ("list.urls", b"https://a.example/\n", "urls"),
        ("dump", b"Some words.", "text"),
    ],
)
def test_detect_kind(name: str, head: bytes, kind: str) -> None:
    assert detect_kind(name, head) == kind


def test_fragment_text_drops_scripts_and_comments_and_keeps_blocks() -> None:
    html = (
        "<p>First <b>bold</b> point.</p><!-- hidden note --><script>alert(1)</script>"
        "<ul><li>One item</li><li>Two items</li></ul>Tail words<br>after a break"
    )
    assert fragment_text(html) == "First bold point.\nOne item\nTwo items\nTail words\nafter a break"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The council said on Monday that it would not reopen the depot before the end of the year.", "en"),
        (
            "Le conseil a dit lundi qu'il ne rouvrirait pas le dépôt avant la fin de l'année, selon la mairie.",
            "fr",
        ),
        (
            "El consejo dijo el lunes que no reabriría el depósito antes del final del año, según la alcaldía.",
            "es",
        ),
        (
            "Rada powiedziała w poniedziałek, że nie otworzy zajezdni przed końcem roku, a to jest ważne.",
            "pl",
        ),
        ("Совет заявил в понедельник, что не откроет депо до конца года, и это было важно для города.", "ru"),
        ("議会は月曜日、年末まで車庫を再開しないと発表した。これは市にとって重要なことだった。", "ja"),
        (
            "Onions, 2 cups; carrots, 1 cup; salt and pepper or herbs for taste; oil for the pan; water as needed; "
            "rice, 3 cups; beans, 2 cups; lime juice, 1 tbsp; cumin, 1 tsp; garlic, 4 cloves; stock, 1 litre",
            "en",
        ),
        ("Short note", None),
    ],
)
def test_language_guess(text: str, code: str | None) -> None:
    assert detect_language(text) == code
