"""Print random ledger entries and random `fulfilled` events of a store, for a hand audit
(is it a commitment by those parties; does the later sentence report that matter done),
with the share of one-party entries without counterpart and of one-word matters.

    .venv/bin/python bench/audit_commitments.py --db STORE [--seed 1901] [--n 30] [--events 20]
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from accord.store import Store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--seed", type=int, default=1901)
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--events", type=int, default=20)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with Store(args.db, read_only=True) as store:
        c = store.con
        n = c.execute("SELECT count(*) FROM commitments").fetchone()[0]
        alone = c.execute("SELECT count(*) FROM commitments WHERE len(parties) = 1 AND len(counterpart) = 0").fetchone()[0]
        one = c.execute("SELECT count(*) FROM commitments WHERE len(string_split(matter, ' ')) = 1").fetchone()[0]
        print(f"commitments {n}; one party, no counterpart {alone} ({alone / max(1, n):.1%}); "
              f"one-word matters {one} ({one / max(1, n):.1%})")
        ids = [r[0] for r in c.execute("SELECT id FROM commitments ORDER BY id").fetchall()]
        for i in rng.sample(ids, min(args.n, len(ids))):
            r = c.execute("SELECT CAST(date AS VARCHAR), parties, counterpart, matter, deadline_text, sentence "
                          "FROM commitments WHERE id = ?", [i]).fetchone()
            print(f"C {i} {r[0]} {r[1]}->{r[2]} | {r[3]} | deadline {r[4]}\n    {r[5][:300]}")
        evs = c.execute("SELECT commitment_id, doc_id, sentence_idx FROM commitment_events WHERE kind = 'fulfilled' "
                        "ORDER BY 1, 2, 3").fetchall()
        for cid, doc, si in rng.sample(evs, min(args.events, len(evs))):
            m = c.execute("SELECT matter, sentence FROM commitments WHERE id = ?", [cid]).fetchone()
            e = c.execute("SELECT CAST(date AS VARCHAR), sentence, shared_terms FROM commitment_events WHERE commitment_id = ? "
                          "AND doc_id = ? AND sentence_idx = ? AND kind = 'fulfilled'", [cid, doc, si]).fetchone()
            print(f"F {cid} | {m[0]}\n    made: {m[1][:200]}\n    later {e[0]}: {e[1][:220]} {e[2]}")


if __name__ == "__main__":
    main()
