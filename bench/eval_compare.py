"""Per-label precision/recall of accord.compare on the hand-labelled pairs.

    .venv/bin/python bench/eval_compare.py [--details]

Pairs live in tests/data/compare/*.json (sentence texts and labels only). Their documents
are read from the repository (examples/) or from the shared corpus: the unpacked cache
(~/.cache/accord-corpus or $ACCORD_CORPUS_CACHE) or, failing that, the archive members
extracted from ../shared/corpus/*.tar.gz. Pairs whose documents cannot be found are
skipped with the reason.
"""
from __future__ import annotations

import json
import os
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "compare"
SHARED = ROOT.parent / "shared"
CACHE = Path(os.environ.get("ACCORD_CORPUS_CACHE", Path.home() / ".cache" / "accord-corpus"))
NEWS_LABELS = ("supported", "strength_changed", "added", "contradicted")
SOURCE_LABELS = ("covered", "omitted")


class Missing(Exception):
    pass


def locate(rel: str, archive: str | None, tmp: Path) -> Path:
    if archive is None:
        p = ROOT / rel
        if p.exists():
            return p
        raise Missing(f"{rel} not in the repository")
    if (CACHE / rel).exists():
        return CACHE / rel
    arc = SHARED / "corpus" / archive
    if not arc.exists():
        raise Missing(f"{rel}: no unpacked corpus at {CACHE} and no archive {arc} (../shared absent)")
    out = tmp / rel
    if not out.exists():
        with tarfile.open(arc) as tf:
            try:
                m = tf.getmember(rel)
            except KeyError:
                raise Missing(f"{rel} not in {arc}")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(tf.extractfile(m).read())
    return out


WITH_ACTS = os.environ.get("ACCORD_COMPARE_LEXICAL") != "1"


def load_pair(gold: dict, tmp: Path):
    """Both documents as `accord compare` sees them: with actors and acts extracted
    (set ACCORD_COMPARE_LEXICAL=1 to score the lexical path alone)."""
    from accord.ingest import load_documents
    from accord.pipeline import analyse, prepare

    docs = []
    for side in ("news", "source"):
        p = locate(gold[side]["path"], gold[side]["archive"], tmp)
        d = [x for x in load_documents([str(p)])][0]
        docs.append(next(analyse([d])) if WITH_ACTS else prepare(d))
    return docs


def gold_files() -> list[Path]:
    return sorted(DATA.glob("*.json"))


def evaluate(paths: list[Path] | None = None, tmp: Path | None = None, details: bool = False):
    """Returns (per-pair results, skipped {name: reason}, confusion Counters)."""
    from accord.compare import compare

    tmp = tmp or Path(tempfile.mkdtemp(prefix="accord-compare-"))
    results, skipped = {}, {}
    pairs_news: list[tuple[str, str]] = []  # (gold, predicted)
    pairs_src: list[tuple[str, str]] = []
    for path in paths or gold_files():
        gold = json.loads(path.read_text(encoding="utf-8"))
        try:
            news, src = load_pair(gold, tmp)
        except Missing as exc:
            skipped[gold["name"]] = str(exc)
            continue
        cmp = compare(news, src)
        pn = {n.text: n for n in cmp.news}
        ps = {s.text: s for s in cmp.source}
        res = {"news": [], "source": [], "seconds": cmp.seconds}
        for g in gold["news_sentences"]:
            p = pn.get(g["text"])
            pred = p.label if p else "missing"
            pairs_news.append((g["label"], pred))
            res["news"].append((g["idx"], g["label"], pred, g["text"], p.reason if p else ""))
        for g in gold["source_sentences"]:
            p = ps.get(g["text"])
            pred = p.label if p else "missing"
            pairs_src.append((g["label"], pred))
            res["source"].append((g["idx"], g["label"], pred, g["text"]))
        results[gold["name"]] = res
    return results, skipped, pairs_news, pairs_src


def prf(pairs: list[tuple[str, str]], labels) -> dict[str, dict[str, float]]:
    out = {}
    for lab in labels:
        tp = sum(1 for g, p in pairs if g == lab and p == lab)
        fp = sum(1 for g, p in pairs if g != lab and p == lab)
        fn = sum(1 for g, p in pairs if g == lab and p != lab)
        P = tp / (tp + fp) if tp + fp else float("nan")
        R = tp / (tp + fn) if tp + fn else float("nan")
        out[lab] = {"gold": tp + fn, "pred": tp + fp, "tp": tp, "precision": P, "recall": R}
    acc = sum(1 for g, p in pairs if g == p) / len(pairs) if pairs else float("nan")
    out["_accuracy"] = {"accuracy": acc, "n": len(pairs)}
    return out


def table(title: str, scores: dict) -> str:
    lines = [title, f"  {'label':18} {'gold':>5} {'pred':>5} {'tp':>4} {'P':>6} {'R':>6}"]
    for lab, s in scores.items():
        if lab.startswith("_"):
            continue
        f = lambda v: "   -  " if v != v else f"{v:6.2f}"
        lines.append(f"  {lab:18} {s['gold']:5d} {s['pred']:5d} {s['tp']:4d} {f(s['precision'])} {f(s['recall'])}")
    a = scores["_accuracy"]
    lines.append(f"  accuracy {a['accuracy']:.2f} over {a['n']} sentences")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    details = "--details" in argv
    results, skipped, pn, ps = evaluate(details=details)
    for name, reason in skipped.items():
        print(f"skipped {name}: {reason}")
    print(f"pairs: {', '.join(results) or 'none'}")
    for name, res in results.items():
        sn = prf([(g, p) for _, g, p, *_ in res["news"]], NEWS_LABELS)["_accuracy"]["accuracy"]
        ss = prf([(g, p) for _, g, p, *_ in res["source"]], SOURCE_LABELS)["_accuracy"]["accuracy"]
        print(f"  {name:24} news acc {sn:.2f}  source acc {ss:.2f}  ({res['seconds'] * 1000:.0f} ms)")
        if details:
            for idx, g, p, text, reason in res["news"]:
                if g != p:
                    print(f"    N{idx:<3} gold {g:16} pred {p:16} {text[:80]}\n         {reason[:160]}")
            for idx, g, p, text in res["source"]:
                if g != p:
                    print(f"    S{idx:<3} gold {g:8} pred {p:8} {text[:100]}")
    print(table("news sentences (all pairs)", prf(pn, NEWS_LABELS)))
    print(table("source sentences (all pairs)", prf(ps, SOURCE_LABELS)))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main(sys.argv[1:]))
