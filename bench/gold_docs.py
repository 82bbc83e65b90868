"""Locate the documents of a gold file: seeds under ../shared/seeds, beehive members
extracted from the corpus archive into a cache folder."""
from __future__ import annotations

import json
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CACHE = Path.home() / ".cache" / "accord-gold"


def gold_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or SHARED / "gold" / "dev").glob("*.jsonl"))


def doc_path(doc: str) -> Path:
    if doc.startswith("seeds/"):
        return SHARED / doc
    target = CACHE / doc
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(SHARED / "corpus" / "beehive-releases.tar.gz") as tf:
            member = tf.getmember(doc)
            target.write_bytes(tf.extractfile(member).read())
    return target


def docs_of(gold: Path) -> list[Path]:
    seen = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)["doc"]
            if d not in seen:
                seen.append(d)
    return [doc_path(d) for d in seen]
