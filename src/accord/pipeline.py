"""The pipeline: one function per stage over one Document, composed in order.

``prepare`` (repair, segment) is cheap and runs at ingest; ``analyse`` adds actors and
acts. Stages are plain functions Document -> Document, so a caller can run any prefix.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from .models import Document
from .text import repair, segment

Stage = Callable[[Document], Document]

PREPARE: list[Stage] = [repair, segment]


def prepare(doc: Document) -> Document:
    for stage in PREPARE:
        doc = stage(doc)
    return doc


def prepare_all(docs: Iterable[Document]) -> Iterator[Document]:
    for doc in docs:
        yield prepare(doc)


def analyse(docs: Iterable[Document], n_process: int = 1) -> Iterator[Document]:
    """prepare + actors + acts over a stream of documents, one stage after the other over
    all of them (parsing batched across them)."""
    from .actors import find_actors
    from .acts import extract_acts

    ready = [prepare(d) for d in docs]
    for d in ready:  # stage by stage, as in engines.core.analyse_batch
        find_actors(d)
    return extract_acts(ready, n_process=n_process)


def analyse_paths(paths: Iterable[str], n_process: int = 1) -> Iterator[Document]:
    from .ingest import Rejected, load_documents

    docs = [d for d in load_documents(paths) if not isinstance(d, Rejected)]
    return analyse(docs, n_process=n_process)
