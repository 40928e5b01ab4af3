"""Train the reported-speech models (cue and content) on PolNeAR and write their weights.

    .venv/bin/python scripts/train_quotes.py \
        --gold ../shared/eval/data/polnear_train.jsonl \
        --out src/storyline/nlp/quotes/model/reported.json [--cache /tmp/quotes-train]

Needs scikit-learn (``pip install -e '.[train]'``); the package itself only reads the JSON
weights this writes. The article texts are cleaned and parsed exactly as ``storyline extract``
does, once, and the parsed Docs cached in ``--cache`` so reruns take a minute. Thresholds are
chosen on a held-out tenth of the training articles, then both models are refitted on all of
them. The gold offsets point into the raw texts; they are carried into the cleaned texts by a
character alignment.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin

WORD = re.compile(r"\w+")
MIN_OVERLAP = 0.5  # the scorer's match criterion: shared words / the longer span's words


def _words(text: str) -> Counter[str]:
    return Counter(WORD.findall(text.lower()))


def overlap(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return sum((wa & wb).values()) / max(sum(wa.values()), sum(wb.values()))


def clean_texts(gold: list[dict[str, Any]]) -> list[str]:
    """The texts as ``storyline extract`` would analyse them."""
    from storyline import services
    from storyline.settings import load_settings

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for d in gold:
                f.write(json.dumps({"id": d["doc_id"], "text": d["text"]}) + "\n")
        texts: dict[str, str] = {}
        for item in services.read_articles([str(path)], load_settings()):
            source = getattr(item, "source", None)
            if hasattr(item, "text") and source is not None:
                texts[source] = item.text
    return [texts.get(d["doc_id"], "") for d in gold]


def parsed(gold: list[dict[str, Any]], cache: Path | None) -> tuple[list[Doc], list[str]]:
    from storyline.nlp.pipeline import build_nlp

    nlp = build_nlp(components=())
    key = hashlib.sha256("".join(d["doc_id"] for d in gold).encode()).hexdigest()[:16]
    if cache is not None and (cache / f"{key}.spacy").is_file():
        docs = list(DocBin().from_disk(cache / f"{key}.spacy").get_docs(nlp.vocab))
        return docs, [d.text for d in docs]
    texts = clean_texts(gold)
    docs = list(nlp.pipe(texts, batch_size=16))
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        db = DocBin()
        for doc in docs:
            db.add(doc)
        db.to_disk(cache / f"{key}.spacy")
    return docs, texts


def char_map(src: str, dst: str) -> list[int]:
    """For every offset of ``src`` (and its end), the matching offset in ``dst``. Cleaning
    changes whitespace and drops whole lines, so the texts are aligned on their non-space
    characters."""
    sp = [k for k, ch in enumerate(src) if not ch.isspace()]
    dp = [k for k, ch in enumerate(dst) if not ch.isspace()]
    a = "".join(src[k] for k in sp)
    b = "".join(dst[k] for k in dp)
    nonspace = [0] * len(a)  # index into b for each index into a
    if a == b:
        nonspace = list(range(len(a)))
    else:
        for tag, i1, i2, j1, _j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
            for k in range(i1, i2):
                nonspace[k] = j1 + (k - i1 if tag == "equal" else 0)
    out = [0] * (len(src) + 1)
    n = 0
    for k in range(len(src) + 1):
        while n < len(sp) and sp[n] < k:
            n += 1
        if n < len(sp):
            m = nonspace[n]
            out[k] = dp[m] if m < len(dp) else len(dst)
        else:
            out[k] = len(dst)
    return out


def cue_head(doc: Doc, start: int, end: int) -> int | None:
    """The token that heads a cue span: the one whose parse head lies outside it, a verb first."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tops = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    tops = tops or list(span)
    verbs = [t for t in tops if t.pos_ in ("VERB", "AUX")]
    return (verbs or tops)[0].i


def instances(
    gold: list[dict[str, Any]], docs: list[Doc], texts: list[str]
) -> tuple[list[list[tuple[list[str], int]]], list[list[tuple[list[str], int]]]]:
    """Per document: (cue features, label) for every candidate token and (content features,
    label) for every candidate span of every gold cue."""
    from storyline.nlp.quotes.learned import content_candidates, content_features, cue_features, cue_pos_ok
    from storyline.nlp.quotes.marks import find_quote_spans
    from storyline.nlp.quotes.syntax import QuotedDoc

    cue_docs, content_docs = [], []
    for d, doc, text in zip(gold, docs, texts, strict=True):
        m = char_map(d["text"], text)
        qd = QuotedDoc(doc, find_quote_spans(text), text)
        heads: dict[int, list[str]] = {}
        for q in d["quotes"]:
            if q.get("cue_start") is None or q.get("quote_start") is None:
                continue
            h = cue_head(doc, m[q["cue_start"]], m[q["cue_end"]])
            if h is not None:
                heads.setdefault(h, []).append(text[m[q["quote_start"]] : m[q["quote_end"]]])
        cues = [(cue_features(qd, t), int(t.i in heads)) for t in doc if cue_pos_ok(t)]
        contents = []
        for h, golds in heads.items():
            tok = doc[h]
            cands = content_candidates(qd, tok)
            hows = [c.how for c in cands]
            for cand in cands:
                span = text[doc[cand.i].idx : doc[cand.j].idx + len(doc[cand.j])]
                best = max(overlap(g, span) for g in golds)
                contents.append((content_features(qd, tok, cand, hows), int(best >= MIN_OVERLAP)))
        cue_docs.append(cues)
        content_docs.append(contents)
    return cue_docs, content_docs


def _int32(x: Any) -> Any:
    """liblinear takes only 32-bit sparse indices."""
    import numpy as np

    x = x.tocsr()
    x.indices = x.indices.astype(np.int32)
    x.indptr = x.indptr.astype(np.int32)
    return x


def fit(rows: list[tuple[list[str], int]], c: float) -> tuple[Any, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = _int32(vec.fit_transform([dict.fromkeys(f, 1) for f, _ in rows]))
    y = [label for _, label in rows]
    # seeded: a rerun writes the same weights, byte for byte
    clf = LogisticRegression(C=c, solver="liblinear", max_iter=300, random_state=0)
    clf.fit(x, y)
    return vec, clf


def weights(vec: Any, clf: Any, min_abs: float = 0.05) -> dict[str, float]:
    """The non-zero weights by feature name; smaller than ``min_abs`` they change no figure."""
    names = vec.get_feature_names_out()
    out = {str(n): round(float(w), 4) for n, w in zip(names, clf.coef_[0], strict=True) if abs(w) >= min_abs}
    out["bias"] = round(out.get("bias", 0.0) + float(clf.intercept_[0]), 4)
    return out


def best_threshold(probs: list[float], labels: list[int]) -> tuple[float, float]:
    best = (0.5, 0.0)
    for t in [x / 100 for x in range(10, 90, 2)]:
        tp = sum(1 for p, y in zip(probs, labels, strict=True) if p >= t and y)
        pred = sum(1 for p in probs if p >= t)
        gold = sum(labels)
        f = 2 * tp / (pred + gold) if pred + gold else 0.0
        if f > best[1]:
            best = (t, f)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--cache", type=Path, help="keep parsed Docs here between runs")
    ap.add_argument("--c", type=float, default=0.5, help="inverse regularisation strength")
    args = ap.parse_args()
    t0 = time.time()
    gold = [json.loads(line) for line in args.gold.read_text("utf-8").splitlines() if line.strip()]
    docs, texts = parsed(gold, args.cache)
    print(f"parsed {len(docs)} articles in {time.time() - t0:.0f}s", file=sys.stderr)
    cue_docs, content_docs = instances(gold, docs, texts)
    held = set(range(0, len(gold), 10))  # every tenth article: thresholds are chosen on these

    def rows(per_doc: list[list[tuple[list[str], int]]], keep: bool) -> list[tuple[list[str], int]]:
        return [r for n, doc_rows in enumerate(per_doc) if (n in held) == keep for r in doc_rows]

    thresholds = {}
    for name, per_doc in (("cue", cue_docs), ("content", content_docs)):
        vec, clf = fit(rows(per_doc, False), args.c)
        test = rows(per_doc, True)
        probs = clf.predict_proba(_int32(vec.transform([dict.fromkeys(f, 1) for f, _ in test])))[
            :, 1
        ].tolist()
        t, f = best_threshold(probs, [label for _, label in test])
        thresholds[name] = t
        print(f"{name}: held-out F1 {f:.3f} at threshold {t:.2f}", file=sys.stderr)
    model: dict[str, Any] = {
        "version": "1",
        "trained_on": "PolNeAR v1.0.0 train split",
        "features": "storyline.nlp.quotes.learned",
    }
    for name, per_doc in (("cue", cue_docs), ("content", content_docs)):
        vec, clf = fit(rows(per_doc, False) + rows(per_doc, True), args.c)
        model[name] = {"threshold": thresholds[name], "weights": weights(vec, clf)}
        print(f"{name}: {len(model[name]['weights'])} weights", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {args.out} in {time.time() - t0:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
