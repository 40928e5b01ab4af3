"""Hostile inputs, each written as a real file: what used to stop a run with a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

GOOD = (
    "Mayor Elin Varga of Tarnholt said on Monday that the old ferry bridge would reopen in May.\n\n"
    "\u201cWe are ready to carry traffic again,\u201d Varga told the town council.\n\n"
    "The council agreed to spend 4 million crowns on the repairs after a long debate.\n"
)
GOOD_JSON = {"id": "good-record", "text": GOOD.replace("Monday", "Tuesday"), "title": "Bridge to reopen"}
ATOM_RSS_BODY = " ".join(["The harbour board of Lisk met to discuss the new pier."] * 8)

#: file name -> what the problem line says (None: the file is read, as an article)
EXPECTED: dict[str, str | None] = {
    "good.txt": None,
    "loop": "symbolic link loop",  # a directory holding two links that point at each other
    "self_link": "symbolic link loop",
    "surrogate.jsonl": None,  # both lines are read; the lone surrogate is replaced
    "deep.jsonl": "nested too deeply",  # line 1 only; line 2 is read
    "deep_array.json": "nested too deeply",
    "deep_value.json": "nested too deeply",
    "bad\\xffname.txt": None,
    "undecodable_encoding.rss": None,  # parsed again after decoding: its entry is read
    "gml_pos.atom": "feed parser failed",
    "far_future.jsonl": None,
    "garbage.warc": "not a WARC archive",
    "fifo": "FIFO",
}


def write_hostile(d: Path) -> dict[str, Path]:
    """Write every hostile input (and a good file) into ``d``; return name -> path."""
    d.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}

    def put(name: str, data: str | bytes) -> None:
        p = d / name
        if isinstance(data, str):
            p.write_text(data, encoding="utf-8")
        else:
            p.write_bytes(data)
        paths[name] = p

    put("good.txt", GOOD)
    loop = d / "loop"
    loop.mkdir()
    os.symlink("b", loop / "a")
    os.symlink("a", loop / "b")
    paths["loop"] = loop
    os.symlink("self_link", d / "self_link")
    paths["self_link"] = d / "self_link"
    surrogate = '{"id": "lone", "text": "Harbour master Ivo Krane spoke \\ud800 at length about the pier."}'
    put("surrogate.jsonl", surrogate + "\n" + json.dumps(GOOD_JSON) + "\n")
    deep = "[" * 50_000 + "]" * 50_000
    put("deep.jsonl", deep + "\n" + json.dumps({**GOOD_JSON, "id": "after-deep"}) + "\n")
    put("deep_array.json", "[" + deep + "]")
    put("deep_value.json", '[{"id": "x", "text": ' + deep + "}]")
    bad_name = os.fsdecode(b"bad\xffname.txt")
    (d / bad_name).write_text(GOOD.replace("May", "June"), encoding="utf-8")
    paths["bad\\xffname.txt"] = d / bad_name
    put(
        "undecodable_encoding.rss",
        b'<?xml version="1.0" encoding="\xe9\xff"?><rss><channel><title>Lisk Post</title>'
        b"<item><title>Pier</title><link>https://lisk.example/pier</link><description>"
        + ATOM_RSS_BODY.encode()
        + b"</description></item></channel></rss>",
    )
    put(
        "gml_pos.atom",
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Pier</title>'
        '<gml:pos xmlns:gml="http://www.opengis.net/gml">1 2 3</gml:pos>'
        f"<content>{ATOM_RSS_BODY}</content></entry></feed>",
    )
    future = {
        "id": "far-future",
        "text": "The minister of Lisk said on Tuesday that the pier would open next year. "
        "Work starts in three months, she said.",
        "published": "9999-12-31",
    }
    put("far_future.jsonl", json.dumps(future) + "\n")
    put(
        "garbage.warc",
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\n"
        b"Content-Length: 20\r\n\r\nGARBAGE\r\n\r\nxxxxxxxxxx\r\n\r\n",
    )
    os.mkfifo(d / "fifo")
    paths["fifo"] = d / "fifo"
    return paths
