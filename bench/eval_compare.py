"""Per-label precision/recall of accord.compare on the hand-labelled pairs.

    .venv/bin/python bench/eval_compare.py [--details] [--set dev|check|all] [--kind news|official] [--rounds 1,2]

Official pairs live in tests/data/compare/*.json (sentence texts and labels). Their
documents are read from the repository (examples/) or from the shared corpus: the
unpacked cache (~/.cache/accord-corpus or $ACCORD_CORPUS_CACHE) or, failing that, the
archive members extracted from ../shared/corpus/*.tar.gz.

News pairs live in tests/data/compare/news/*.json: third-party text is not kept, so a
news sentence is a locator (offset, length and sha1 of its lower-cased letters and digits
in the article file) and the article is read from $ACCORD_NEWS_DIR (default
/work/newscache; how to fetch it: tests/data/compare/news/README.md). A gold news
sentence is matched to the predicted sentence that overlaps it most.

Pairs whose documents cannot be found are skipped with the reason. Scores (as
spec/COMPARE.md defines them): report macro-F1 over the report labels present in the
gold, supported-vs-not balanced accuracy, source `covered` recall; per set (dev, check),
per kind (news, official) and per labelling round (rounds 2 and 3: the pairs labelled in
those rounds, before the comparison was ever run on them; all of them are check pairs).
``--rounds 1,2`` scores (and, with --details, prints the errors of) those rounds only, so a
later check set's errors stay unread while tuning.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "compare"
NEWS_DIR = Path(os.environ.get("ACCORD_NEWS_DIR", "/work/newscache"))
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


def alnum(text: str) -> str:
    return "".join(c.lower() for c in text if c.isalnum())


def sha(stream: str) -> str:
    return hashlib.sha1(stream.encode()).hexdigest()[:16]


def news_path(gold: dict) -> Path:
    p = NEWS_DIR / gold["news"]["file"]
    if not p.exists():
        raise Missing(f"{p} absent: fetch the article as tests/data/compare/news/README.md says")
    return p


def load_pair(gold: dict, tmp: Path):
    """Both documents as `accord compare` sees them: with actors and acts extracted
    (set ACCORD_COMPARE_LEXICAL=1 to score the lexical path alone)."""
    from accord.ingest import load_documents
    from accord.pipeline import analyse, prepare

    docs = []
    for side in ("news", "source"):
        if side == "news" and gold.get("kind") == "news":
            p = news_path(gold)
        else:
            p = locate(gold[side]["path"], gold[side]["archive"], tmp)
        d = [x for x in load_documents([str(p)])][0]
        if side == "news" and gold.get("kind") == "news":
            d.meta.date = gold["news"]["date"]  # the files carry no front matter
            d.meta.kind = "news"
            d.meta.publisher = gold["news"].get("outlet")
        docs.append(next(analyse([d])) if WITH_ACTS else prepare(d))
    return docs


def gold_files(kind: str | None = None) -> list[Path]:
    out = []
    if kind in (None, "official"):
        out += sorted(DATA.glob("*.json"))
    if kind in (None, "news"):
        out += sorted((DATA / "news").glob("*.json"))
    return out


def pair_set(gold: dict) -> str:
    return gold.get("set", "dev")


def sentence_spans(raw: str, texts: list[str]) -> list[tuple[int, int]]:
    """Each sentence's span in the article's letters-and-digits stream (-1, -1 when not found)."""
    stream = alnum(raw)
    out, cur = [], 0
    for t in texts:
        a = alnum(t)
        if not a:
            out.append((-1, -1))
            continue
        i = stream.find(a, cur)
        if i < 0:
            i = stream.find(a)
        if i < 0:
            out.append((-1, -1))
            continue
        out.append((i, i + len(a)))
        cur = i + len(a)
    return out


def match_news(gold: dict, cmp) -> list[tuple[dict, object]]:
    """(gold sentence, predicted NewsItem or None) for a news pair (locators) or an official
    pair (texts)."""
    if gold.get("kind") != "news":
        pn = {n.text: n for n in cmp.news}
        return [(g, pn.get(g["text"])) for g in gold["news_sentences"]]
    raw = news_path(gold).read_text(encoding="utf-8")
    stream = alnum(raw)
    spans = sentence_spans(raw, [n.text for n in cmp.news])
    out = []
    for g in gold["news_sentences"]:
        a, b = g["pos"], g["pos"] + g["n"]
        if sha(stream[a:b]) != g["h"]:
            raise Missing(f"{gold['name']}: the article text differs from the one labelled (sentence at {a})")
        best, best_ov = None, 0
        for n, (x, y) in zip(cmp.news, spans):
            ov = min(b, y) - max(a, x)
            if ov > best_ov:
                best, best_ov = n, ov
        out.append((g, best if best_ov >= 0.5 * g["n"] else None))
    return out


def evaluate(paths: list[Path] | None = None, tmp: Path | None = None, details: bool = False, sets: tuple[str, ...] = ("dev", "check"),
             rounds: tuple[int, ...] | None = None):
    """Returns (per-pair results, skipped {name: reason}, (gold, predicted) news labels,
    (gold, predicted) source labels). ``results[name]`` carries ``set`` and ``kind``."""
    from accord.compare import compare

    tmp = tmp or Path(tempfile.mkdtemp(prefix="accord-compare-"))
    results, skipped = {}, {}
    pairs_news: list[tuple[str, str]] = []  # (gold, predicted)
    pairs_src: list[tuple[str, str]] = []
    for path in paths or gold_files():
        gold = json.loads(path.read_text(encoding="utf-8"))
        if pair_set(gold) not in sets or (rounds is not None and gold.get("round", 1) not in rounds):
            continue
        try:
            news, src = load_pair(gold, tmp)
            cmp = compare(news, src)
            matched = match_news(gold, cmp)
        except Missing as exc:
            skipped[gold["name"]] = str(exc)
            continue
        ps = {s.text: s for s in cmp.source}
        res = {"news": [], "source": [], "seconds": cmp.seconds, "set": pair_set(gold), "kind": gold.get("kind", "official"),
               "round": gold.get("round", 1)}
        for g, p in matched:
            pred = p.label if p else "missing"
            pairs_news.append((g["label"], pred))
            res["news"].append((g["idx"], g["label"], pred, p.text if p else g.get("text", ""), p.reason if p else ""))
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


def scores(news_pairs: list[tuple[str, str]], src_pairs: list[tuple[str, str]]) -> dict[str, float]:
    """The figures of spec/COMPARE.md: report macro-F1 over the labels present in the gold,
    supported-vs-not balanced accuracy, source accuracy and `covered` recall."""
    p = prf(news_pairs, NEWS_LABELS)
    f1s = []
    for lab in NEWS_LABELS:
        s = p[lab]
        if s["gold"] == 0:
            continue
        P = s["precision"] if s["precision"] == s["precision"] else 0.0
        R = s["recall"]
        f1s.append(2 * P * R / (P + R) if P + R else 0.0)
    pos = [(g == "supported", q == "supported") for g, q in news_pairs]
    tpr = sum(1 for g, q in pos if g and q) / max(1, sum(1 for g, _ in pos if g))
    tnr = sum(1 for g, q in pos if not g and not q) / max(1, sum(1 for g, _ in pos if not g))
    sp = prf(src_pairs, SOURCE_LABELS)
    return {"macro_f1": sum(f1s) / len(f1s) if f1s else float("nan"), "balanced_acc": (tpr + tnr) / 2,
            "covered_recall": sp["covered"]["recall"], "source_acc": sp["_accuracy"]["accuracy"],
            "news_n": len(news_pairs), "source_n": len(src_pairs)}


def group_keys(res: dict) -> list[str]:
    """The groups a pair counts in: all, its set, kind and labelling round; the check pairs
    of each round (rounds 2 and 3: labelled before any run on them); rounds 1-2 together
    (the pairs whose errors had been read when round 3 began)."""
    r = res.get("round", 1)
    keys = ["all", f"set={res['set']}", f"kind={res['kind']}", f"round={r}"]
    if res["set"] == "check":
        keys.append(f"check,round={r}")
    if r < 3:
        keys.append("rounds=1-2")
    return keys


def grouped(results: dict) -> dict[str, tuple[list, list]]:
    """(news pairs, source pairs) per group: all, each set, each kind."""
    out: dict[str, tuple[list, list]] = {}
    for name, res in results.items():
        for key in group_keys(res):
            n, s = out.setdefault(key, ([], []))
            n.extend((g, p) for _, g, p, *_ in res["news"])
            s.extend((g, p) for _, g, p, *_ in res["source"])
    return out


def summary_table(results: dict) -> str:
    lines = [f"  {'group':16} {'pairs':>5} {'news':>5} {'src':>5} {'macroF1':>8} {'bal.acc':>8} {'cov.R':>6} {'src acc':>8}"]
    counts: Counter = Counter(k for res in results.values() for k in group_keys(res))
    for key, (n, s) in sorted(grouped(results).items(), key=lambda kv: (kv[0] != "all", kv[0])):
        sc = scores(n, s)
        lines.append(f"  {key:16} {counts[key]:5d} {sc['news_n']:5d} {sc['source_n']:5d} {sc['macro_f1']:8.2f} "
                     f"{sc['balanced_acc']:8.2f} {sc['covered_recall']:6.2f} {sc['source_acc']:8.2f}")
    return "\n".join(lines)


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
    which = argv[argv.index("--set") + 1] if "--set" in argv else "all"
    kind = argv[argv.index("--kind") + 1] if "--kind" in argv else None
    sets = ("dev", "check") if which == "all" else (which,)
    rounds = tuple(int(r) for r in argv[argv.index("--rounds") + 1].split(",")) if "--rounds" in argv else None
    results, skipped, pn, ps = evaluate(gold_files(kind), details=details, sets=sets, rounds=rounds)
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
    print("scores (spec/COMPARE.md)")
    print(summary_table(results))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main(sys.argv[1:]))
