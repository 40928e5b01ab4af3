"""The outlet and date a user states (--outlet, --published, --sources) and the ones a story
states of itself (wire dateline, credit lines). Fictional outlets and places only."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.errors import ConfigError
from storyline.ingest.article import build_article
from storyline.ingest.credits import credit_outlet, wire_dateline
from storyline.ingest.sources import SourceInfo, apply_sources, load_sources, parse_sources
from storyline.models import Article, IngestProblem

BODY = (
    "The harbour board of Velmore voted on Tuesday to close the north quay for repairs.\n\n"
    "Its chair, Idris Pellow, said the work would take about six weeks and cost the town little."
)


def test_wire_dateline_gives_outlet_and_date() -> None:
    d = wire_dateline("VELMORE, 3 June 2026 (Tarn Wire) — The harbour board voted.")
    assert d is not None
    assert (d.place, d.outlet, d.published) == ("VELMORE", "Tarn Wire", date(2026, 6, 3))
    d = wire_dateline("PORT ELKE, Varnland (TW) — The board voted.")
    assert d is not None and d.outlet == "TW" and d.published is None


@pytest.mark.parametrize(
    "text",
    [
        "The harbour board (in a short note) — said nothing.",
        "Velmore and Keston (the two towns) — share a quay.",
        "The board voted on Tuesday to close the quay.",
    ],
)
def test_ordinary_sentences_are_no_dateline(text: str) -> None:
    assert wire_dateline(text) is None


def test_credit_lines_name_the_outlet() -> None:
    assert credit_outlet(BODY + "\n© 2026 The Velmore Beacon. All rights reserved.") == "The Velmore Beacon"
    assert credit_outlet(BODY + "\nFollow Keston Radio on social media for updates") == "Keston Radio"
    assert credit_outlet(BODY) is None


def test_build_article_reads_the_dateline_only_where_metadata_is_missing() -> None:
    raw = "VELMORE, 3 June 2026 (Tarn Wire) — " + BODY
    art = build_article(raw, source="a.txt", kind="text")
    assert isinstance(art, Article)
    assert (art.outlet, art.published) == ("Tarn Wire", date(2026, 6, 3))
    art = build_article(raw, source="a.txt", kind="text", outlet="Keston Radio", published=date(2026, 6, 5))
    assert isinstance(art, Article)
    assert (art.outlet, art.published) == ("Keston Radio", date(2026, 6, 5))


def test_sources_csv_and_json() -> None:
    csv_map = parse_sources(
        "file,outlet,published\na.txt,Tarn Wire,2026-06-03\nb.txt,Keston Radio,\n", kind="csv"
    )
    assert csv_map["a.txt"] == SourceInfo("Tarn Wire", date(2026, 6, 3))
    assert csv_map["b.txt"] == SourceInfo("Keston Radio", None)
    json_map = parse_sources(
        json.dumps({"a.txt": {"outlet": "Tarn Wire", "date": "2026-06-03"}}), kind="json"
    )
    assert json_map == {"a.txt": SourceInfo("Tarn Wire", date(2026, 6, 3))}
    with pytest.raises(ConfigError):
        parse_sources("file,outlet,published\na.txt,X,3rd of June\n", kind="csv")
    with pytest.raises(ConfigError):
        parse_sources("outlet\nX\n", kind="csv")


def test_apply_sources_mapping_wins_over_the_run_wide_values() -> None:
    a = Article(article_id="1", source="in/a.txt", text="x", outlet="velmore.example")
    b = Article(article_id="2", source="in/b.txt", text="y")
    problem = IngestProblem(source="in/c.bin", problem="binary")
    out = list(
        apply_sources(
            [a, b, problem],
            outlet="Keston Radio",
            published=date(2026, 6, 4),
            sources={"a.txt": SourceInfo("Tarn Wire", date(2026, 6, 3))},
        )
    )
    assert isinstance(out[0], Article) and (out[0].outlet, out[0].published) == (
        "Tarn Wire",
        date(2026, 6, 3),
    )
    assert isinstance(out[1], Article) and (out[1].outlet, out[1].published) == (
        "Keston Radio",
        date(2026, 6, 4),
    )
    assert out[2] is problem


def test_extract_takes_outlet_and_sources(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY.replace("Velmore", "Keston"), encoding="utf-8")
    mapping = tmp_path / "sources.csv"
    mapping.write_text("file,outlet,published\nb.txt,The Keston Beacon,2026-06-02\n", encoding="utf-8")
    assert load_sources(mapping)["b.txt"].outlet == "The Keston Beacon"
    result = CliRunner().invoke(
        app,
        ["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--skip-nlp", "-q",
         "--outlet", "Tarn Wire", "--published", "2026-06-01", "--sources", str(mapping)],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    got = {Path(r["source"]).name: (r["outlet"], r["published"]) for r in rows}
    assert got == {"a.txt": ("Tarn Wire", "2026-06-01"), "b.txt": ("The Keston Beacon", "2026-06-02")}


WIRE_BODY = (
    "The harbour board of Velmore voted on Tuesday to close the north quay for six weeks of repairs, "
    "its chair Idris Pellow said, adding that ferries would use the south pier while divers checked "
    "the old piles and the town council found the money for new fenders and lights on the quay."
)


@pytest.mark.parametrize("copy_date", [None, date(2026, 6, 3), date(2026, 6, 4)])
def test_the_wire_original_is_never_the_copy_of_its_syndicated_version(copy_date: date | None) -> None:
    from storyline.link.duplicates import find_duplicates

    original = build_article(
        "VELMORE, 3 June 2026 (Tarn Wire) — " + WIRE_BODY, source="wire.txt", kind="text"
    )
    copy = build_article(
        "VELMORE (Tarn Wire) — " + WIRE_BODY + " More on our site.",
        source="keston.html",
        kind="html",
        outlet="The Keston Daily",
        published=copy_date,
    )
    assert isinstance(original, Article) and isinstance(copy, Article)
    assert (original.outlet, original.published) == ("Tarn Wire", date(2026, 6, 3))
    for order in ([original, copy], [copy, original]):
        assert find_duplicates(order) == {copy.article_id: original.article_id}
