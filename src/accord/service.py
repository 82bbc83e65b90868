"""Library entry points used by the CLI, the HTTP API and tests (the CLI stays thin)."""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .ingest import Rejected, load_documents
from .models import Document
from .pipeline import prepare
from .store import Store


@dataclass
class IngestSummary:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    warnings: Counter = field(default_factory=Counter)

    @property
    def consistent(self) -> bool:
        return self.read == self.stored + self.duplicates + len(self.rejected)


def ingest(store: Store, paths: Iterable[str | os.PathLike], batch_size: int = 200,
           on_progress: Callable[[IngestSummary], None] | None = None, max_bytes: int | None = None) -> IngestSummary:
    """Read, repair, segment and store documents, committing one batch at a time."""
    summary = IngestSummary()
    batch: list[Document] = []
    rejects: list[tuple[str, str]] = []

    def flush():
        if not batch and not rejects:
            return
        known = store.known_ids([d.id for d in batch])
        ready = []
        seen = set()
        for d in batch:
            if d.id in known or d.id in seen:
                ready.append(d)  # duplicate: stored only as another path
                continue
            seen.add(d.id)
            try:
                ready.append(prepare(d))
            except (ValueError, IndexError, RecursionError) as exc:  # a document the repair rules cannot handle
                rejects.append((d.path, f"text repair failed: {type(exc).__name__}: {exc}"))
                summary.rejected.append((d.path, f"text repair failed: {type(exc).__name__}: {exc}"))
                continue
            for w in d.warnings:
                summary.warnings[w.split(";")[0].split("(")[0].strip()] += 1
        stored, dups = store.add_documents(ready, rejects)
        summary.stored += stored
        summary.duplicates += dups
        batch.clear()
        rejects.clear()
        if on_progress:
            on_progress(summary)

    kwargs = {"max_bytes": max_bytes} if max_bytes else {}
    for item in load_documents(paths, **kwargs):
        summary.read += 1
        if isinstance(item, Rejected):
            rejects.append((item.path, item.reason))
            summary.rejected.append((item.path, item.reason))
        else:
            batch.append(item)
        if len(batch) >= batch_size or len(rejects) >= batch_size:
            flush()
        elif on_progress and summary.read % 50 == 0:
            on_progress(summary)
    flush()
    return summary
