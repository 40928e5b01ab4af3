"""Ingest from the browser goes through services.analyze, like the CLI, and reports progress."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyline import services
from storyline.models import IngestProblem
from storyline.settings import Settings
from storyline.web import create_app
from storyline.web.jobs import safe_filename

UPLOAD_TEXT = (
    "Ministers from Kestria and Orlavia met again in Velmora on Friday.\n\n"
    "\u201cWe have agreed the inspection rules for every grain ship,\u201d said Kestrian foreign minister "
    "Ilse Marrow. Officials said 12 inspectors would start work next week."
)


def _wait(client: TestClient, job_id: str, timeout: float = 120.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish")


def test_ingest_jobs_call_the_analyze_service(
    client: TestClient, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def fake_analyze(inputs: list[str], cfg: Settings, store: object, **kw: Any) -> services.AnalyzeSummary:
        seen.update(inputs=inputs, contents=[Path(p).read_bytes() for p in inputs], settings=cfg, **kw)
        kw["progress"]("read", 1)
        kw["on_problem"](IngestProblem(source=inputs[1], problem="binary file", severity="skipped"))
        return services.AnalyzeSummary(read=1, new=1, analysed=1, skipped=1, stories=1)

    monkeypatch.setattr(services, "analyze", fake_analyze)
    r = client.post(
        "/api/ingest",
        files=[
            ("files", ("../../etc/a note.txt", b"first", "text/plain")),
            ("files", ("b.bin", b"\0\1", "application/octet-stream")),
        ],
    )
    assert r.status_code == 202
    job = _wait(client, r.json()["job_id"])
    assert job["status"] == "done", job
    assert seen["settings"] is settings  # the same limits as the CLI
    assert seen["fetch"] is False
    assert seen["contents"] == [b"first", b"\0\1"]
    names = [Path(p).name for p in seen["inputs"]]
    assert names == ["0000-a_note.txt", "0001-b.bin"]
    assert all(Path(p).parent == Path(seen["inputs"][0]).parent for p in seen["inputs"])
    assert job["skipped"] == 1 and job["problems"][0]["problem"] == "binary file"
    assert not Path(seen["inputs"][0]).parent.exists(), "the upload directory is removed afterwards"


def test_ingest_jobs_failure_is_reported(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kw: Any) -> services.AnalyzeSummary:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(services, "analyze", broken)
    job_id = client.post("/api/ingest", files={"files": ("a.txt", b"x", "text/plain")}).json()["job_id"]
    job = _wait(client, job_id)
    assert job["status"] == "failed"
    assert "disk on fire" in job["error"]


def test_ingest_jobs_urls_fetch_when_enabled(
    db_path: str, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def fake_analyze(inputs: list[str], cfg: Settings, store: object, **kw: Any) -> services.AnalyzeSummary:
        seen.update(text=Path(inputs[0]).read_text(), fetch=kw["fetch"])
        return services.AnalyzeSummary()

    monkeypatch.setattr(services, "analyze", fake_analyze)
    with TestClient(create_app(db_path, settings, enable_fetch=True)) as c:
        r = c.post("/api/ingest/urls", json={"urls": ["https://news.example/a", "http://news.example/b"]})
        assert r.status_code == 202
        assert _wait(c, r.json()["job_id"])["status"] == "done"
    assert seen == {"text": "https://news.example/a\nhttp://news.example/b\n", "fetch": True}


def test_ingest_jobs_unknown_job_is_404(client: TestClient) -> None:
    assert client.get("/api/jobs/nope").status_code == 404
    assert client.get("/jobs/nope").status_code == 404


def test_ingest_jobs_form_without_javascript_redirects(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "analyze", lambda *a, **k: services.AnalyzeSummary())
    r = client.post("/ingest", files={"files": ("a.txt", b"x", "text/plain")}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/jobs/")
    page = client.get(r.headers["location"])
    assert page.status_code == 200


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("report.html", "0003-report.html"),
        ("../../etc/passwd", "0003-passwd"),
        ("C:\\temp\\feed.xml", "0003-feed.xml"),
        ("...", "0003-upload"),
        (None, "0003-upload"),
        ("a b;$(rm).jsonl", "0003-a_b_rm_.jsonl"),
    ],
)
def test_ingest_jobs_safe_filename(given: str | None, expected: str) -> None:
    assert safe_filename(given, 3) == expected


@pytest.mark.slow
def test_ingest_jobs_real_upload_is_stored_and_analysed(client: TestClient) -> None:
    r = client.post(
        "/api/ingest",
        files={"files": ("velmora-friday.txt", UPLOAD_TEXT.encode(), "text/plain")},
        data={"outlet": "The Velmora Courier", "published": "2026-04-03"},
    )
    assert r.status_code == 202
    job = _wait(client, r.json()["job_id"])
    assert job["status"] == "done", job
    assert job["read"] == 1 and job["new_articles"] == 1
    hits = client.get("/api/search", params={"q": "inspectors"}).json()["items"]
    assert hits, "the uploaded article is searchable"
    article = client.get(f"/api/articles/{hits[0]['article_id']}").json()
    assert article["analysis"] is not None
    assert article["article"]["outlet"] == "The Velmora Courier"  # the form's fields are kept
    assert article["article"]["published"] == "2026-04-03"


def test_ingest_form_rejects_a_date_it_cannot_read(client: TestClient) -> None:
    r = client.post(
        "/api/ingest",
        files={"files": ("a.txt", b"x", "text/plain")},
        data={"published": "last Tuesday"},
    )
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "SL213"


def test_ingest_job_can_be_asked_for_after_a_restart(
    db_path: str, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_analyze(inputs: list[str], cfg: Settings, store: object, **kw: Any) -> services.AnalyzeSummary:
        kw["progress"]("read", 1)
        return services.AnalyzeSummary(read=1, new=1, analysed=1, stories=1)

    monkeypatch.setattr(services, "analyze", fake_analyze)
    with TestClient(create_app(db_path, settings)) as first:
        r = first.post("/api/ingest", files=[("files", ("a.txt", b"first", "text/plain"))])
        job_id = r.json()["job_id"]
        assert _wait(first, job_id)["status"] == "done"
    with TestClient(create_app(db_path, settings)) as second:  # a new server process, same store
        job = second.get(f"/api/jobs/{job_id}").json()
        assert (job["status"], job["read"], job["new_articles"]) == ("done", 1, 1)


def test_ingest_job_cut_short_by_a_restart_reads_as_failed(db_path: str, settings: Settings) -> None:
    from storyline.store.base import open_store
    from storyline.web.jobs import INTERRUPTED, Job

    store = open_store(db_path)
    try:
        running = Job(job_id="0123456789abcdef", kind="upload", status="running", stage="analysing")
        store.save_job(running.job_id, running.model_dump(mode="json"))
    finally:
        store.close()
    with TestClient(create_app(db_path, settings)) as client:
        job = client.get("/api/jobs/0123456789abcdef").json()
        assert (job["status"], job["error"]) == ("failed", INTERRUPTED)
