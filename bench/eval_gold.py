"""Run accord on the documents of the dev gold and print the scores (same rules as
shared/eval/score_acts.py): a Markdown table per document (full, act+source, act only),
then per genre, then the check set against the rest.

usage: python bench/eval_gold.py [--news DIR] [--misses] [--check-misses] [--gold DIR]

--news DIR: the dev news texts fetched as ../shared/gold/dev-news/README.md says
(DIR/<slug>.txt) and their unpacked gold (DIR/gold/<slug>.jsonl, or --news-gold).
The check set (CHECK below) is chosen once and its misses are hidden unless
--check-misses is given: its score tells whether the rules generalise.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold_docs import SHARED, docs_of, gold_files  # noqa: E402

from accord.evaluate import act_records, load_jsonl, score  # noqa: E402
from accord.pipeline import analyse_paths  # noqa: E402

# Chosen before any rule was changed (docs/evaluation.md); errors not read until the end.
CHECK = {
    "beehive-2004-12-01-joint-statement-nz-and-thai-prime-ministers",
    "beehive-2013-03-22-talks-viet-nams-defence-minister",
    "beehive-2021-09-20-joint-statement-new-zealand-and-australian",
    "beehive-2010-12-11-joint-statement-whaling-and-safety-sea",
    "wh-2022-09-21-readout-of-president-joe-bidens-meeting",
    "wh-2024-01-10-principal-deputy-national-security-advisor-jon",
    "nhk_20220920_japan_skorea_fm_wartime_labor",
    "chinaplus_20190715_e3_warn_iran_nuclear_deal",
}


def genre(name: str) -> str:
    if name.startswith("00"):
        return "seeds"
    if name.startswith("beehive-"):
        return "beehive"
    if name.startswith("wh-"):
        return "white house"
    return "news"


def cells(res: dict) -> str:
    return " | ".join(f"{res[k]['f1']:.3f}" for k in ("full", "act+source", "act"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(SHARED / "gold" / "dev"))
    ap.add_argument("--news", help="folder of fetched dev news texts (<slug>.txt)")
    ap.add_argument("--news-gold", help="folder of unpacked dev news gold (default NEWS/gold)")
    ap.add_argument("--misses", action="store_true", help="list misses of the documents outside the check set")
    ap.add_argument("--check-misses", action="store_true", help="also list the check set's misses")
    ap.add_argument("--only", help="substring: evaluate only matching documents")
    args = ap.parse_args()
    runs = []  # (name, gold records, paths)
    for gf in gold_files(Path(args.gold)):
        runs.append((gf.stem, load_jsonl(gf), [str(p) for p in docs_of(gf)]))
    if args.news:
        news = Path(args.news)
        ngold = Path(args.news_gold) if args.news_gold else news / "gold"
        for gf in sorted(ngold.glob("*.jsonl")):
            txt = news / f"{gf.stem}.txt"
            if txt.exists():
                runs.append((gf.stem, load_jsonl(gf), [str(txt)]))
    if args.only:
        runs = [r for r in runs if args.only in r[0]]
    print("| document | genre | gold acts | full | act+source | act |")
    print("|---|---|---|---|---|---|")
    groups: dict[str, tuple[list, list]] = {}
    for name, gold, paths in runs:
        system = [r for d in analyse_paths(paths) for r in act_records(d)]
        if not name.startswith("00") and "/" not in gold[0]["doc"]:
            pass
        if genre(name) == "news":  # news gold names the text by its slug; score on sentences
            for g in gold:
                g["doc"] = paths[0]
        res = score(gold, system)
        g = genre(name)
        mark = " (check)" if name in CHECK else ""
        print(f"| {name[:60]}{mark} | {g} | {sum(len(x['acts']) for x in gold)} | {cells(res)} |")
        for key in (g, "all official" if g != "news" else "all news", "check" if name in CHECK else "not check",
                    f"check {'news' if g == 'news' else 'official'}" if name in CHECK else f"rest {'news' if g == 'news' else 'official'}"):
            grp = groups.setdefault(key, ([], []))
            grp[0].extend(gold)
            grp[1].extend(system)
        if args.misses and (name not in CHECK or args.check_misses):
            for m in res["misses"]:
                print(f"   {m['kind']:<9} {m['act']:<9} {m['source']} -> {m['target']} | {m['sentence'][:150]}")
    print()
    print("| set | gold acts | full P | full R | full F1 | act+source F1 | act F1 |")
    print("|---|---|---|---|---|---|---|")
    for key, (gold, system) in groups.items():
        res = score(gold, system)
        f = res["full"]
        print(f"| {key} | {sum(len(x['acts']) for x in gold)} | {f['p']:.3f} | {f['r']:.3f} | {cells(res)} |")


if __name__ == "__main__":
    main()
