"""The server's DuckDB handle: one connection opened at start (read-only unless ingest
is allowed: DuckDB lets one process write), a cursor per request, a lock for writes."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

from ..errors import StoreError
from ..store import Store


class Database:
    def __init__(self, path: str, writable: bool = False):
        self.path = str(path)
        self.writable = writable
        self.store = self._open()
        self.write_lock = threading.Lock()

    def _open(self) -> Store:
        """Open the store (StoreError with a clear message when it cannot be). A store
        of an older schema is migrated first, in a short read-write open."""
        if self.writable:
            return Store(self.path)
        try:
            return Store(self.path, read_only=True)
        except StoreError as exc:
            if "older than" not in str(exc):
                raise
        Store(self.path).close()  # migrates
        return Store(self.path, read_only=True)

    @contextmanager
    def cursor(self) -> Iterator:
        cur = self.store.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    @contextmanager
    def store_on_cursor(self) -> Iterator[Store]:
        """A Store object over a fresh cursor (library code that takes a Store)."""
        with self.cursor() as cur:
            yield Store(self.path, con=cur)

    def close(self) -> None:
        self.store.close()
