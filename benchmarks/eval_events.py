"""Event extraction accuracy on the PLOVER gold-standard records (sentence level).

    python benchmarks/eval_events.py [--data ../shared/eval/data/plover_dev.jsonl] [--errors] [--kinds] [--ablate]

The data has one file only, so it is split in two halves by a hash of each record id
(``half_of``): the *development* half is the one rules and word lists may be read and tuned
against, the *held-out* half only measures. Both halves and the whole are reported; the
SUMMARY line is the whole file.

Scores, per sentence:

- type: predicted event types matched one-to-one with the gold types (micro P / R / F1);
- source / target: for a matched event, the predicted source span overlaps a gold actor span,
  the predicted target span a gold recipient span (target only where gold names one);
- actor country: for a matched event, each gold side (actors, recipients) that carries a
  country code (not IGO / NGO and the like) is right when the predicted source (target) has
  that country;
- mode: for a matched event whose gold names a PLOVER mode, the predicted mode is that one;
- location country: for a matched event whose gold location has a country (its ISO code, or
  the location is itself a country name), the event's predicted location has that country;
  "location found" counts predicted locations that overlap any gold location span.

``--kinds`` tabulates the development half's errors by kind (``miss_kind``, ``country_kind``):
a missed type by what its cue is to the lexicon (a verb or noun it does not know, one it knows
as another type, one it knows but the event was not reported) or a wrong type at the same
trigger; a wrong or missing actor country by the participant found (none, another one) and by
what the gold participant is (a demonym or nationality word, a city standing for its
government, a country name, a person or office title, an organisation or group).

``--ablate`` measures what each trigger entry of the lexicon carries: every verb, noun and
verb + particle that fires somewhere in the data is taken out in turn, the events are found
again on the same parses, and the change in matched types (tp) and in predictions that match
no gold type (extra) is printed for each half. An entry whose removal loses no tp but drops
extras on the development half costs precision there; only counts are printed, no sentences.

The data is evaluation data, read only when present.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT = next(
    (
        p / "shared" / "eval" / "data" / "plover_dev.jsonl"
        for p in Path(__file__).resolve().parents
        if (p / "shared" / "eval").is_dir()
    ),
    Path("../shared/eval/data/plover_dev.jsonl"),
)
NON_COUNTRY_CODES = frozenset({"IGO", "NGO", "MNC", "UAF", "REB", "INT", "UNK"})


def half_of(record_id: str) -> str:
    """'dev' or 'held-out', fixed by the record id (leading hash bits, so it is balanced)."""
    return "dev" if int(hashlib.sha256(record_id.encode()).hexdigest()[:8], 16) % 2 == 0 else "held-out"


def _overlaps(a: tuple[int, int] | None, spans: list[list[int]]) -> bool:
    return a is not None and any(a[0] < e and s < a[1] for s, e in spans)


def _codes(side: list[dict[str, Any]]) -> set[str]:
    return {a["code"] for a in side if a.get("code") and a["code"] not in NON_COUNTRY_CODES}


def _gold_location_country(loc: dict[str, Any] | None) -> str | None:
    if not loc:
        return None
    import pycountry

    if loc.get("country_code_iso2"):
        country = pycountry.countries.get(alpha_2=loc["country_code_iso2"])
        return country.alpha_3 if country else None
    try:
        return str(pycountry.countries.lookup(loc["text"]).alpha_3)
    except LookupError:
        return None


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    tp: int = 0
    src_ok: int = 0
    tgt_n: int = 0
    tgt_ok: int = 0
    cc_n: int = 0
    cc_ok: int = 0
    loc_n: int = 0
    loc_ok: int = 0
    loc_spans: int = 0
    loc_found: int = 0
    mode_n: int = 0
    mode_ok: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def line(self, name: str) -> str:
        p, r, f = self.prf()
        return (
            f"{name:9} gold {self.gold:3} pred {self.pred:3} P={p:.3f} R={r:.3f} F1={f:.3f} "
            f"source={_ratio(self.src_ok, self.tp)} target={_ratio(self.tgt_ok, self.tgt_n)} "
            f"actor-country={_ratio(self.cc_ok, self.cc_n)} ({self.cc_n}) "
            f"location-country={_ratio(self.loc_ok, self.loc_n)} ({self.loc_n}) "
            f"location-found={_ratio(self.loc_found, self.loc_spans)} ({self.loc_spans}) "
            f"mode={_ratio(self.mode_ok, self.mode_n)} ({self.mode_n})"
        )


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def _tokens(doc: Any, spans: list[list[int]]) -> list[Any]:
    return [t for t in doc if any(s < t.idx + len(t.text) and t.idx < e for s, e in spans)]


def miss_kind(doc: Any, g: dict[str, Any], events: list[Any]) -> str:
    """Why a gold event was missed: a wrong type at its trigger, or what its cue is to the lexicon."""
    from storyline.nlp.events.lexicon import load_lexicon
    from storyline.nlp.events.triggers import verb_lemma

    spans = [x["span"] for x in g.get("event_spans") or [] if x.get("span")]
    at = [p for p in events if _overlaps((p.start, p.end), spans)]
    if at:
        return f"wrong type at the trigger ({at[0].event_type} for {g['event_type']})"
    lex = load_lexicon()
    known: set[str] = set()
    pos = "other"
    for t in _tokens(doc, spans):
        lemma = verb_lemma(t, lex.known_verbs)
        pos = "verb" if t.pos_ in ("VERB", "AUX") else "noun" if t.pos_ == "NOUN" else pos
        found = lex.verbs.get(lemma) or lex.nouns.get(lemma) or lex.nouns.get(t.lower_)
        found = found or next((k for (v, _), k in lex.particles.items() if v == lemma), None)
        if found:
            known.add(found)
    if g["event_type"] in known:
        return "cue known, event not reported (syntax, modality or a filter)"
    if known:
        return "cue known as another type"
    return f"cue not in the lexicon ({pos})"


def country_kind(doc: Any, side: list[dict[str, Any]], span: tuple[int, int] | None, got: str | None) -> str:
    """Why a side's actor country is wrong: the participant found, then what the gold one is."""
    from storyline.nlp.places import load_places

    if span is None:
        return "country: no participant found"
    gold = [a for a in side if a.get("span") and _overlaps(span, [a["span"]])]
    if not gold:
        return "country: another participant found"
    text = gold[0]["text"]
    places = load_places()
    if places.country_of_adjective(text) or places.country_of_adjective(text.rstrip("s")):
        what = "demonym / nationality word"
    elif places.country_of_name(text):
        what = "country name"
    elif places.cities_named(text.removeprefix("the ").removeprefix("The ")):
        what = "city for its government"
    else:
        ents = {e.label_ for e in doc.ents if e.start_char < span[1] and span[0] < e.end_char}
        found = doc.char_span(span[0], span[1], alignment_mode="expand")
        head = found.root if found is not None else None
        if "PERSON" in ents or (head is not None and head.ent_type_ == "PERSON"):
            what = "person / office title"
        elif "ORG" in ents or (head is not None and head.pos_ == "PROPN"):
            what = "organisation or group"
        else:
            what = "common noun phrase"
    return f"country {'missing' if got is None else 'wrong'}: {what}"


def score(rec: dict[str, Any], events: list[Any], tally: Tally, errors: bool, doc: Any = None) -> None:
    gold = rec["gold_events"]
    tally.pred += len(events)
    tally.gold += len(gold)
    unmatched = list(events)
    text = rec["text"]
    for g in gold:
        hit = next((p for p in unmatched if p.event_type == g["event_type"]), None)
        loc = g.get("location")
        if loc and loc.get("span"):
            tally.loc_spans += 1
            if any(
                _overlaps((p.where_start, p.where_end), [loc["span"]])
                for p in events
                if p.where_start is not None
            ):
                tally.loc_found += 1
        if hit is None:
            got = ",".join(p.event_type for p in events) or "-"
            tally.confusion[(g["event_type"], got)] += 1
            if doc is not None:
                tally.kinds[miss_kind(doc, g, events)] += 1
            if errors:
                print(f"MISS {g['event_type']:9} got {got:20} {text[:110]}")
            continue
        unmatched.remove(hit)
        tally.tp += 1
        if g.get("mode"):
            tally.mode_n += 1
            tally.mode_ok += hit.mode == g["mode"]
        src = (hit.actor_start, hit.actor_end) if hit.actor_start is not None else None
        tgt = (hit.target_start, hit.target_end) if hit.target_start is not None else None
        if _overlaps(src, [a["span"] for a in g["actors"] if a.get("span")]):
            tally.src_ok += 1
        elif errors:
            print(f"SOURCE {g['event_type']:9} got {hit.actor_text!r} in {text[:110]}")
        recips = [a["span"] for a in g["recipients"] if a.get("span")]
        if recips:
            tally.tgt_n += 1
            tally.tgt_ok += _overlaps(tgt, recips)
        for name, side, got_cc, span in (
            ("source", g["actors"], hit.actor_country, src),
            ("target", g["recipients"], hit.target_country, tgt),
        ):
            codes = _codes(side)
            if codes:
                tally.cc_n += 1
                tally.cc_ok += got_cc in codes
                if got_cc not in codes and doc is not None:
                    kind = country_kind(doc, side, span, got_cc)
                    tally.kinds[kind] += 1
                    if errors:
                        said = hit.actor_text if name == "source" else hit.target_text
                        print(
                            f"COUNTRY {name} want {sorted(codes)} got {got_cc} ({said!r}) [{kind}] in {text[:160]}"
                        )
        want = _gold_location_country(loc)
        if want:
            tally.loc_n += 1
            tally.loc_ok += hit.where_country == want
            if errors and hit.where_country != want:
                print(f"PLACE want {want} got {hit.where_country} ({hit.where!r}) {text[:90]}")
    for p in unmatched:
        tally.kinds[f"extra {p.event_type}"] += doc is not None
        if errors:
            print(f"EXTRA {p.event_type:9} {p.text!r} in {text[:100]}")


def type_counts(gold: list[dict[str, Any]], types: list[str]) -> tuple[int, int]:
    """Types matched one-to-one with the gold types, and predictions left over (extras)."""
    left = list(types)
    tp = 0
    for g in gold:
        if g["event_type"] in left:
            left.remove(g["event_type"])
            tp += 1
    return tp, len(left)


def _entries_fired(doc: Any, lex: Any) -> set[tuple[str, str]]:
    """The lexicon entries ("verb", lemma) / ("noun", lemma) / ("particle", "verb particle") a
    Doc's tokens could fire, including a verb through a noun derived from it."""
    from storyline.nlp.events.lexicon import nominalised_verb
    from storyline.nlp.events.triggers import verb_lemma

    out: set[tuple[str, str]] = set()
    for t in doc:
        lemma = verb_lemma(t, lex.known_verbs)
        for form in (lemma, t.lower_):
            if form in lex.verbs:
                out.add(("verb", form))
            if form in lex.nouns:
                out.add(("noun", form))
            if (verb := nominalised_verb(form, lex)) is not None:
                out.add(("verb", verb))
        for c in t.children:
            if (lemma, c.lower_) in lex.particles:
                out.add(("particle", f"{lemma} {c.lower_}"))
    return out


def _without(lex: Any, entry: tuple[str, str]) -> Any:
    from dataclasses import replace

    kind, word = entry
    if kind == "verb":
        return replace(lex, verbs={k: v for k, v in lex.verbs.items() if k != word})
    if kind == "noun":
        return replace(lex, nouns={k: v for k, v in lex.nouns.items() if k != word})
    pair = tuple(word.split(" ", 1))
    return replace(lex, particles={k: v for k, v in lex.particles.items() if k != pair})


def ablate(records: list[dict[str, Any]], docs: list[Any]) -> None:
    """Leave each fired lexicon entry out in turn; print its weight on each half."""
    from storyline.nlp.events.annotate import unquoted
    from storyline.nlp.events.lexicon import load_lexicon
    from storyline.nlp.events.triggers import find_events

    lex = load_lexicon()

    def counts(lexicon: Any, which: list[int]) -> dict[str, list[int]]:
        per = {"dev": [0, 0], "held-out": [0, 0]}
        for i in which:
            types = [m.event_type for m in unquoted(docs[i], find_events(docs[i], lexicon))]
            tp, extra = type_counts(records[i]["gold_events"], types)
            half = per[half_of(records[i]["id"])]
            half[0] += tp
            half[1] += extra
        return per

    fired: dict[tuple[str, str], list[int]] = {}
    for i, doc in enumerate(docs):
        for entry in _entries_fired(doc, lex):
            fired.setdefault(entry, []).append(i)
    print("ablation: entry, then per half the change in tp and in extras when it is left out")
    rows = []
    for entry, which in sorted(fired.items()):
        base = counts(lex, which)
        cut = counts(_without(lex, entry), which)
        delta = {h: (cut[h][0] - base[h][0], cut[h][1] - base[h][1]) for h in base}
        if any(x for pair in delta.values() for x in pair):
            rows.append((entry, delta))
    for (kind, word), d in sorted(rows, key=lambda r: (r[1]["dev"], r[1]["held-out"], r[0])):
        print(
            f"  {kind:8} {word:22} dev tp {d['dev'][0]:+d} extra {d['dev'][1]:+d}   "
            f"held-out tp {d['held-out'][0]:+d} extra {d['held-out'][1]:+d}"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--errors", action="store_true", help="print misses (development half only)")
    ap.add_argument("--kinds", action="store_true", help="tabulate errors by kind (development half only)")
    ap.add_argument("--ablate", action="store_true", help="leave each fired lexicon entry out in turn")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"no evaluation data at {args.data}; nothing to measure")
        return 0
    from storyline.nlp.convert import doc_to_analysis
    from storyline.nlp.pipeline import build_nlp

    nlp = build_nlp()
    records = [json.loads(x) for x in args.data.read_text(encoding="utf-8").splitlines() if x.strip()]
    tallies = {"dev": Tally(), "held-out": Tally(), "all": Tally()}
    docs = []
    for rec, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        if args.ablate:
            docs.append(doc)
        events = list(doc_to_analysis(doc, rec["id"]).events)
        part = half_of(rec["id"])
        score(
            rec,
            events,
            tallies[part],
            errors=args.errors and part == "dev",
            doc=doc if part == "dev" else None,
        )
        score(rec, events, tallies["all"], errors=False)
    for name, t in tallies.items():
        print(t.line(name))
    print("most common misses (dev half):", tallies["dev"].confusion.most_common(8))
    if args.kinds:
        kinds = tallies["dev"].kinds
        print("errors by kind (dev half):")
        for kind, n in sorted(kinds.items(), key=lambda kv: (kv[0].startswith("extra"), -kv[1], kv[0])):
            if n:
                print(f"  {n:3}  {kind}")
    if args.ablate:
        ablate(records, docs)
    t = tallies["all"]
    p, r, f = t.prf()
    print(
        f"SUMMARY events type P={p:.3f} R={r:.3f} F1={f:.3f} "
        f"source-accuracy={t.src_ok / t.tp if t.tp else 0:.3f} "
        f"actor-country={t.cc_ok / t.cc_n if t.cc_n else 0:.3f} "
        f"location-country={t.loc_ok / t.loc_n if t.loc_n else 0:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
