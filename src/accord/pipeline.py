"""The pipeline: one function per stage over one Document, composed in order.

``prepare`` (repair, segment) is cheap and runs at ingest; ``analyse`` adds actors and
acts. Stages are plain functions Document -> Document, so a caller can run any prefix.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
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


# what the repair rules raise on a document they cannot handle: the document is rejected
PREPARE_ERRORS = (ValueError, IndexError, RecursionError)


def warning_kind(warning: str) -> str:
    """The kind of a document warning: its text before any ';' or '(' detail."""
    return warning.split(";")[0].split("(")[0].strip()


@dataclass
class Batch:
    """What running the stages over a batch of documents gave."""
    docs: list[Document]
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    warnings: Counter = field(default_factory=Counter)  # kind -> documents


def run_stages(docs: Iterable[Document], analyse: bool = True, n_process: int = 1) -> Batch:
    """The one stage runner (ingest, the engines' workers and `analyse` all call it):
    prepare (repair, segment) every document, rejecting one the repair rules cannot
    handle; then, with `analyse`, actors and acts, one stage after the other over the
    whole batch, as spaCy's nlp.pipe runs its components (each stage's code and tables
    stay in the CPU caches over the batch: actor resolution right after a document's
    segmentation, document by document, ran ~18% slower, bench/bench_actors.py)."""
    out = Batch([])
    for d in docs:
        try:
            d = prepare(d)
        except PREPARE_ERRORS as exc:
            out.rejected.append((d.path, f"text repair failed: {type(exc).__name__}: {exc}"))
            continue
        for w in d.warnings:
            out.warnings[warning_kind(w)] += 1
        out.docs.append(d)
    if analyse:
        from .actors import find_actors
        from .acts import extract_acts

        for d in out.docs:
            find_actors(d)
        out.docs = list(extract_acts(out.docs, n_process=n_process))
    return out


def analyse(docs: Iterable[Document], n_process: int = 1) -> Iterator[Document]:
    """prepare + actors + acts over a stream of documents, one stage after the other over
    all of them (parsing batched across them). A document the repair rules cannot handle
    raises, as before (``run_stages`` rejects it instead)."""
    from .actors import find_actors
    from .acts import extract_acts

    ready = [prepare(d) for d in docs]
    for d in ready:  # stage by stage, as run_stages
        find_actors(d)
    return extract_acts(ready, n_process=n_process)


def analyse_paths(paths: Iterable[str], n_process: int = 1) -> Iterator[Document]:
    from .ingest import Rejected, load_documents

    docs = [d for d in load_documents(paths) if not isinstance(d, Rejected)]
    return analyse(docs, n_process=n_process)
