"""Ingest jobs started from the browser: one background worker, progress polled as JSON.

A job calls the same services as ``storyline analyze`` (read, store, analyse, link) with the
same settings and limits; uploaded files live in a private temporary directory under names the
server chooses, removed when the job ends. Each job's state is also saved in the store (at each
change of status, and at most every ``SAVE_EVERY`` seconds while it runs), so that it can still
be asked for after a restart; a job the restart cut short reads as failed.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Literal, cast

from pydantic import BaseModel, Field

from storyline import services
from storyline.errors import NotFound, StorylineError
from storyline.ingest.sources import SourceInfo
from storyline.models import IngestProblem
from storyline.settings import Settings
from storyline.store.base import Store

JobStatus = Literal["queued", "running", "done", "failed"]
MAX_JOBS_KEPT = 100
SAVE_EVERY = 2.0  # seconds between progress saves of a running job
INTERRUPTED = "the server stopped before the job finished; start it again"
MAX_PROBLEMS_KEPT = 200
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class JobProblem(BaseModel):
    source: str
    line: int | None = None
    problem: str
    severity: str


class Job(BaseModel):
    """The state of one ingest job, as ``GET /api/jobs/{job_id}`` returns it."""

    job_id: str
    kind: Literal["upload", "urls"]
    status: JobStatus = "queued"
    stage: str = "queued"
    inputs: int = 0
    read: int = 0
    skipped: int = 0
    failed: int = 0
    new_articles: int = 0
    analysed: int = 0
    stories: int = 0
    problems: list[JobProblem] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    error: str | None = None
    created: float = 0.0
    finished: float | None = None


def safe_filename(name: str | None, index: int) -> str:
    """A name for an uploaded file inside the job directory: no path, only plain characters;
    the extension is kept because readers choose by it."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _SAFE_NAME.sub("_", base).strip("._") or "upload"
    stem, dot, ext = base.rpartition(".")
    if dot and stem:
        base = f"{stem[:80]}.{ext[:12]}"
    return f"{index:04d}-{base[:100]}"


class JobRunner:
    """Runs ingest jobs one at a time on a worker thread and remembers the latest ones."""

    def __init__(self, settings: Settings, open_store: Callable[[], Store]) -> None:
        self._settings = settings
        self._open_store = open_store
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._saved_at: dict[str, float] = {}
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storyline-ingest")

    def new_dir(self) -> Path:
        return Path(tempfile.mkdtemp(prefix="storyline-upload-"))

    def submit(
        self,
        kind: Literal["upload", "urls"],
        workdir: Path,
        inputs: Sequence[Path],
        *,
        fetch: bool,
        stated: SourceInfo | None = None,
    ) -> Job:
        job = Job(job_id=secrets.token_hex(8), kind=kind, inputs=len(inputs), created=time.time())
        with self._lock:
            self._jobs[job.job_id] = job
            finished = [k for k, j in self._jobs.items() if j.status in ("done", "failed")]
            for old in finished[: max(0, len(self._jobs) - MAX_JOBS_KEPT)]:  # never one still to run
                del self._jobs[old]
                self._saved_at.pop(old, None)
        # saved by the worker when it starts: the request thread does not wait on the store
        self._pool.submit(self._run, job.job_id, workdir, list(inputs), fetch, stated)
        return self.get(job.job_id)

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is not None:
                return job.model_copy(deep=True)
        return self._load(job_id)

    def _load(self, job_id: str) -> Job:
        """A job of an earlier run of the server, from the store (RAISES NotFound)."""
        try:
            store = self._open_store()
        except StorylineError as e:  # no store to keep jobs in (the app was given a store object)
            raise NotFound(f"no ingest job {job_id}", code="SL404") from e
        try:
            job = Job.model_validate(store.job(job_id))
        finally:
            store.close()
        if job.status in ("queued", "running"):  # this server never ran it: it was cut short
            job = job.model_copy(update={"status": "failed", "stage": "failed", "error": INTERRUPTED})
        return job

    def _save(self, job_id: str, *, progress: bool = False) -> None:
        """Write the job's state to the store (a progress save at most every SAVE_EVERY s)."""
        now = time.monotonic()
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or (progress and now - self._saved_at.get(job_id, 0.0) < SAVE_EVERY):
                return
            self._saved_at[job_id] = now
            data = job.model_dump(mode="json")
        try:
            store = self._open_store()
            try:
                store.save_job(job_id, data, keep=MAX_JOBS_KEPT)
            finally:
                store.close()
        except StorylineError:  # the job itself goes on; only its record after a restart is lost
            return

    def _update(self, job_id: str, **changes: object) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                return
            self._jobs[job_id] = job.model_copy(update=changes)
        self._save(job_id)

    def _problem(self, job_id: str, p: IngestProblem) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                return
            problems = job.problems
            if len(problems) < MAX_PROBLEMS_KEPT:
                problems = [
                    *problems,
                    JobProblem(
                        source=Path(p.source).name or p.source,
                        line=p.line,
                        problem=p.problem,
                        severity=p.severity,
                    ),
                ]
            counts = {
                "skipped": job.skipped + (p.severity == "skipped"),
                "failed": job.failed + (p.severity == "failed"),
            }
            self._jobs[job_id] = job.model_copy(update={"problems": problems, **counts})

    def _progress(self, job_id: str, stage: str, n: int) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                return
            if stage == "read":
                self._jobs[job_id] = job.model_copy(update={"read": job.read + n, "stage": "reading"})
            else:
                self._jobs[job_id] = job.model_copy(
                    update={"analysed": job.analysed + n, "stage": "analysing"}
                )
        self._save(job_id, progress=True)

    def _run(
        self, job_id: str, workdir: Path, inputs: list[Path], fetch: bool, stated: SourceInfo | None = None
    ) -> None:
        """``services.analyze`` over the job's inputs: the same steps and limits as the CLI.
        The uploads are removed before the job says it is over."""
        store: Store | None = None
        final: dict[str, object]
        try:
            self._update(job_id, status="running", stage="reading")
            store = self._open_store()
            summary = services.analyze(
                [str(p) for p in inputs],
                self._settings,
                cast("services.AnalyzeStore", store),
                fetch=fetch,
                outlet=stated.outlet if stated else None,
                published=stated.published if stated else None,
                progress=lambda stage, n: self._progress(job_id, stage, n),
                on_problem=lambda p: self._problem(job_id, p),
            )
            final = {
                "status": "done",
                "stage": "done",
                "read": summary.read,
                "new_articles": summary.new,
                "analysed": summary.analysed + summary.already_analysed,
                "stories": summary.stories,
                "notes": list(summary.notes),
            }
        except StorylineError as e:
            final = {"status": "failed", "stage": "failed", "error": str(e)}
        except Exception as e:  # a bug must not kill the worker; the job says what happened
            final = {"status": "failed", "stage": "failed", "error": f"{type(e).__name__}: {e}"}
        finally:
            if store is not None:
                store.close()
            shutil.rmtree(workdir, ignore_errors=True)
        self._update(job_id, **final, finished=time.time())

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
