"""The public API is what ``storyline.__all__`` says, and every command is documented."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import storyline
from storyline.cli import app

ROOT = Path(__file__).resolve().parent.parent


def test_public_api_exports_exist() -> None:
    for name in storyline.__all__:
        assert hasattr(storyline, name), name


def test_public_api_all_is_sorted_and_unique() -> None:
    assert list(storyline.__all__) == sorted(set(storyline.__all__))


def _command_names() -> list[str]:
    names = []
    for cmd in app.registered_commands:
        name = cmd.name or (cmd.callback.__name__.replace("_", "-") if cmd.callback else "")
        names.append(name)
    return names


def test_public_api_every_command_is_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`storyline ([a-z-]+)", readme))
    missing = [n for n in _command_names() if n not in documented]
    assert not missing, f"commands missing from the README's table: {missing}"


def test_public_api_every_command_has_help() -> None:
    for cmd in app.registered_commands:
        doc = cmd.help or (cmd.callback.__doc__ if cmd.callback else None)
        assert doc and doc.strip(), f"command {cmd.name or cmd.callback} has no help text"


# ---- the library face ---------------------------------------------------------------------------


@pytest.fixture
def sample_db(tmp_path: Path) -> Path:
    from sample_store import build_sample_store

    return build_sample_store(tmp_path / "sample.db")


def test_public_api_open_refuses_a_missing_store(tmp_path: Path) -> None:
    with pytest.raises(storyline.StoreError) as caught:
        storyline.open(tmp_path / "nothere.db")
    assert caught.value.code == "SL409"
    assert not (tmp_path / "nothere.db").exists()


def test_public_api_tables_as_rows(sample_db: Path) -> None:
    from sample_store import OUTLETS, STORY_ID

    with storyline.open(sample_db) as db:
        assert isinstance(db, storyline.Database)
        (story,) = db.stories()
        assert (story["story_id"], story["n_articles"], story["n_facts_differ"]) == (STORY_ID, 2, 1)
        quotes = db.quotes(speaker="ODILE VANCE")
        assert isinstance(quotes, storyline.Rows)
        assert [q["outlet"] for q in quotes] == OUTLETS
        assert len(db.quotes(story=STORY_ID, speaker="odile vance").to_list()) == 2
        first = db.articles().to_list()[0]["article_id"]
        assert [q["article_id"] for q in db.quotes(article=first)] == [first]
        assert db.quotes(speaker="Nobody Atall").to_list() == []
        assert {r["name"] for r in db.actors()} == {"Odile Vance", "Tarrow Island council"}
        assert [r["value"] for r in db.facts(story=STORY_ID)] == [40.0, 38.0]
        assert [r["when"] for r in db.timeline()] == ["2031-06-12"]
        assert [r["event_type"] for r in db.events()] == ["REJECT", "REJECT"]
        for name in db.tables():
            assert db.table(name).to_list(), name
        assert db.article(first).article_id == first
        assert db.story(STORY_ID).title == "Tarrow night ferry dispute"
        with pytest.raises(storyline.NotFound):
            db.facts(story="nope").to_list()
        with pytest.raises(storyline.ConfigError):
            db.table("secrets")


def test_public_api_tables_as_dataframes(sample_db: Path) -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    with storyline.open(sample_db) as db:
        frame = db.quotes().to_pandas()
        assert isinstance(frame, pd.DataFrame)
        assert list(frame.columns) == db.quotes().column_names and len(frame) == 2
        empty = db.quotes(speaker="Nobody Atall").to_pandas()
        assert list(empty.columns) == db.quotes().column_names and len(empty) == 0
        facts = db.facts().to_polars()
        assert isinstance(facts, pl.DataFrame)
        assert facts.schema["value"] == pl.Float64 and facts.schema["start"] == pl.Int64
        assert db.timexes(story="s-ferry-row").to_polars().height == 1
        assert db.events().to_polars().filter(pl.col("event_type") == "REJECT").height == 2


def test_public_api_export_and_dossier(sample_db: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    with storyline.open(sample_db) as db:
        assert db.export("quotes", tmp_path / "quotes.parquet") == 2
        assert pq.read_table(tmp_path / "quotes.parquet").column_names == db.quotes().column_names
        assert db.export("mentions", tmp_path / "m.out", format="csv") == 2
        with pytest.raises(storyline.ConfigError):
            db.export("quotes", tmp_path / "quotes.xlsx")
        written = db.write_dossier(tmp_path / "d")
    names = sorted(p.name for p in written)
    assert names[:2] == ["dossier.html", "dossier.json"]
    assert {"events.csv", "mentions.csv", "events.polecat.jsonl"} <= set(names)


def test_public_api_extract_reads_without_a_store(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(
        "Ferry talks resume\n\nThe Tarrow Island council met the harbourmaster on Monday.\n", "utf-8"
    )
    (tmp_path / "empty.txt").write_text("", "utf-8")
    problems: list[storyline.IngestProblem] = []
    records = list(storyline.extract(tmp_path, skip_nlp=True, on_problem=problems.append))
    assert len(records) == 1
    assert "harbourmaster" in records[0]["text"]
    assert records[0]["quotes"] == []
    assert [p.severity for p in problems] == ["skipped"]


def test_public_api_analyze_into_a_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline import services

    def no_nlp(articles: Any, settings: Any, **kw: Any) -> Any:
        for a in articles:
            yield storyline.ArticleAnalysis(article_id=a.article_id, pipeline_version="test-1")

    monkeypatch.setattr(services, "analyse_articles", no_nlp)
    monkeypatch.setattr(services, "_pipeline_version", lambda settings: "test-1")
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i, town in enumerate(["Brinemouth", "Tarrow"]):
        (corpus / f"{i}.txt").write_text(f"Ferry news\n\nThe {town} ferry sailed late on Monday.\n", "utf-8")
    summary = storyline.analyze(corpus, store=tmp_path / "s.db", out=tmp_path / "out")
    assert (summary.read, summary.analysed) == (2, 2)
    assert (tmp_path / "out" / "dossier.json").exists()
    with storyline.open(tmp_path / "s.db") as db:
        assert len(db.articles().to_list()) == 2


def _readme_python() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## From Python", 1)[1]
    block = re.search(r"```python\n(.*?)```", section, re.S)
    assert block, "README.md's 'From Python' section has no python block"
    return block.group(1)


def test_public_api_readme_example_uses_only_the_public_names() -> None:
    code = _readme_python()
    used = set(re.findall(r"\bstoryline\.([a-z_]\w*)", code))
    assert used and used <= set(storyline.__all__), used - set(storyline.__all__)


@pytest.mark.slow
def test_public_api_readme_example_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pandas")
    pytest.importorskip("polars")
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "corpus").symlink_to(ROOT / "examples" / "corpus")
    monkeypatch.chdir(tmp_path)
    exec(compile(_readme_python(), "README.md", "exec"), {"__name__": "__readme__"})
    assert (tmp_path / "notebook.db").exists()
    assert (tmp_path / "quotes.parquet").stat().st_size > 0


# ---- the install --------------------------------------------------------------------------------


def _declared() -> set[str]:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        specs.extend(extra)
    return {_normal(re.split(r"[\[<>=!~; ]", s, maxsplit=1)[0]) for s in specs}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_public_api_every_import_is_a_declared_dependency() -> None:
    import ast
    import sys
    from importlib.metadata import packages_distributions

    modules: set[str] = set()
    for path in (ROOT / "src" / "storyline").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    third_party = {m for m in modules if m not in sys.stdlib_module_names and m != "storyline"}
    dists = packages_distributions()
    declared = _declared()
    missing = sorted(
        m for m in third_party if m in dists and not any(_normal(d) in declared for d in dists[m])
    )
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"
    unknown = sorted(m for m in third_party if m not in dists and m not in ("pandas", "polars"))
    assert not unknown, f"imported but not installed: {unknown}"


def test_public_api_declares_what_lxml_6_split_out() -> None:
    # trafilatura's cleaning imports lxml.html.clean, a separate project since lxml 5.2
    assert {"lxml", "lxml-html-clean"} <= _declared()


def test_public_api_every_declared_dependency_is_pinned_in_the_lock() -> None:
    pinned = {
        _normal(line.split("==")[0])
        for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line
    }
    missing = sorted(d for d in _declared() - pinned if d != "storyline")
    assert not missing, f"declared but not pinned in constraints.txt: {missing}"


def test_public_api_readme_says_how_to_run_the_command_after_setup() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    top = readme.split("## ", 1)[0]
    assert ".venv/bin/storyline" in top
    assert "source .venv/bin/activate" in top


def test_public_api_ci_checks_an_install_without_the_lock() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/check-unpinned-install.sh" in ci
    script = (ROOT / "scripts" / "check-unpinned-install.sh").read_text(encoding="utf-8")
    assert "constraints" not in script.split('pip" install', 1)[1].splitlines()[0]
    assert 'storyline" analyze' in script
