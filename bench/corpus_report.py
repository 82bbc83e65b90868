"""Acts per act type and the most frequent dyads in a store (for the issue notes).

usage: python bench/corpus_report.py --db STORE [--top 20] [--source-prefix PATH]
Dyads are ordered pairs as in the CAMEO dyad export: every source with every target,
or, for an act among its sources with no target, every ordered pair of sources.
"""
from __future__ import annotations

import argparse

import duckdb


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--path-like", default=None, help="only documents whose path contains this")
    args = ap.parse_args()
    con = duckdb.connect(args.db, read_only=True)
    where = ""
    params: list = []
    if args.path_like:
        where = "WHERE a.doc_id IN (SELECT id FROM documents WHERE path LIKE ?)"
        params = [f"%{args.path_like}%"]
    docs = con.execute("SELECT count(*) FROM documents" + (" WHERE path LIKE ?" if args.path_like else ""), params).fetchone()[0]
    total = con.execute(f"SELECT count(*) FROM acts a {where}", params).fetchone()[0]
    print(f"documents {docs}  acts {total}")
    print("acts per type:")
    for act, n in con.execute(f"SELECT act, count(*) n FROM acts a {where} GROUP BY act ORDER BY n DESC", params).fetchall():
        print(f"  {act:<10} {n:>8}")
    sql = f"""
        WITH a AS (SELECT * FROM acts a {where}),
        pairs AS (
          SELECT s.src AS source, t.tgt AS target FROM a, unnest(a.source) s(src), unnest(a.target) t(tgt)
          WHERE len(a.target) > 0 AND s.src <> t.tgt
          UNION ALL
          SELECT s1.x, s2.y FROM a, unnest(a.source) s1(x), unnest(a.source) s2(y)
          WHERE len(a.target) = 0 AND s1.x <> s2.y)
        SELECT source, target, count(*) n FROM pairs GROUP BY 1, 2 ORDER BY n DESC LIMIT {int(args.top)}"""
    print(f"top {args.top} dyads (source -> target):")
    for src, tgt, n in con.execute(sql, params).fetchall():
        print(f"  {src:>5} -> {tgt:<5} {n:>7}")


if __name__ == "__main__":
    main()
