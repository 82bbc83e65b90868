"""Locate the documents of a gold file (seeds under ../shared/seeds, corpus members
read once from their archive into a cache folder): a thin wrapper over
accord.evaluate.gold_documents."""
from __future__ import annotations

from pathlib import Path

from accord.evaluate import gold_documents, gold_docs_of, load_jsonl

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def gold_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or SHARED / "gold" / "dev").glob("*.jsonl"))


def docs_of(gold: Path) -> list[Path]:
    return gold_documents(gold_docs_of(load_jsonl(gold)), SHARED)
