"""Scale-out: the per-article analysis mapped over partitions on a Dask cluster.

Articles travel to the workers as JSON dumps of :class:`~storyline.models.Article` and come
back as JSON dumps of :class:`~storyline.models.ArticleAnalysis`; spaCy Docs never leave a
worker. Each worker loads the spaCy pipeline once (``storyline.nlp.pipeline.pipeline_for``) and
reuses it for every partition. Use :class:`DaskAnalyser` as the ``analyser`` of
:func:`storyline.services.analyze` (``storyline analyze --dask N``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

from storyline.errors import ConfigError
from storyline.models import Article, ArticleAnalysis
from storyline.settings import Settings

try:
    import dask.bag as dask_bag
    from distributed import Client, LocalCluster
except ImportError as e:  # pragma: no cover - depends on the installation
    raise ConfigError("the Dask runner needs Dask: pip install 'storyline[dask]'", code="SL130") from e

# Worker threads of one process share one cached pipeline; spaCy does not promise that one
# Language may run in two threads at once, so partitions in one process take turns.
_PIPELINE_LOCK = threading.Lock()


def analyse_partition(records: Sequence[str], settings_json: str) -> list[str]:
    """Worker side: analyse a partition of article dumps with the local pipeline, in order."""
    from storyline.services import analyse_articles

    settings = Settings.model_validate_json(settings_json)
    articles = [Article.model_validate_json(r) for r in records]
    with _PIPELINE_LOCK:
        return [a.model_dump_json() for a in analyse_articles(articles, settings)]


class DaskAnalyser:
    """Analyse batches of articles on a Dask cluster; a context manager that owns the cluster.

    settings (Settings): passed to the workers (``nlp.n_process`` is forced to 1 there).
    n_workers (int): workers of the LocalCluster it starts (ignored with ``client``).
    processes (bool): workers in separate processes (default) or threads of this one.
    partition_size (int): articles per task.
    client (Client | None): use this cluster instead of starting one (it is not closed).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        n_workers: int = 2,
        processes: bool = True,
        partition_size: int = 16,
        client: Client | None = None,
    ) -> None:
        if n_workers < 1 or partition_size < 1:
            raise ConfigError("Dask needs at least one worker and one article per partition", code="SL131")
        worker_settings = settings.model_copy(
            update={"nlp": settings.nlp.model_copy(update={"n_process": 1})}
        )
        self.settings_json = worker_settings.model_dump_json()
        self.n_workers = n_workers
        self.processes = processes
        self.partition_size = partition_size
        self.client = client
        self._owned: tuple[LocalCluster, Client] | None = None

    def __enter__(self) -> DaskAnalyser:
        if self.client is None:
            cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=self.n_workers,
                threads_per_worker=1,
                processes=self.processes,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self.client = Client(cluster, set_as_default=False)  # type: ignore[no-untyped-call]
            self._owned = (cluster, self.client)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._owned is not None:
            cluster, client = self._owned
            client.close()  # type: ignore[no-untyped-call]
            cluster.close()
            self._owned = None
            self.client = None

    def __call__(self, articles: Sequence[Article]) -> list[ArticleAnalysis]:
        """The analyses of ``articles``, in their order."""
        if not articles:
            return []
        if self.client is None:
            raise ConfigError("DaskAnalyser used outside its `with` block", code="SL132")
        dumps = [a.model_dump_json() for a in articles]
        bag = dask_bag.from_sequence(dumps, partition_size=self.partition_size)  # type: ignore[no-untyped-call]
        mapped = bag.map_partitions(analyse_partition, self.settings_json)
        result: Any = self.client.compute(mapped).result()  # type: ignore[no-untyped-call]
        return [ArticleAnalysis.model_validate_json(r) for r in result]
