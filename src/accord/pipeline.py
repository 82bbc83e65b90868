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


@dataclass
class RunCounts:
    """The counts of a run: one type from the stage runner (``run_stages`` fills the counts
    of a batch) through the engines (which add them up, batch by batch, with what the
    driver read, stored and skipped) to the service, the CLI and the API (``to_dict``).

    ``read = stored + duplicates + len(rejected)`` when a run ends (``consistent``)."""
    read: int = 0  # inputs read: documents and rejected files or JSONL lines
    stored: int = 0  # documents new to the store
    duplicates: int = 0  # documents read that the store held already, or read twice in the run
    skipped: int = 0  # documents this pipeline version had processed already (not run again)
    documents: int = 0  # documents run through the stages (with analyse: actors and acts too)
    sentences: int = 0  # their sentences
    parsed: int = 0  # sentences that reached the parser (counted when asked: engines' with_stats)
    batches: int = 0
    per_act: Counter = field(default_factory=Counter)  # act type -> acts
    warnings: Counter = field(default_factory=Counter)  # warning kind -> documents with one
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    seconds: float = 0.0

    @property
    def acts(self) -> int:
        return sum(self.per_act.values())

    @property
    def consistent(self) -> bool:
        return self.read == self.stored + self.duplicates + len(self.rejected)

    def add(self, other: "RunCounts") -> "RunCounts":
        """Add another run's (a batch's) counts to these; returns self."""
        for f in ("read", "stored", "duplicates", "skipped", "documents", "sentences", "parsed", "batches", "seconds"):
            setattr(self, f, getattr(self, f) + getattr(other, f))
        self.per_act.update(other.per_act)
        self.warnings.update(other.warnings)
        self.rejected.extend(other.rejected)
        return self

    def count_documents(self, docs: Iterable[Document]) -> None:
        """Count documents that went through the stages: their sentences, acts, and the
        kinds of warning each has (a kind once per document)."""
        for d in docs:
            self.documents += 1
            self.sentences += len(d.sentences)
            self.warnings.update({w.kind for w in d.warnings})
            self.per_act.update(a.act for a in d.acts)

    def to_dict(self) -> dict:
        return {"read": self.read, "stored": self.stored, "duplicates": self.duplicates, "skipped": self.skipped,
                "documents": self.documents, "sentences": self.sentences, "parsed": self.parsed,
                "batches": self.batches, "acts": self.acts, "per_act": dict(self.per_act),
                "warnings": dict(self.warnings), "rejected": [list(r) for r in self.rejected],
                "seconds": self.seconds}

    @classmethod
    def from_dict(cls, d: dict) -> "RunCounts":
        return cls(read=d.get("read", 0), stored=d.get("stored", 0), duplicates=d.get("duplicates", 0),
                   skipped=d.get("skipped", 0), documents=d.get("documents", 0), sentences=d.get("sentences", 0),
                   parsed=d.get("parsed", 0), batches=d.get("batches", 0), per_act=Counter(d.get("per_act", {})),
                   warnings=Counter(d.get("warnings", {})), rejected=[tuple(r) for r in d.get("rejected", [])],
                   seconds=d.get("seconds", 0.0))


@dataclass
class StagesRun:
    """What running the stages over a batch of documents gave: the documents that went
    through, and the counts (documents, sentences, acts, warnings by kind, rejections)."""
    docs: list[Document]
    counts: RunCounts = field(default_factory=RunCounts)


def run_stages(docs: Iterable[Document], analyse: bool = True, n_process: int = 1) -> StagesRun:
    """The one stage runner (ingest, the engines' workers and `analyse` all call it):
    prepare (repair, segment) every document, rejecting one the repair rules cannot
    handle; then, with `analyse`, actors and acts, one stage after the other over the
    whole batch, as spaCy's nlp.pipe runs its components (each stage's code and tables
    stay in the CPU caches over the batch: actor resolution right after a document's
    segmentation, document by document, ran ~18% slower, bench/bench_actors.py)."""
    out = StagesRun([])
    for d in docs:
        try:
            d = prepare(d)
        except PREPARE_ERRORS as exc:
            out.counts.rejected.append((d.path, f"text repair failed: {type(exc).__name__}: {exc}"))
            continue
        out.docs.append(d)
    if analyse:
        out.docs = list(analyse_prepared(out.docs, n_process=n_process))
    out.counts.count_documents(out.docs)
    return out


def analyse_prepared(docs: list[Document], n_process: int = 1) -> Iterator[Document]:
    """Actors, then acts, over prepared documents: each stage over all of them before the
    next (parsing batched across them)."""
    from .actors import find_actors
    from .acts import extract_acts

    for d in docs:
        find_actors(d)
    return extract_acts(docs, n_process=n_process)


def analyse(docs: Iterable[Document], n_process: int = 1) -> Iterator[Document]:
    """prepare + actors + acts over a stream of documents, one stage after the other over
    all of them. A document the repair rules cannot handle raises, as before
    (``run_stages`` rejects it instead)."""
    return analyse_prepared([prepare(d) for d in docs], n_process=n_process)


def analyse_paths(paths: Iterable[str], n_process: int = 1) -> Iterator[Document]:
    from .ingest import Rejected, load_documents

    docs = [d for d in load_documents(paths) if not isinstance(d, Rejected)]
    return analyse(docs, n_process=n_process)
