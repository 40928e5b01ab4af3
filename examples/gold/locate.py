#!/usr/bin/env python3
"""Fill the position fields of examples/gold/gold.json from the texts it quotes.

The gold is written by hand: each quote, attribution, figure and date names its words and
(when the words occur more than once) which occurrence is meant. This script finds them and
writes the positions, so nobody counts characters by hand:

* text dumps (.txt): ``line`` (1-based line of the raw file) and ``start``/``end``, character
  offsets into the raw file, as in ../shared/eval/data/seeds_dev_gold.json;
* every other form: ``paragraph`` (1-based index into the entry's ``body_paragraphs``) and
  ``start``/``end``, offsets into that paragraph.

Speaker mentions get ``speaker_mention_line``/``_paragraph`` and ``speaker_mention_start``/
``_end`` the same way: the occurrence closest to the quote in its own line or paragraph, else
the last one before it (``speaker_mention_occurrence`` overrides the choice).

It also writes timex_gold.jsonl: each article's body (noise lines left out) with its dates,
in the format ../shared/eval/score_timex.py reads.

    python examples/gold/locate.py          # rewrite gold.json with positions filled in
    python examples/gold/locate.py --check  # exit 1 if gold.json is not up to date
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold.json"
TIMEX_GOLD = HERE / "timex_gold.jsonl"
CORPUS = HERE.parent / "corpus"
ITEM_LISTS = (
    "quotes",
    "pull_quotes",
    "indirect_attributions",
    "figures",
    "timexes",
    "non_speech_quotation_marks",
)
TEXT_KEY = {"quotes": "quote", "pull_quotes": "quote", "indirect_attributions": "content"}


class LocateError(Exception):
    pass


def _finditer(needle: str, hay: str) -> list[int]:
    if re.fullmatch(r"\w+", needle):  # a single word ("he", "She"): whole words only
        return [m.start() for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", hay)]
    out, i = [], hay.find(needle)
    while i >= 0:
        out.append(i)
        i = hay.find(needle, i + 1)
    return out


def _units(entry: dict, name: str) -> tuple[str, list[tuple[int, int]]]:
    """Return (text, [(unit number, offset of the unit in text)]) for one gold entry."""
    if name.endswith(".txt"):
        raw = (CORPUS / name).read_text(encoding="utf-8")
        starts, pos = [], 0
        for n, line in enumerate(raw.split("\n"), 1):
            starts.append((n, pos))
            pos += len(line) + 1
        return raw, starts
    paras = entry["body_paragraphs"]
    text, starts, pos = "\n".join(paras), [], 0
    for n, p in enumerate(paras, 1):
        starts.append((n, pos))
        pos += len(p) + 1
    return text, starts


def _unit_of(offset: int, starts: list[tuple[int, int]]) -> tuple[int, int]:
    best = starts[0]
    for n, s in starts:
        if s <= offset:
            best = (n, s)
    return best


def _pick_mention(hits: list[int], size: int, start: int, end: int, starts: list[tuple[int, int]]) -> int:
    """The mention closest to the words in their own line or paragraph, else the last before."""
    unit = _unit_of(start, starts)[0]
    outside = [h for h in hits if h + size <= start or h >= end]
    same = [h for h in outside if _unit_of(h, starts)[0] == unit]
    if same:
        return min(same, key=lambda h: start - (h + size) if h < start else h - end)
    before = [h for h in outside if h < start]
    return before[-1] if before else outside[0]


def locate_entry(name: str, entry: dict) -> None:
    text, starts = _units(entry, name)
    dump = name.endswith(".txt")
    unit_key = "line" if dump else "paragraph"
    for list_name in ITEM_LISTS:
        for item in entry.get(list_name, []):
            words = item[TEXT_KEY.get(list_name, "text")]
            hits = _finditer(words, text)
            occ = item.get("occurrence", 1)
            if len(hits) < occ:
                raise LocateError(f"{name}: {list_name} text not found (occurrence {occ}): {words!r}")
            start = hits[occ - 1]
            unit, unit_start = _unit_of(start, starts)
            base = 0 if dump else unit_start
            item[unit_key] = unit
            item["start"], item["end"] = start - base, start + len(words) - base
            mention = item.get("speaker_mention")
            if not mention:
                continue
            m_hits = _finditer(mention, text)
            if not m_hits:
                raise LocateError(f"{name}: speaker mention not found: {mention!r}")
            pick = _pick_mention(m_hits, len(mention), start, start + len(words), starts)
            if "speaker_mention_occurrence" in item:
                pick = m_hits[item["speaker_mention_occurrence"] - 1]
            m_unit, m_unit_start = _unit_of(pick, starts)
            m_base = 0 if dump else m_unit_start
            item[f"speaker_mention_{unit_key}"] = m_unit
            item["speaker_mention_start"] = pick - m_base
            item["speaker_mention_end"] = pick + len(mention) - m_base


def locate(gold: dict) -> dict:
    for name, entry in gold.items():
        if isinstance(entry, dict) and "quotes" in entry:
            locate_entry(name, entry)
    return gold


def body_text(name: str, entry: dict) -> tuple[str, list[tuple[int, int]]]:
    """The article body as the gold sees it, and (unit number, offset) of each unit in it.

    Text dumps: the raw lines that are not noise, joined by newlines; other forms: the body
    paragraphs joined by newlines.
    """
    if name.endswith(".txt"):
        noise = {b["line"] for b in entry["boilerplate_detail"]}
        raw = (CORPUS / name).read_text(encoding="utf-8").split("\n")
        units = [(n, ln) for n, ln in enumerate(raw, 1) if n not in noise and ln.strip()]
    else:
        units = list(enumerate(entry["body_paragraphs"], 1))
    parts, starts, pos = [], [], 0
    for n, unit in units:
        parts.append(unit)
        starts.append((n, pos))
        pos += len(unit) + 1
    return "\n".join(parts), starts


def timex_records(gold: dict) -> list[dict]:
    """The gold's dates in the input format of ../shared/eval/score_timex.py."""
    out = []
    for name, entry in gold.items():
        if not (isinstance(entry, dict) and "quotes" in entry):
            continue
        text, starts = body_text(name, entry)
        offset = dict(starts)
        unit_key = "line" if name.endswith(".txt") else "paragraph"
        timexes = []
        for tx in entry["timexes"]:
            if tx.get("in_boilerplate"):
                continue
            if unit_key == "line":
                line_start = sum(
                    len(x) + 1
                    for x in (CORPUS / name).read_text(encoding="utf-8").split("\n")[: tx["line"] - 1]
                )
                start = offset[tx["line"]] + tx["start"] - line_start
            else:
                start = offset[tx["paragraph"]] + tx["start"]
            end = start + len(tx["text"])
            if text[start:end] != tx["text"]:
                raise LocateError(f"{name}: timex {tx['text']!r} does not map into the body text")
            timexes.append(
                {"start": start, "end": end, "text": tx["text"], "type": tx["type"], "value": tx["value"]}
            )
        out.append({"doc_id": name, "dct": entry["reference_date"], "text": text, "timexes": timexes})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    before = GOLD.read_text(encoding="utf-8")
    gold = locate(json.loads(before))
    after = json.dumps(gold, indent=1, ensure_ascii=False) + "\n"
    timex_after = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in timex_records(gold))
    if args.check:
        timex_before = TIMEX_GOLD.read_text(encoding="utf-8") if TIMEX_GOLD.is_file() else ""
        fresh = before == after and timex_before == timex_after
        print("up to date" if fresh else "gold.json or timex_gold.jsonl is stale: run locate.py")
        return 0 if fresh else 1
    GOLD.write_text(after, encoding="utf-8")
    TIMEX_GOLD.write_text(timex_after, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
