"""Hostile uploads through the browser ingest: one problem each, the good file analysed."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ingest"))
from hostile_samples import GOOD, write_hostile

UPLOADED = (
    "surrogate.jsonl",
    "deep.jsonl",
    "deep_array.json",
    "gml_pos.atom",
    "far_future.jsonl",
    "garbage.warc",
)


def _wait(client: TestClient, job_id: str, timeout: float = 600.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish")


@pytest.mark.slow
def test_ingest_job_reads_past_hostile_uploads(client: TestClient, tmp_path: Path) -> None:
    files = write_hostile(tmp_path / "in")
    upload = [("files", ("good.txt", GOOD.encode(), "text/plain"))]
    upload += [("files", (name, files[name].read_bytes(), "application/octet-stream")) for name in UPLOADED]
    r = client.post("/api/ingest", files=upload)
    assert r.status_code == 202, r.text
    job = _wait(client, r.json()["job_id"])
    assert job["status"] == "done", job
    problems = job["problems"]
    by_file = {p["source"].rsplit("/", 1)[-1].split("-", 1)[-1]: p for p in problems}
    assert "nested too deeply" in by_file["deep.jsonl"]["problem"] and by_file["deep.jsonl"]["line"] == 1
    assert "nested too deeply" in by_file["deep_array.json"]["problem"]
    assert "feed parser failed" in by_file["gml_pos.atom"]["problem"]
    assert "not a WARC archive" in by_file["garbage.warc"]["problem"]
    assert len(problems) == 4, json.dumps(problems)
    # good.txt, the two surrogate.jsonl records, the record after the deep line, far-future
    assert job["read"] == 5 and job["analysed"] >= 4
