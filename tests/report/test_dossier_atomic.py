"""The dossier is written atomically: a write that stops half way leaves the old files whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.models import Article, ArticleAnalysis, Story
from storyline.report import dossier, write_dossier

Corpus = tuple[list[Story], list[Article], list[ArticleAnalysis]]


def test_dossier_write_that_fails_leaves_the_previous_files(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_dossier(out, *corpus)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(before) == {"dossier.json", "dossier.html"}

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dossier.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_dossier(out, *corpus)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temporary file left either
    json.loads(before["dossier.json"])


def test_dossier_write_replaces_both_files_whole(corpus: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out).mkdir()
    (out / "dossier.json").write_text("", encoding="utf-8")  # what a killed write used to leave
    paths = write_dossier(out, *corpus)
    assert [p.name for p in paths] == ["dossier.json", "dossier.html"]
    assert json.loads((out / "dossier.json").read_text("utf-8"))
    assert sorted(p.name for p in out.iterdir()) == ["dossier.html", "dossier.json"]
