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
