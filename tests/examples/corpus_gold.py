"""Helpers for the sample corpus tests: the gold file and each article's source content."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CORPUS = EXAMPLES / "corpus"
GOLD_PATH = EXAMPLES / "gold" / "gold.json"

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def load_gold() -> dict[str, Any]:
    gold: dict[str, Any] = json.loads(GOLD_PATH.read_text(encoding="utf-8"))
    return gold


def article_keys() -> list[str]:
    """Gold keys that describe one article (the others hold cross-article expectations)."""
    return [k for k, v in load_gold().items() if isinstance(v, dict) and "quotes" in v]


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed (good enough to look words up)."""
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    markup = re.sub(r"(?s)<!--.*?-->", " ", markup)
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def warc_payloads(path: Path) -> list[tuple[str, str, bytes]]:
    """(record type, target URI, content) for each record of a WARC file."""
    from warcio.archiveiterator import ArchiveIterator

    out = []
    with path.open("rb") as fh:
        for rec in ArchiveIterator(fh):
            uri = rec.rec_headers.get_header("WARC-Target-URI") or ""
            out.append((rec.rec_type, uri, rec.content_stream().read()))
    return out


def source_text(key: str, entry: dict[str, Any]) -> str:
    """The article as its input file carries it, reduced to plain text for word look-ups."""
    form = entry["form"]
    if form == "text":
        return (CORPUS / key).read_text(encoding="utf-8")
    if form == "jsonl":
        for line in (CORPUS / entry["file"]).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec["id"] == key:
                return str(rec["text"])
        raise AssertionError(f"no JSONL record {key}")
    if form == "html":
        return html_to_text((CORPUS / key).read_text(encoding="utf-8"))
    if form == "feed":
        import feedparser

        parsed = feedparser.parse(str(CORPUS / entry["file"]))
        entries = [e for e in parsed.entries if e.get("link") == entry["url"]]
        assert len(entries) == 1, f"{key}: feed entry {entry['url']} not found"
        return html_to_text(entries[0].content[0].value)
    if form == "warc":
        for rec_type, uri, payload in warc_payloads(CORPUS / entry["file"]):
            if rec_type == "response" and uri == entry["url"]:
                return html_to_text(payload.decode("utf-8"))
        raise AssertionError(f"{key}: no response record for {entry['url']}")
    raise AssertionError(f"unknown form {form}")


def norm(text: str) -> str:
    """Lower-case words only, as ../shared/eval/score_cleaning.py compares lines."""
    return " ".join(re.findall(r"\w+", text.lower().replace("\u2019", "'")))
