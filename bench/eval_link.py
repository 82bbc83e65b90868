"""`accord link` top-1 / top-3 on the labelled news pairs against a store.

    .venv/bin/python bench/eval_link.py --db STORE.duckdb [--details] [--names PAIR,PAIR]

For every news pair in tests/data/compare/news/*.json whose article is in
$ACCORD_NEWS_DIR (see tests/data/compare/news/README.md), the article is read and
analysed as `accord link` reads a file, and its candidates are ranked against the store.
The pair's source is found in the store by its document id (the hash of the file's bytes),
so the store must hold it: build one from the corpus months of the pairs, e.g.
tests/data/compare/news/README.md, "A store to link against". Prints the store's size and
years, each article's top 3 with scores, and top-1 / top-3 accuracy.
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def main(argv: list[str]) -> int:
    import duckdb

    import eval_compare as ev
    from accord.compare import link_candidates
    from accord.ingest import load_documents
    from accord.pipeline import analyse

    if "--db" not in argv:
        print(__doc__)
        return 2
    db = argv[argv.index("--db") + 1]
    details = "--details" in argv
    names = set(argv[argv.index("--names") + 1].split(",")) if "--names" in argv else None
    con = duckdb.connect(db, read_only=True)
    n, y0, y1 = con.execute("SELECT count(*), min(year(date)), max(year(date)) FROM documents").fetchone()
    ns = con.execute("SELECT count(*) FROM documents WHERE kind = 'statement'").fetchone()[0]
    print(f"store {db}: {n} documents ({ns} statements), {y0}-{y1}")
    tmp = Path(tempfile.mkdtemp(prefix="accord-link-"))
    top1 = top3 = total = 0
    t0 = time.perf_counter()
    for path in ev.gold_files("news"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if names and gold["name"] not in names:
            continue
        try:
            npath = ev.news_path(gold)
            want = gold.get("link") or gold["source"]  # the text the article restates, when it is not the compared source
            spath = ev.locate(want["path"], want["archive"], tmp)
        except ev.Missing as exc:
            print(f"skipped {gold['name']}: {exc}")
            continue
        src_id = next(iter(load_documents([str(spath)]))).id
        if not con.execute("SELECT count(*) FROM documents WHERE id = ?", [src_id]).fetchone()[0]:
            print(f"skipped {gold['name']}: its source {want['path']} is not in the store")
            continue
        news = next(iter(load_documents([str(npath)])))
        news.meta.date = gold["news"]["date"]
        news.meta.kind = "news"
        news = next(analyse([news]))
        cands = link_candidates(news, con, limit=3)
        ids = [c.doc_id for c in cands]
        total += 1
        top1 += bool(ids[:1] == [src_id])
        top3 += src_id in ids
        mark = "ok " if ids[:1] == [src_id] else ("top3" if src_id in ids else "MISS")
        print(f"{mark} {gold['name']:45} " + " | ".join(f"{c.score:.2f} {(c.title or '')[:50]}" for c in cands))
        if details and ids[:1] != [src_id]:
            for c in cands:
                print(f"      {c.score:.2f} {c.signals} {'; '.join(c.reasons)[:300]}")
    if total:
        print(f"top-1 {top1}/{total} = {top1 / total:.2f}; top-3 {top3}/{total} = {top3 / total:.2f} "
              f"({time.perf_counter() - t0:.1f} s including analysis of the articles)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main(sys.argv[1:]))
