"""Where articles, analyses and stories are kept: SQLite by default, PostgreSQL for a server.

Open one with :func:`open_store`; every store implements :class:`Store`.
"""

from storyline.store.base import Store, open_store

__all__ = ["Store", "open_store"]
