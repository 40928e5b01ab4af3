"""The hand-made gold in examples/gold/gold.json must describe the corpus exactly.

Every quoted word, figure, date and noise line the gold names has to be found in the article
where the gold says it is; cross-article sections may only point at items the articles have.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from corpus_gold import CORPUS, EXAMPLES, article_keys, source_text

KEYS = article_keys()
SPAN_LISTS = {
    "quotes": "quote",
    "pull_quotes": "quote",
    "indirect_attributions": "content",
    "figures": "text",
    "timexes": "text",
    "non_speech_quotation_marks": "text",
}
QUOTE_TYPES = {"direct", "partial", "mixed"}
TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
TIMEX_VALUE = re.compile(
    r"^(\d{4}(-\d{2}(-\d{2}(T(\d{2}:\d{2}|MO|AF|EV|NI))?)?|-W\d{2}(-WE)?|-(SP|SU|FA|WI))?"
    r"|P(\d+|X)[DWMY]|PT(\d+|X)[HM])$"
)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _units(key: str, entry: dict[str, Any]) -> tuple[str, str]:
    return ("line", "raw") if entry["form"] == "text" else ("paragraph", "body")


def _span(key: str, entry: dict[str, Any], unit: int, start: int, end: int, unit_key: str) -> str:
    if unit_key == "line":
        raw = (CORPUS / key).read_text(encoding="utf-8")
        line_no = raw.count("\n", 0, start) + 1
        assert line_no == unit, f"{key}: offset {start} is on line {line_no}, gold says {unit}"
        return raw[start:end]
    return str(entry["body_paragraphs"][unit - 1][start:end])


def test_gold_covers_every_corpus_file(gold: dict[str, Any]) -> None:
    files = {p.name for p in CORPUS.iterdir() if p.is_file()}
    covered = {gold[k].get("file", k) for k in KEYS}
    assert files == covered
    jsonl_ids = {
        json.loads(line)["id"]
        for p in CORPUS.glob("*.jsonl")
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    assert jsonl_ids == {k for k in KEYS if gold[k]["form"] == "jsonl"}


@pytest.mark.parametrize("path", sorted(p for p in CORPUS.iterdir() if p.is_file()), ids=lambda p: p.name)
def test_corpus_file_says_it_is_fiction(path: Path) -> None:
    if path.suffix == ".gz":
        from corpus_gold import warc_payloads

        text = " ".join(payload.decode("utf-8") for _, _, payload in warc_payloads(path))
    else:
        text = path.read_text(encoding="utf-8")
    assert re.search(r"fiction", text, re.IGNORECASE), f"{path.name} does not say it is fiction"


@pytest.mark.parametrize("key", KEYS)
def test_article_metadata_is_well_formed(gold: dict[str, Any], key: str) -> None:
    entry = gold[key]
    assert entry["form"] in {"text", "html", "jsonl", "feed", "warc"}
    for field in ("publication_date", "reference_date"):
        if entry[field] is not None:
            date.fromisoformat(entry[field])
    assert entry["reference_date"] is not None
    if entry["form"] != "text":
        assert entry["url"].startswith("https://") and ".example/" in entry["url"]
        assert entry["outlet"] and entry["title"]


@pytest.mark.parametrize("key", [k for k in KEYS if k.endswith(".txt")])
def test_boilerplate_lines_match_the_raw_file(gold: dict[str, Any], key: str) -> None:
    lines = (CORPUS / key).read_text(encoding="utf-8").split("\n")
    detail = gold[key]["boilerplate_detail"]
    assert detail, "a text dump without noise lines"
    for item in detail:
        assert lines[item["line"] - 1] == item["text"], f"line {item['line']}"
        assert item["category"] and isinstance(item["required"], bool)
    assert len({item["line"] for item in detail}) == len(detail)
    for caption in gold[key].get("duplicated_caption_lines", []):
        assert lines.count(caption) == 2
        assert sum(1 for item in detail if item["text"] == caption) == 2
    for marked in gold[key].get("markdown_emphasis", []):
        assert marked in "\n".join(lines)


@pytest.mark.parametrize("key", [k for k in KEYS if not k.endswith(".txt")])
def test_body_paragraphs_and_noise_occur_in_the_source(gold: dict[str, Any], key: str) -> None:
    entry = gold[key]
    text = re.sub(r"\s+", " ", source_text(key, entry))
    for para in entry["body_paragraphs"]:
        assert para in text, f"body paragraph not in the source: {para[:60]!r}"
    body = "\n".join(entry["body_paragraphs"])
    for snippet in entry["noise_snippets"]:
        assert snippet in text, f"noise snippet not in the source: {snippet!r}"
        assert snippet not in body, f"noise snippet inside the body: {snippet!r}"


@pytest.mark.parametrize("key", KEYS)
def test_every_span_reproduces_its_text(gold: dict[str, Any], key: str) -> None:
    entry = gold[key]
    unit_key, _ = _units(key, entry)
    for list_name, text_key in SPAN_LISTS.items():
        for item in entry.get(list_name, []):
            words = item[text_key]
            assert words == words.strip(), f"{list_name}: untrimmed {words!r}"
            got = _span(key, entry, item[unit_key], item["start"], item["end"], unit_key)
            assert got == words, f"{list_name}: {words!r} != {got!r}"
            if "speaker_mention" in item:
                mention = _span(
                    key,
                    entry,
                    item[f"speaker_mention_{unit_key}"],
                    item["speaker_mention_start"],
                    item["speaker_mention_end"],
                    unit_key,
                )
                assert mention == item["speaker_mention"]


def _unit_text(key: str, entry: dict[str, Any], item: dict[str, Any]) -> tuple[str, int, int]:
    """The text the item's offsets index, and the offsets."""
    if entry["form"] == "text":
        return (CORPUS / key).read_text(encoding="utf-8"), item["start"], item["end"]
    return entry["body_paragraphs"][item["paragraph"] - 1], item["start"], item["end"]


@pytest.mark.parametrize("key", KEYS)
def test_quotes_are_well_formed(gold: dict[str, Any], key: str) -> None:
    entry = gold[key]
    for item in entry["quotes"] + entry["pull_quotes"]:
        assert item["type"] in QUOTE_TYPES
        assert item["speaker"] and item["cue"] and item["speaker_mention"]
        text, start, end = _unit_text(key, entry, item)
        if item.get("open_mark"):
            assert text[start - 1] == item["open_mark"], f"no opening mark before {item['quote'][:40]!r}"
        if item.get("close_mark"):
            assert item["close_mark"] in text[end : end + 2], f"no closing mark after {item['quote'][:40]!r}"
        if item.get("open_mark") and item.get("close_mark") is None:
            rest = text[end:].split("\n", 1)[0]
            assert item["open_mark"] not in rest and "”" not in rest[:2], (
                "the gold says this quote is left open"
            )
    for item in entry["indirect_attributions"]:
        assert item["speaker"] and item["cue"] and isinstance(item["mixed"], bool)
        if item["mixed"]:  # reported speech that carries quoted words
            assert re.search("[“”\"']", item["content"]), item["content"]


@pytest.mark.parametrize("key", KEYS)
def test_figures_and_timexes_are_well_formed(gold: dict[str, Any], key: str) -> None:
    entry = gold[key]
    for fig in entry["figures"]:
        assert isinstance(fig["value"], int | float) and fig["about"]
        assert fig["unit"] in {None, "day", "km", "percent", "USD"}
        assert fig["qualifier"] in {None, "about", "up to", "more than", "at least", "nearly"}
    ref = date.fromisoformat(entry["reference_date"])
    for tx in entry["timexes"]:
        assert tx["type"] in TIMEX_TYPES
        assert TIMEX_VALUE.match(tx["value"]), tx
        assert tx["resolution"] in {"explicit", "relative", "unresolved"}
        words = tx["text"].lower().split()
        day = next((WEEKDAYS.index(w) for w in words if w in WEEKDAYS), None)
        if day is not None:  # a weekday name resolves to that weekday within a week of the article
            when = date.fromisoformat(tx["value"][:10])
            assert when.weekday() == day and abs(when - ref) < timedelta(days=7), tx
            if "last" in words:
                assert when < ref


def _quotes_by_source(gold: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {k: gold[k]["quotes"] for k in KEYS}


def test_utterance_groups_point_at_gold_quotes(gold: dict[str, Any]) -> None:
    quotes = _quotes_by_source(gold)
    grouped: set[tuple[str, str]] = set()
    for group in gold["utterance_groups"]:
        assert group["speaker"] and group["canonical"]
        for r in group["renderings"]:
            assert r["relation"] in {"verbatim", "trimmed", "reworded", "merged", "partial"}
            hits = [q for q in quotes[r["source"]] if q["quote"] == r["quote"]]
            assert hits, f"{group['id']}: {r['source']} has no quote {r['quote'][:40]!r}"
            assert all(q.get("utterance") == group["id"] for q in hits)
            assert all(q["speaker"] == group["speaker"] for q in hits)
            grouped.add((r["source"], r["quote"]))
        dates = {r["source"]: gold[r["source"]]["publication_date"] for r in group["renderings"]}
        earliest = min(d for d in dates.values() if d)
        assert group["earliest_publication_date"] == earliest
        assert set(group["earliest_sources"]) == {s for s, d in dates.items() if d == earliest}
    tagged = {(k, q["quote"]) for k, qs in quotes.items() for q in qs if q.get("utterance")}
    assert tagged == grouped


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower().replace("’", "'").replace("‘", "'")))


def _sentence_runs(text: str) -> set[str]:
    """Word strings of every run of whole consecutive sentences of ``text``."""
    sents = [_words(s) for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    return {" ".join(sents[i:j]) for i in range(len(sents)) for j in range(i + 1, len(sents) + 1)}


def test_rendering_relations_follow_from_the_words(gold: dict[str, Any]) -> None:
    quote_type = {(k, q["quote"]): q["type"] for k in KEYS for q in gold[k]["quotes"]}
    for group in gold["utterance_groups"]:
        canonical = _words(group["canonical"])
        whole = _sentence_runs(group["canonical"])
        for r in group["renderings"]:
            got, relation = _words(r["quote"]), r["relation"]
            if relation == "verbatim":
                assert got in whole, (group["id"], r)
            elif relation == "trimmed":
                assert got in canonical and got not in whole, (group["id"], r)
            elif relation == "partial":
                assert quote_type[(r["source"], r["quote"])] == "partial", (group["id"], r)
            else:
                assert got not in canonical, (group["id"], r)


def test_facts_point_at_gold_figures(gold: dict[str, Any]) -> None:
    for fact in gold["facts"]:
        values = {v["value"] for v in fact["values"]}
        assert fact["status"] == ("agree" if len(values) == 1 else "differ"), fact["id"]
        assert len({v["source"] for v in fact["values"]}) == len(fact["values"])
        for v in fact["values"]:
            figs = [f for f in gold[v["source"]]["figures"] if f["text"] == v["text"]]
            assert len(figs) == 1, (fact["id"], v)
            fig = figs[0]
            assert (fig["value"], fig["qualifier"], fig["unit"], fig.get("fact")) == (
                v["value"],
                v["qualifier"],
                fact["unit"],
                fact["id"],
            )
    linked = {(k, f["text"]) for k in KEYS for f in gold[k]["figures"] if f.get("fact")}
    listed = {(v["source"], v["text"]) for fact in gold["facts"] for v in fact["values"]}
    assert linked == listed


def test_duplicates_story_and_timeline_name_real_articles(gold: dict[str, Any]) -> None:
    for dup in gold["near_duplicates"]:
        assert dup["original"] in KEYS and dup["copy"] in KEYS
        assert gold[dup["copy"]]["syndicated_from"] == dup["original"]
        a = set(" ".join(gold[dup["original"]]["body_paragraphs"]).split())
        b = set(" ".join(gold[dup["copy"]]["body_paragraphs"]).split())
        assert len(a & b) / len(a | b) > 0.9
    assert sorted(gold["story"]["sources"]) == sorted(KEYS)
    for item in gold["timeline"]:
        assert all(s in KEYS for s in item["sources"])
    whens = [item["when"] for item in gold["timeline"]]
    assert whens == sorted(whens)


def test_corpus_does_not_copy_the_seeds() -> None:
    seeds = EXAMPLES.parent.parent / "shared" / "seeds"
    if not seeds.is_dir():
        seeds = Path("/work/shared/seeds")
    if not seeds.is_dir():
        pytest.skip("the seed articles are not beside this checkout")

    def shingles(text: str) -> set[tuple[str, ...]]:
        ws = re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))
        return {tuple(ws[i : i + 8]) for i in range(len(ws) - 7)}

    seed = set().union(*(shingles(p.read_text(errors="replace")) for p in seeds.glob("*.txt")))
    for path in sorted(EXAMPLES.rglob("*")):
        if path.is_file() and path.suffix != ".gz":
            assert not shingles(path.read_text(encoding="utf-8")) & seed, path


@pytest.mark.parametrize("script", ["make_warc.py", "gold/locate.py"])
def test_generated_files_are_up_to_date(script: str) -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


_MARKED = re.compile(r"“([^”]*)”|(?<!\w)\"([^\"]*)\"|‘([^’]*)’|(?<!\w)'([^']*?)'(?!\w)")


@pytest.mark.parametrize("key", KEYS)
def test_every_closed_pair_of_marks_is_annotated(gold: dict[str, Any], key: str) -> None:
    """Words between a pair of quotation marks in the body are a gold quote or marked not speech."""
    entry = gold[key]
    if entry["form"] == "text":
        noise = {item["line"] for item in entry["boilerplate_detail"]}
        lines = (CORPUS / key).read_text(encoding="utf-8").split("\n")
        units = [ln for n, ln in enumerate(lines, 1) if n not in noise]
    else:
        units = list(entry["body_paragraphs"])
    items = entry["quotes"] + entry["pull_quotes"]
    known = {q["quote"].rstrip(".,") for q in items} | {
        n["text"] for n in entry["non_speech_quotation_marks"]
    }
    for unit in units:
        for match in _MARKED.finditer(unit):
            words = next(g for g in match.groups() if g is not None).rstrip(".,")
            assert words in known, f"{key}: marked words not in the gold: {words[:60]!r}"
