"""Run accord on the documents of every dev gold file and print the scores
(same rules as shared/eval/score_acts.py), per file and overall.

usage: python bench/eval_gold.py [--misses] [--gold DIR]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold_docs import SHARED, docs_of, gold_files  # noqa: E402

from accord.evaluate import act_records, format_scores, load_jsonl, score  # noqa: E402
from accord.pipeline import analyse_paths  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(SHARED / "gold" / "dev"))
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    all_gold, all_sys = [], []
    for gf in gold_files(Path(args.gold)):
        gold = load_jsonl(gf)
        docs = list(analyse_paths([str(p) for p in docs_of(gf)]))
        system = [r for d in docs for r in act_records(d)]
        res = score(gold, system)
        print(f"== {gf.name}: full F1 {res['full']['f1']:.3f}")
        if args.misses:
            for m in res["misses"]:
                print(f"   {m['kind']:<9} {m['act']:<9} {m['source']} -> {m['target']} | {m['sentence'][:110]}")
        all_gold += gold
        all_sys += system
    res = score(all_gold, all_sys)
    print("== all dev gold")
    print(format_scores(res))


if __name__ == "__main__":
    main()
