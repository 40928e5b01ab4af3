from __future__ import annotations

import json
from pathlib import Path

import jsonschema_rs
import pytest

from storyline.report import write_dossier


def _errors(schema: dict[str, object], data: object) -> list[str]:
    return [str(e) for e in jsonschema_rs.validator_for(schema).iter_errors(data)]


@pytest.mark.parametrize("fixture", ["corpus", "hostile_corpus"])
def test_dossier_json_validates_against_schema(
    fixture: str, request: pytest.FixtureRequest, tmp_path: Path, schema: dict[str, object]
) -> None:
    stories, articles, analyses = request.getfixturevalue(fixture)
    paths = write_dossier(tmp_path, stories, articles, analyses)
    assert [p.name for p in paths] == ["dossier.json", "dossier.html"]
    data = json.loads(paths[0].read_text("utf-8"))
    assert _errors(schema, data) == []
    assert data["stories"], "the fixture articles form a story"


def test_dossier_schema_rejects_a_broken_dossier(corpus, tmp_path: Path, schema: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    stories, articles, analyses = corpus
    data = json.loads(write_dossier(tmp_path, stories, articles, analyses)[0].read_text("utf-8"))
    data["stories"][0]["facts"][0]["status"] = "maybe"
    assert _errors(schema, data)


def test_dossier_items_point_at_their_source_text(corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stories, articles, analyses = corpus
    data = json.loads(write_dossier(tmp_path, stories, articles, analyses)[0].read_text("utf-8"))
    texts = {a["article_id"]: a["text"] for a in data["articles"]}
    story = data["stories"][0]
    items = [*story["timeline"], *(v for f in story["facts"] for v in f["values"])]
    items += [r for u in story["utterances"] for r in u["renderings"]]
    assert items
    for it in items:
        assert texts[it["article_id"]][it["start"] : it["end"]] == it["text"]
    (u,) = [u for u in story["utterances"] if len(u["renderings"]) > 1]
    assert {r["relation"] for r in u["renderings"]} == {"verbatim", "trimmed"}
    assert u["earliest_article_id"] == "art0"
    (fact,) = story["facts"]
    assert fact["status"] == "differ"
