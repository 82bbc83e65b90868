"""A digest of every actor mention (all fields) and party list over corpus documents, to
check that a change meant to be faster changes nothing: run it before and after, compare
the digests. Prints the documents, mentions, the time of actor resolution alone and the
SHA-256 of the results.

usage: python bench/mentions_digest.py [--every N] [--limit N] [ARCHIVE.tar.gz ...]
(default: every 2nd beehive release and every 3rd White House briefing)
"""
from __future__ import annotations

import argparse
import hashlib
import tarfile
import time
from pathlib import Path

from accord.actors import find_actors
from accord.actors.resolve import warm
from accord.errors import InputError
from accord.ingest import parse_bytes
from accord.pipeline import prepare

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DEFAULT = [(CORPUS / "beehive-releases.tar.gz", 2), (CORPUS / "wh-briefings.tar.gz", 3)]


def _docs(archive: Path, every: int, limit: int):
    n = 0
    with tarfile.open(archive) as tf:
        for i, m in enumerate(x for x in tf if x.isfile()):
            if i % every:
                continue
            try:
                parsed = [d for d in parse_bytes(m.name, tf.extractfile(m).read()) if not isinstance(d, InputError)]
            except InputError:  # a file that holds no document (front matter only)
                continue
            for d in parsed:
                yield prepare(d)
                n += 1
            if limit and n >= limit:
                return


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("archives", nargs="*", type=Path)
    ap.add_argument("--every", type=int, default=0, help="one file in N of each archive")
    ap.add_argument("--limit", type=int, default=0, help="documents per archive")
    args = ap.parse_args()
    todo = [(a, args.every or 1) for a in args.archives] or [(a, args.every or k) for a, k in DEFAULT]
    warm()
    digest = hashlib.sha256()
    docs = mentions = 0
    spent = 0.0
    for archive, every in todo:
        for d in _docs(archive, every, args.limit):
            t = time.perf_counter()
            find_actors(d)
            spent += time.perf_counter() - t
            docs += 1
            mentions += len(d.mentions)
            digest.update(repr((d.id, d.parties, [(m.start, m.end, m.text, m.code, m.sector, m.kind, m.reason,
                                                    m.sentence, m.person, m.possessive) for m in d.mentions])).encode())
    print(f"documents {docs}  mentions {mentions}  actor resolution {spent:.1f}s")
    print(f"sha256 {digest.hexdigest()}")


if __name__ == "__main__":
    main()
