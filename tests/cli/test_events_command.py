"""`storyline events` lists story events with their codes and reports; `storyline show` shows
what the analysis found in an article (events, figures, dates), on invented stores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from sample_store import STORY_ID, sample_analysis, sample_articles, sample_story
from storyline.cli import app
from storyline.models import EventMention, Story, StoryEvent
from storyline.store.sqlite import SQLiteStore

runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), catch_exceptions=False)


def _event(event_id: str, kind: str, when: str | None, article_id: str, **codes: Any) -> StoryEvent:
    mention = EventMention(event_id=event_id, article_id=article_id, text="x", start=0, end=1, confidence=0.5)
    return StoryEvent(
        event_id=event_id,
        event_type=kind,
        when=when,
        article_count=1,
        source_count=1,
        mentions=(mention,),
        **codes,
    )


def _store_with_two_stories(path: Path) -> Path:
    """The sample store, plus a second story holding three events of other kinds."""
    articles = sample_articles()
    analyses = [sample_analysis(a, i) for i, a in enumerate(articles)]
    first = sample_story(articles, analyses)
    aid = articles[0].article_id
    second = Story(
        story_id="s-harbour-strike",
        title="Harbour strike",
        article_ids=(aid,),
        events=(
            _event("e-late", "PROTEST", "2031-07-01", aid, actor="Dock workers", actor_sector="LAB"),
            _event("e-none", "ASSAULT", None, aid, actor="Raiders", target="Vellmar", target_country="VLM"),
            _event(
                "e-early",
                "AGREE",
                "2031-05-30",
                aid,
                actor="Tarrow Island council",
                target="Dock workers",
                where="Port Ostry",
                where_country="VLM",
                modality="intent",
            ),
        ),
    )
    with SQLiteStore(path) as store:
        store.add_articles(articles)
        store.save_analyses(analyses)
        store.replace_stories([first, second])
    return path


def test_events_show_type_date_sides_and_the_reports(sample_db: Path) -> None:
    result = run("events", "--db", str(sample_db))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 3  # three lines per event
    assert lines[0].startswith("REJECT 2031-06-12 · e1 · story " + STORY_ID)
    assert lines[1].strip() == "Tarrow Island council"
    assert "2 article(s), 2 outlet(s)" in lines[2] and "“blocked”" in lines[2]


def test_events_json_rows_point_at_the_trigger_in_the_article(sample_db: Path) -> None:
    rows = [json.loads(line) for line in run("events", "--db", str(sample_db), "--json").stdout.splitlines()]
    assert [(r["story_id"], r["event_id"], r["event_type"]) for r in rows] == [(STORY_ID, "e1", "REJECT")]
    for m in rows[0]["mentions"]:
        text = json.loads(run("show", m["article_id"], "--db", str(sample_db), "--json").stdout)["text"]
        assert text[m["start"] : m["end"]] == "blocked"


def test_events_are_filtered_by_type_actor_country_and_story(tmp_path: Path) -> None:
    db = str(_store_with_two_stories(tmp_path / "two.db"))

    def ids(*args: str) -> list[str]:
        result = run("events", "--db", db, "--json", *args)
        assert result.exit_code == 0
        return [json.loads(line)["event_id"] for line in result.stdout.splitlines()]

    # dated events in date order, the undated one last
    assert ids() == ["e-early", "e1", "e-late", "e-none"]
    assert ids("--type", "agree") == ["e-early"]
    assert ids("--actor", "DOCK") == ["e-early", "e-late"]  # as source or as target
    assert ids("--country", "vlm") == ["e-early", "e-none"]  # the place's or the target's
    assert ids("--story", STORY_ID) == ["e1"]
    assert ids("--limit", "2", "--offset", "1") == ["e1", "e-late"]


def test_events_say_what_is_left_and_when_nothing_matches(tmp_path: Path) -> None:
    db = str(_store_with_two_stories(tmp_path / "two.db"))
    result = run("events", "--db", db, "--limit", "3")
    assert result.stdout.count(" · story ") == 3
    assert "1 more: --offset 3" in result.stderr
    assert "(intent)" in result.stdout and "at Port Ostry, VLM" in result.stdout
    none = run("events", "--db", db, "--type", "SANCTION")
    assert none.exit_code == 0 and none.stdout == "" and "no events found" in none.stderr


def test_events_of_an_unknown_story_is_an_error(sample_db: Path) -> None:
    result = run("events", "--db", str(sample_db), "--story", "s-nothing")
    assert result.exit_code != 0
    assert "s-nothing" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_show_lists_events_figures_and_dates(sample_db: Path) -> None:
    article_id = sample_articles()[0].article_id
    result = run("show", article_id, "--db", str(sample_db))
    assert result.exit_code == 0
    out = result.stdout
    assert "events (1)" in out and "REJECT" in out and "“blocked”: Tarrow Island council" in out
    assert "figures (1)" in out and "40 crossings (crossings)" in out
    assert "dates and times (1)" in out and "12 June DATE = 2031-06-12" in out
    data = json.loads(run("show", article_id, "--db", str(sample_db), "--json").stdout)
    assert [e["event_type"] for e in data["events"]] == ["REJECT"]
    assert [f["text"] for f in data["figures"]] == ["40 crossings"]
    assert [t["value"] for t in data["timexes"]] == ["2031-06-12"]
    assert [e["name"] for e in data["entities"]] == ["Odile Vance"]
    assert data["quotes"][0]["speaker"] == "Odile Vance"


def test_event_lines_print_article_text_as_written_not_as_markup() -> None:
    from rich.console import Console

    from storyline.cli.events import event_lines

    mention = EventMention(
        event_id="e9", article_id="a1", text="[red]blocked[/] \\", start=0, end=16, confidence=0.5
    )
    event = StoryEvent(
        event_id="e9",
        event_type="REJECT",
        actor="[bold]Tarrow[/bold] council",
        target="Dock [link=http://x]workers[/link]",
        where="Port [i]Ostry[/i] \\",
        article_count=1,
        source_count=1,
        mentions=(mention,),
    )
    console = Console(width=400, color_system=None, highlight=False)
    with console.capture() as captured:
        console.print(event_lines("s-[x]", event))
    shown = captured.get()
    assert "[bold]Tarrow[/bold] council → Dock [link=http://x]workers[/link]" in shown
    assert "at Port [i]Ostry[/i] \\" in shown
    assert "“[red]blocked[/] \\”" in shown and "story s-[x]" in shown


def test_show_an_article_without_analysis_has_no_finding_sections(tmp_path: Path) -> None:
    db = tmp_path / "bare.db"
    articles = sample_articles()
    with SQLiteStore(db) as store:
        store.add_articles(articles[:1])
    result = run("show", articles[0].article_id, "--db", str(db))
    assert result.exit_code == 0
    assert not any(w in result.stdout for w in ("quotes (", "events (", "figures (", "dates and times ("))
    data = json.loads(run("show", articles[0].article_id, "--db", str(db), "--json").stdout)
    assert (data["quotes"], data["events"], data["figures"], data["timexes"]) == ([], [], [], [])
