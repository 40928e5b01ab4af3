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


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    before = GOLD.read_text(encoding="utf-8")
    after = json.dumps(locate(json.loads(before)), indent=1, ensure_ascii=False) + "\n"
    if args.check:
        print("up to date" if before == after else "gold.json positions are stale: run locate.py")
        return 0 if before == after else 1
    GOLD.write_text(after, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
