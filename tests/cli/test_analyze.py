"""`storyline analyze`, `articles` and `show` through the real CLI and a real SQLite file.

Reading and analysis are replaced here by small stand-ins (text files become articles; a quote
is any run of words in straight double quotes) so these tests exercise the command, the store
and the batching, not the NLP; tests/cli/test_analyze_e2e.py runs the real stages.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline import services
from storyline.cli import app
from storyline.models import Article, ArticleAnalysis, IngestProblem, Quote, Removal, make_article_id
from storyline.settings import Settings
from storyline.store.sqlite import SQLiteStore

runner = CliRunner()

STORY = [
    'The ferry council met on Monday. "We will restore the night crossing," said Councillor Anya Brell.',
    "Fuel prices on the island rose for the fourth week, traders in the harbour market reported.",
    '"No timetable has been agreed," a spokesman for the operator said, adding that talks continue.',
]


def fake_read(
    inputs: Sequence[str | Path], settings: Settings, *, fetch: bool = False, published: Any = None
) -> Iterator[Article | IngestProblem]:
    for name in inputs:
        paths = sorted(Path(name).rglob("*")) if Path(name).is_dir() else [Path(name)]
        for path in paths:
            if path.is_dir():
                continue
            raw = path.read_text("utf-8")
            text = raw.replace("READ MORE\n", "").strip()
            if not text:
                yield IngestProblem(source=str(path), problem="empty file", severity="skipped")
                continue
            if "\x00" in text:
                yield IngestProblem(source=str(path), line=1, problem="binary content")
                continue
            removed = (
                (Removal(text="READ MORE", reason="teaser", raw_start=0, raw_end=9),)
                if "READ MORE" in raw
                else ()
            )
            yield Article(
                article_id=make_article_id(text),
                source=str(path),
                raw=raw,
                text=text,
                title=text.split(".")[0][:40],
                removed=removed,
                published=published,
            )


def fake_analyse(articles: Iterable[Article], settings: Settings, **kw: Any) -> Iterator[ArticleAnalysis]:
    for a in articles:
        quotes = tuple(
            Quote(
                article_id=a.article_id,
                text=m.group(1),
                start=m.start(1),
                end=m.end(1),
                kind="direct",
                speaker="Anya Brell",
            )
            for m in re.finditer(r'"([^"]+)"', a.text)
        )
        yield ArticleAnalysis(article_id=a.article_id, quotes=quotes, pipeline_version="test-1")


@pytest.fixture
def stand_ins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "read_articles", fake_read)
    monkeypatch.setattr(services, "analyse_articles", fake_analyse)
    monkeypatch.setattr(services, "_pipeline_version", lambda settings: "test-1")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    (d / "sub").mkdir(parents=True)
    for i, text in enumerate(STORY):
        (d / f"a{i}.txt").write_text("READ MORE\n" + text, "utf-8")
    (d / "sub" / "copy.txt").write_text(STORY[0], "utf-8")  # the same article again
    (d / "empty.txt").write_text("", "utf-8")
    return d


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_analyze_stores_and_summarises_as_json(stand_ins: None, corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    result = run("analyze", str(corpus), "--db", str(db), "--json", "--batch-size", "2")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["read"] == 4
    assert summary["new"] == 3
    assert summary["duplicates"] == 1
    assert summary["analysed"] == 3
    assert summary["skipped"] == 1
    assert summary["failed"] == 0
    assert summary["quotes"] == 2
    assert summary["problems"][0]["problem"] == "empty file"
    assert "empty.txt: skipped: empty file" in result.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 3
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_analyze_twice_gives_same_counts_and_skips_analysed(
    stand_ins: None, corpus: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "s.db")
    first = json.loads(run("analyze", str(corpus), "--db", db, "--json").stdout)
    second = json.loads(run("analyze", str(corpus), "--db", db, "--json").stdout)
    assert second["read"] == first["read"]
    assert second["new"] == 0
    assert second["analysed"] == 0
    assert second["already_analysed"] == 3
    assert first["stored_articles"] == second["stored_articles"] == 3
    assert first["stored_quotes"] == second["stored_quotes"] == 2
    forced = json.loads(run("analyze", str(corpus), "--db", db, "--json", "--reanalyse").stdout)
    assert (forced["new"], forced["analysed"], forced["stored_quotes"]) == (0, 3, 2)
    with SQLiteStore(db) as store:
        assert store.stats()["articles"] == 3
        assert store.stats()["quotes"] == 2


def test_analyze_summary_table_and_quiet(stand_ins: None, corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    table = run("analyze", str(corpus), "--db", db)
    assert table.exit_code == 0
    for col in ("read", "new", "skipped", "failed", "quotes", "stories"):
        assert col in table.stdout
    quiet = run("analyze", str(corpus), "--db", db, "--quiet")
    assert quiet.exit_code == 0
    assert quiet.stdout == ""


def test_analyze_nothing_readable_exits_non_zero(stand_ins: None, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", "utf-8")
    result = run("analyze", str(tmp_path / "in"), "--db", str(tmp_path / "s.db"), "--quiet")
    assert result.exit_code == 1
    assert "no article could be read" in result.stderr


def test_analyze_strict_fails_on_a_failed_input(stand_ins: None, corpus: Path, tmp_path: Path) -> None:
    (corpus / "bad.bin").write_text("abc\x00def", "utf-8")
    db = str(tmp_path / "s.db")
    lenient = run("analyze", str(corpus), "--db", db, "--quiet")
    assert lenient.exit_code == 0
    assert "bad.bin:1: failed: binary content" in lenient.stderr
    assert run("analyze", str(corpus), "--db", db, "--quiet", "--strict").exit_code == 1


def test_analyze_isolates_an_article_the_analysis_chokes_on(
    stand_ins: None, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def choking(articles: Iterable[Article], settings: Settings, **kw: Any) -> Iterator[ArticleAnalysis]:
        for a in articles:
            if "Fuel" in a.text:
                raise ValueError("cannot parse this one")
        yield from fake_analyse(articles, settings)

    monkeypatch.setattr(services, "analyse_articles", choking)
    result = run("analyze", str(corpus), "--db", str(tmp_path / "s.db"), "--json", "--batch-size", "10")
    summary = json.loads(result.stdout)
    assert summary["analysed"] == 2
    assert summary["failed"] == 1
    assert "analysis failed" in result.stderr


def test_analyze_nothing_analysable_exits_non_zero(
    stand_ins: None, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(articles: Iterable[Article], settings: Settings, **kw: Any) -> Iterator[ArticleAnalysis]:
        raise ValueError("the pipeline fails on everything")
        yield  # pragma: no cover

    monkeypatch.setattr(services, "analyse_articles", broken)
    result = run("analyze", str(corpus), "--db", str(tmp_path / "s.db"), "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["failed"] == 3
    assert "no article could be analysed" in result.stderr


def test_analyze_bad_options(stand_ins: None, corpus: Path, tmp_path: Path) -> None:
    assert run("analyze", str(corpus), "--published", "yesterday").exit_code == 2
    assert run("analyze", str(corpus), "--batch-size", "0").exit_code == 2
    not_db = tmp_path / "notes.db"
    not_db.write_bytes(b"plain notes, not a database" * 50)
    result = run("analyze", str(corpus), "--db", str(not_db))
    assert result.exit_code == 2
    assert "SL401" in result.stderr


def test_articles_lists_and_show_explains_removals(stand_ins: None, corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    run("analyze", str(corpus), "--db", db, "--quiet")
    listing = json.loads(run("articles", "--db", db, "--json").stdout)
    assert listing["total"] == 3
    first = listing["articles"][0]
    assert first["n_removed"] == 1
    table = run("articles", "--db", db)
    assert first["article_id"] in table.stdout

    shown = run("show", first["article_id"], "--db", db)
    assert shown.exit_code == 0
    assert "teaser" in shown.stdout
    assert "READ MORE" in shown.stdout
    assert "We will restore the night crossing," in shown.stdout
    data = json.loads(run("show", first["article_id"], "--db", db, "--json").stdout)
    assert data["removed"][0]["reason"] == "teaser"
    assert data["quotes"][0]["speaker"] == "Anya Brell"


def test_show_unknown_id_is_a_clear_error(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "s.db").close()
    result = run("show", "0123456789abcdef", "--db", str(tmp_path / "s.db"))
    assert result.exit_code == 2
    assert "no article with id '0123456789abcdef'" in result.stderr


@pytest.mark.postgres
def test_analyze_into_postgres(stand_ins: None, corpus: Path, pg_url: str) -> None:
    import uuid

    from storyline.store.postgres import PostgresStore, drop_schema

    schema = "cli_" + uuid.uuid4().hex[:10]
    PostgresStore(pg_url, schema=schema).close()
    url = f"{pg_url}?options=-csearch_path%3D{schema}"
    try:
        first = json.loads(run("analyze", str(corpus), "--db", url, "--json").stdout)
        again = json.loads(run("analyze", str(corpus), "--db", url, "--json").stdout)
        assert (first["new"], again["new"], again["already_analysed"]) == (3, 0, 3)
        listing = json.loads(run("articles", "--db", url, "--json").stdout)
        assert listing["total"] == 3
        assert run("show", listing["articles"][0]["article_id"], "--db", url).exit_code == 0
    finally:
        drop_schema(pg_url, schema)


def test_analyze_builds_stories_and_writes_dossier(stand_ins: None, corpus: Path, tmp_path: Path) -> None:
    db, out = str(tmp_path / "s.db"), tmp_path / "dossier"
    summary = json.loads(run("analyze", str(corpus), "--db", db, "--out", str(out), "--json").stdout)
    assert summary["stories"] >= 1
    names = sorted(Path(p).name for p in summary["outputs"])
    assert {"dossier.html", "dossier.json"} <= set(names)
    # the event tables beside the dossier (docs/events.md)
    assert {"events.csv", "mentions.csv", "events.polecat.jsonl"} <= set(names)
    assert (out / "dossier.html").stat().st_size > 0
    with SQLiteStore(db) as store:
        stories = store.stories()
        assert len(stories) == summary["stories"]
        in_stories = [a for s in stories for a in s.article_ids]
        assert sorted(in_stories) == sorted(a.article_id for a in store.iter_articles())
    again = json.loads(run("analyze", str(corpus), "--db", db, "--json").stdout)
    assert again["stories"] == summary["stories"]


def test_analyze_two_runs_at_once_store_each_article_once(stand_ins: None, tmp_path: Path) -> None:
    import threading

    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(120):
        (corpus / f"n{i:03d}.txt").write_text(
            f'Item {i}: the harbour board met again. "Not yet," said the clerk.', "utf-8"
        )
    db = tmp_path / "shared.db"
    summaries: list[services.AnalyzeSummary] = []
    errors: list[BaseException] = []

    def one_run() -> None:
        try:
            with SQLiteStore(db) as store:
                summaries.append(services.analyze([str(corpus)], Settings(), store, batch_size=7))
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=one_run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(s.new for s in summaries) == 120
    with SQLiteStore(db) as store:
        assert store.stats()["articles"] == 120
        assert store.stats()["analyses"] == 120
        assert store.stats()["quotes"] == 120
        assert store.integrity_check() == ["ok"]


def test_analyze_stops_when_the_pipeline_cannot_load(
    stand_ins: None, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.errors import ConfigError

    def no_model(articles: Iterable[Article], settings: Settings, **kw: Any) -> Iterator[ArticleAnalysis]:
        raise ConfigError("no spaCy English model found", code="SL110")
        yield  # pragma: no cover

    monkeypatch.setattr(services, "analyse_articles", no_model)
    result = run("analyze", str(corpus), "--db", str(tmp_path / "s.db"))
    assert result.exit_code == 2
    assert "SL110" in result.stderr


FERRY = [
    "The ferry council voted to restore the night crossing to Varn island.",
    "Night crossings to Varn island return after the ferry council vote.",
]
MINE = [
    "Miners at the Orsk copper pit walked out over unpaid wages.",
    "The Orsk copper pit strike over wages entered its second day.",
]


def _write(folder: Path, texts: list[str]) -> Path:
    folder.mkdir()
    for i, text in enumerate(texts):
        (folder / f"t{i}.txt").write_text(text, "utf-8")
    return folder


def test_analyze_links_only_the_stories_a_run_touches(
    stand_ins: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    db = str(tmp_path / "s.db")
    with SQLiteStore(db) as store:
        services.analyze(
            [str(_write(tmp_path / "jan", FERRY))], Settings(), store, published=date(2031, 1, 5)
        )
        (ferry,) = store.stories()
    from storyline.link import incremental

    calls: list[list[str]] = []
    real_build = incremental.build_stories

    def counting_build(articles: Sequence[Article], analyses: Any, **kw: Any) -> Any:
        calls.append(sorted(a.article_id for a in articles))
        return real_build(articles, analyses, **kw)

    monkeypatch.setattr(incremental, "build_stories", counting_build)
    with SQLiteStore(db) as store:  # half a year later, another story: the ferry story is not relinked
        services.analyze([str(_write(tmp_path / "jul", MINE))], Settings(), store, published=date(2031, 7, 5))
        stories = {s.story_id: s for s in store.stories()}
    assert calls == [sorted(make_article_id(t) for t in MINE)]
    assert stories[ferry.story_id] == ferry and len(stories) == 2
    with SQLiteStore(db) as store:  # nothing new: nothing to link
        summary = services.analyze([str(tmp_path / "jul")], Settings(), store, published=date(2031, 7, 5))
    assert len(calls) == 1 and summary.stories == 2


def test_analyze_an_undated_article_reads_only_its_candidates(stand_ins: None, tmp_path: Path) -> None:
    from datetime import date

    from storyline.link import incremental

    db = str(tmp_path / "s.db")
    with SQLiteStore(db) as store:
        services.analyze(
            [str(_write(tmp_path / "jan", FERRY))], Settings(), store, published=date(2031, 1, 5)
        )
        services.analyze([str(_write(tmp_path / "feb", MINE))], Settings(), store, published=date(2031, 2, 5))
        undated = _write(tmp_path / "undated", ["The Orsk copper pit strike over wages ended today."])
        services.analyze([str(undated)], Settings(), store)
        result = incremental.link_run(store, [], Settings().link)
        stories = store.stories()
    assert result is None  # everything is in a story now: nothing left to link
    mine = next(s for s in stories if make_article_id(MINE[0]) in s.article_ids)
    assert make_article_id("The Orsk copper pit strike over wages ended today.") in mine.article_ids
    assert len(stories) == 2


def test_analyze_a_late_copy_joins_its_original_story(stand_ins: None, tmp_path: Path) -> None:
    from datetime import date

    text = " ".join(FERRY + MINE) + " The council will meet again in the spring to review the timetable."
    db = str(tmp_path / "s.db")
    first, later = tmp_path / "jan", tmp_path / "may"
    first.mkdir()
    later.mkdir()
    (first / "o.txt").write_text(text, "utf-8")
    (later / "c.txt").write_text(text + " Distributed by the Ledger.", "utf-8")
    with SQLiteStore(db) as store:
        services.analyze([str(first)], Settings(), store, published=date(2031, 1, 2))
        services.analyze([str(later)], Settings(), store, published=date(2031, 5, 12))  # four months on
        (story,) = store.stories()
    copy_id = make_article_id(text + " Distributed by the Ledger.")
    assert story.duplicate_of == {copy_id: make_article_id(text)}


def test_analyze_a_new_story_never_takes_the_id_of_a_kept_one() -> None:
    from datetime import date

    from storyline.link import build_stories, incremental
    from storyline.link.stories import story_id_for
    from storyline.models import Story

    x = Article(article_id="x", source="x", text=FERRY[0], published=date(2031, 6, 1))
    kept = Story(story_id=story_id_for("x"), title="t", article_ids=("b",))  # a story x once started
    (built,) = build_stories([x], [], reserved={kept.story_id})
    assert built.story_id != kept.story_id
    assert incremental.merge_stories([kept], [built]) == [kept, built]


@pytest.mark.parametrize("spelling", ["--reanalyse", "--reanalyze"])
def test_analyze_takes_both_spellings_of_reanalyse(
    stand_ins: None, corpus: Path, tmp_path: Path, spelling: str
) -> None:
    db = str(tmp_path / "s.db")
    run("analyze", str(corpus), "--db", db, "--quiet")
    again = run("analyze", str(corpus), "--db", db, "--json", spelling)
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["analysed"] == 3


def test_analyze_takes_config_after_the_command(stand_ins: None, corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "from-config.db"
    config = tmp_path / "settings.toml"
    config.write_text(f'[store]\nurl = "{db}"\n', "utf-8")
    result = run("analyze", str(corpus), "--json", "--config", str(config))
    assert result.exit_code == 0, result.output
    assert db.exists()


def test_expected_articles_counts_the_files_the_readers_read(corpus: Path) -> None:
    from storyline.cli.analyze import expected_articles

    (corpus / ".hidden").mkdir()
    (corpus / ".hidden" / "skip.txt").write_text("not read", "utf-8")
    assert expected_articles([str(corpus)]) == 5  # a0-a2, sub/copy, empty
    assert expected_articles([str(corpus / "a0.txt"), "-"]) == 2


def test_progress_shows_totals_and_time_left() -> None:
    from rich.progress import MofNCompleteColumn, TimeRemainingColumn

    from storyline.cli.analyze import _Feedback

    with _Feedback(True, expected=4) as feedback:
        assert feedback.progress is not None
        kinds = {type(c) for c in feedback.progress.columns}
        assert {MofNCompleteColumn, TimeRemainingColumn} <= kinds
        tasks = {t.description: t for t in feedback.progress.tasks}
        assert tasks["analyse"].total == 4
        feedback.advance("read", 3)
        feedback.advance("analyse", 3)
        assert feedback.totals() == (3, 4)
        feedback.advance("read", 3)  # a JSONL file held more articles than files were counted
        tasks = {t.description: t for t in feedback.progress.tasks}
        assert tasks["analyse"].total == 6 and tasks["analyse"].completed == 3
        assert tasks["read and store"].total == 6
