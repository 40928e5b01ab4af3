"""The Dask runner on a real LocalCluster gives what the local pipeline gives, in order."""

from __future__ import annotations

import json
from datetime import date
from functools import partialmethod
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.errors import ConfigError
from storyline.models import Article, make_article_id
from storyline.services import analyse_articles
from storyline.settings import load_settings
from storyline.store.sqlite import SQLiteStore

pytest.importorskip("distributed")

from storyline.scale.dask import DaskAnalyser, analyse_partition

# Distributed warns when the machine is slow to create worker scratch space; not our concern.
pytestmark = pytest.mark.filterwarnings("ignore:Creating scratch directories:UserWarning")

TEXTS = [
    '"We will reopen the northern ferry line by June," Minister Oriel Vantz said on Tuesday.',
    "The Kestrel Bay council voted 7 to 2 to delay the harbour levy until next spring.",
    'Mara Ilves, the chief envoy, said the talks were "going nowhere" and left early.',
    "Grain prices rose by 4 percent in March, according to the island's trade office.",
    "Nobody was quoted in this short item about a closed road near the old quarry.",
]


def _articles() -> list[Article]:
    return [
        Article(
            article_id=make_article_id(t),
            source=f"note{i}.txt",
            text=t,
            raw=t,
            published=date(2031, 3, 1 + i),
        )
        for i, t in enumerate(TEXTS)
    ]


@pytest.mark.slow
def test_dask_analyser_matches_local_pipeline_in_order() -> None:
    settings = load_settings()
    articles = _articles()
    local = list(analyse_articles(articles, settings))
    with DaskAnalyser(settings, n_workers=2, processes=False, partition_size=2) as analyser:
        remote = analyser(articles)
        assert analyser([]) == []
    assert [a.article_id for a in remote] == [a.article_id for a in articles]
    assert remote == local


@pytest.mark.slow
def test_dask_partition_function_ships_json_dumps() -> None:
    settings = load_settings()
    article = _articles()[0]
    out = analyse_partition([article.model_dump_json()], settings.model_dump_json())
    assert isinstance(out[0], str)
    assert article.article_id in out[0]


def test_dask_analyser_refuses_bad_sizes_and_use_outside_with() -> None:
    settings = load_settings()
    with pytest.raises(ConfigError):
        DaskAnalyser(settings, n_workers=0)
    with pytest.raises(ConfigError):
        DaskAnalyser(settings)(_articles())


@pytest.mark.slow
def test_dask_analyze_command_stores_what_a_local_run_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`storyline analyze --dask 2` on a real cluster (worker threads, to keep it quick)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, text in enumerate(TEXTS):
        (corpus / f"n{i}.txt").write_text(f"date 2031-03-0{i + 1}\n\n{text}\n", "utf-8")
    monkeypatch.setattr(DaskAnalyser, "__init__", partialmethod(DaskAnalyser.__init__, processes=False))
    stored = {}
    for name, extra in (("local", []), ("dask", ["--dask", "2"])):
        db = str(tmp_path / f"{name}.db")
        result = CliRunner().invoke(
            app, ["analyze", str(corpus), "--db", db, "--json", "--batch-size", "2", *extra]
        )
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["analysed"] == len(TEXTS)
        with SQLiteStore(db) as store:
            stored[name] = (list(store.iter_articles()), store.analyses())
    assert stored["dask"] == stored["local"]
