"""What every request handler needs: settings, a store per worker thread, the job runner."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyline.settings import Settings
from storyline.store.base import Store, open_store

if TYPE_CHECKING:
    from storyline.web.jobs import JobRunner


class Stores:
    """Hands out a store to the calling thread.

    Given a URL, each thread opens its own store (SQLite connections belong to the thread that
    made them); given a store object, every thread shares it under a lock.
    """

    def __init__(self, store: Store | str) -> None:
        self._lock = threading.RLock()
        self._shared: Store | None = None
        self._url: str | None = None
        self._local = threading.local()
        self._opened: list[Store] = []
        if isinstance(store, str):
            self._url = store
        else:
            self._shared = store

    @property
    def url(self) -> str | None:
        return self._url

    @contextmanager
    def use(self) -> Iterator[Store]:
        if self._shared is not None:
            with self._lock:
                yield self._shared
            return
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            assert self._url is not None
            store = open_store(self._url)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        yield store

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for store in opened:
            # a connection may belong to a worker thread that is gone; closing is best effort
            with contextlib.suppress(Exception):
                store.close()


@dataclass
class AppState:
    settings: Settings
    stores: Stores
    token: str | None = None
    enable_fetch: bool = False
    jobs: JobRunner | None = field(default=None)
