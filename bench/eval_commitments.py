"""The commitments ledger against the hand-labelled set in tests/data/commitments/labels.jsonl
(guide: tests/data/commitments/README.md); the dev set and the check set reported separately.

    .venv/bin/python bench/eval_commitments.py [--details] [--db STORE] [--keep DIR]

Without --db, a store is built in a temporary folder (or DIR with --keep) from the labelled
documents (each labelled sentence's document, its labelled follow-ups and the listed
distractor documents), read from the unpacked corpus (~/.cache/accord-corpus or
$ACCORD_CORPUS_CACHE) or, failing that, from ../shared/corpus/*.tar.gz; then `extract` and
the ledger build run on it. With --db, an existing store that holds those documents (paths
relative to the corpus root) and a built ledger is used as is.

A label is matched to the ledger's commitments made in the sentence of its document that
contains the label's text (the commitment's own sentence or that of one of its `made` events:
a restatement merged into an earlier sentence's record is made in the later sentence too). Figures, per set:
- commitment precision: of the labelled sentences the ledger enters, the share that are
  commitments (labels with "commitment": false are the negatives); recall: of the labelled
  commitments, the share the ledger enters;
- status accuracy: of the labelled commitments the ledger enters, the share whose status
  as of each labelled date is right (also given over all labelled commitments, a missed
  one counting wrong);
- fulfilled evidence: (commitment, later document) pairs the ledger marks `fulfilled`
  against the pairs labelled `fulfilled`: precision, recall (recall over the commitments
  the ledger enters);
- overdue precision: of the labelled sentences the ledger shows as `overdue` on the
  labelled date (2026-11-01), the share labelled overdue (a non-commitment shown overdue
  is wrong).
The per-label line says ok when the ledger's decision, status and fulfilled links all
agree with the label, else diff.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
LABELS = ROOT / "tests" / "data" / "commitments" / "labels.jsonl"
SHARED = ROOT.parent / "shared"
CACHE = Path(os.environ.get("ACCORD_CORPUS_CACHE", Path.home() / ".cache" / "accord-corpus"))
ARCHIVES = {"beehive": "beehive-releases.tar.gz", "wh-briefings": "wh-briefings.tar.gz"}
PRIORITY = {"reversed": 4, "fulfilled": 3, "progressed": 2, "reaffirmed": 1}


def norm(s: str) -> str:
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s).strip().lower()


def load_labels(path: Path = LABELS) -> dict:
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    head, labels = lines[0], lines[1:]
    return {**head, "labels": labels}


def label_docs(data: dict, which: str | None = None) -> list[str]:
    docs = list(data.get("context", []))
    for c in data["labels"]:
        if which and c["set"] != which:
            continue
        docs.append(c["doc"])
        docs += [f["doc"] for f in c.get("followups", [])]
    return sorted(set(docs))


def materialise(docs: list[str], dest: Path) -> tuple[list[str], list[str]]:
    """Copy (or extract) the corpus documents under dest with their archive paths; returns
    (paths relative to dest, missing)."""
    found, missing, wanted = [], [], {}
    for d in docs:
        if d.startswith("examples/"):
            src = ROOT / d
            if src.exists():
                (dest / d).parent.mkdir(parents=True, exist_ok=True)
                (dest / d).write_bytes(src.read_bytes())
                found.append(d)
            else:
                missing.append(d)
        elif (CACHE / d).exists():
            (dest / d).parent.mkdir(parents=True, exist_ok=True)
            (dest / d).write_bytes((CACHE / d).read_bytes())
            found.append(d)
        else:
            wanted.setdefault(d.split("/")[0], set()).add(d)
    for top, names in wanted.items():
        archive = SHARED / "corpus" / ARCHIVES.get(top, "")
        if not archive.is_file():
            missing += sorted(names)
            continue
        with tarfile.open(archive, "r:gz") as tf:
            for m in tf:
                if m.name in names:
                    (dest / m.name).parent.mkdir(parents=True, exist_ok=True)
                    (dest / m.name).write_bytes(tf.extractfile(m).read())
                    found.append(m.name)
                    names.discard(m.name)
                    if not names:
                        break
        missing += sorted(names)
    return found, missing


def build_store(data: dict, workdir: Path) -> tuple[Path, list[str]]:
    from accord.commitments import build
    from accord.service import extract
    from accord.store import Store

    corpus = workdir / "docs"
    corpus.mkdir(exist_ok=True)
    found, missing = materialise(label_docs(data), corpus)
    db = workdir / "eval.duckdb"
    cwd = os.getcwd()
    os.chdir(corpus)  # store paths as the labels name them
    try:
        with Store(db) as store:
            extract(store, found)
            build(store)
    finally:
        os.chdir(cwd)
    return db, missing


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def evaluate(db: Path, data: dict, which: str = "dev", details: bool = False) -> dict:
    from accord.commitments.query import STATUS_SQL
    from accord.store import Store

    labels = [x for x in data["labels"] if x["set"] == which]
    r = {"labelled": len(labels), "commitments": sum(x["commitment"] for x in labels), "entered": 0, "entered_true": 0,
         "status_ok": 0, "status_n": 0, "status_all_n": 0, "ful_tp": 0, "ful_fp": 0, "ful_fn": 0,
         "overdue_shown": 0, "overdue_right": 0, "lines": []}
    with Store(db, read_only=True) as store:
        for lab in labels:
            # a commitment made in the labelled sentence: its own sentence, or the sentence of one of
            # its `made` events (a restatement merged into an earlier sentence's record)
            rows = store.query(
                """SELECT c.id, c.sentence, c.matter, e.sentence AS made_in FROM commitments c
                   JOIN doc_paths p ON p.doc_id = c.doc_id
                   JOIN commitment_events e ON e.commitment_id = c.id AND e.kind = 'made'
                   WHERE p.path = ? OR p.path LIKE ? ORDER BY c.sentence_idx, c.id""", [lab["doc"], "%/" + lab["doc"]])
            want = norm(lab["sentence"])
            cms, seen = [], set()
            for x in rows:
                if x["id"] not in seen and (want in norm(x["sentence"]) or want in norm(x["made_in"] or "")):
                    seen.add(x["id"])
                    cms.append(x)
            truth = lab["commitment"]
            checks = lab.get("status", []) if truth else []
            r["status_all_n"] += len(checks)
            expected = {f["doc"] for f in lab.get("followups", []) if f["label"] == "fulfilled"}
            tag = lab["id"] + " " + lab["doc"].split("/")[-1][:44]
            if not cms:
                if truth:
                    r["ful_fn"] += len(expected)
                r["lines"].append(f"{'diff' if truth else 'ok  '} {tag} | {'MISSED' if truth else 'out (right)'} | {lab['sentence'][:60]}")
                continue
            r["entered"] += 1
            r["entered_true"] += truth
            ids = [x["id"] for x in cms]
            evs = store.query("""SELECT e.commitment_id, e.kind, p.path FROM commitment_events e
                                 JOIN (SELECT doc_id, min(path) AS path FROM doc_paths GROUP BY doc_id) p ON p.doc_id = e.doc_id
                                 WHERE e.kind <> 'made' AND e.commitment_id IN (SELECT unnest(?))""", [ids])
            pred: dict[str, str] = {}
            for e in evs:
                if e["path"] not in pred or PRIORITY[e["kind"]] > PRIORITY[pred[e["path"]]]:
                    pred[e["path"]] = e["kind"]
            fulfilled = {d for d, k in pred.items() if k == "fulfilled"}
            # the record the label speaks of: the one with most events, else the first
            per_c = {i: sum(e["commitment_id"] == i for e in evs) for i in ids}
            best = max(ids, key=lambda i: (per_c[i], -ids.index(i)))
            got, ok = [], truth
            for chk in checks or [{"as_of": data.get("as_of", "2026-11-01"), "status": None}]:
                st = store.con.execute(f"SELECT status FROM ({STATUS_SQL}) q WHERE id = $id",
                                       {"as_of": chk["as_of"], "id": best}).fetchone()
                st = st[0] if st else None
                if chk["as_of"] == data.get("as_of", "2026-11-01") and st == "overdue":
                    r["overdue_shown"] += 1
                    r["overdue_right"] += chk["status"] == "overdue"
                if chk["status"] is None:
                    got.append(f"{st}")
                    continue
                r["status_n"] += 1
                r["status_ok"] += st == chk["status"]
                ok = ok and st == chk["status"]
                got.append(f"{chk['as_of']} {st}{'' if st == chk['status'] else ' (want ' + chk['status'] + ')'}")
            if truth:
                r["ful_tp"] += len(fulfilled & expected)
                r["ful_fp"] += len(fulfilled - expected)
                r["ful_fn"] += len(expected - fulfilled)
                ok = ok and fulfilled == expected
            r["lines"].append(f"{'ok  ' if ok else 'diff'} {tag} | {'entered' if truth else 'ENTERED, not a commitment'} "
                              f"'{cms[0]['matter'][:50]}' | fulfilled +{len(fulfilled & expected)} fp {len(fulfilled - expected)} "
                              f"fn {len(expected - fulfilled)} | " + "; ".join(got))
            if details:
                for d in sorted(set(pred) | expected):
                    lab_kind = next((f["label"] for f in lab.get("followups", []) if f["doc"] == d), "-")
                    lines = r["lines"]
                    lines.append(f"        {pred.get(d, '-'):<10} want {lab_kind:<10} {d.split('/')[-1][:80]}")
    r["precision"] = _ratio(r["entered_true"], r["entered"])
    r["recall"] = _ratio(r["entered_true"], r["commitments"])
    r["status_accuracy"] = _ratio(r["status_ok"], r["status_n"])
    r["status_accuracy_all"] = _ratio(r["status_ok"], r["status_all_n"])
    r["fulfilled_precision"] = _ratio(r["ful_tp"], r["ful_tp"] + r["ful_fp"])
    r["fulfilled_recall"] = _ratio(r["ful_tp"], r["ful_tp"] + r["ful_fn"])
    r["overdue_precision"] = _ratio(r["overdue_right"], r["overdue_shown"])
    return r


def summary(r: dict, which: str) -> list[str]:
    return [
        f"[{which}] {r['labelled']} labelled sentences, {r['commitments']} commitments; ledger entered {r['entered']}",
        f"[{which}] commitment precision {r['precision']:.3f} ({r['entered_true']}/{r['entered']}), "
        f"recall {r['recall']:.3f} ({r['entered_true']}/{r['commitments']})",
        f"[{which}] status accuracy {r['status_accuracy']:.3f} ({r['status_ok']}/{r['status_n']} checks of entered commitments; "
        f"{r['status_accuracy_all']:.3f} over all {r['status_all_n']} labelled checks)",
        f"[{which}] fulfilled evidence precision {r['fulfilled_precision']:.3f} recall {r['fulfilled_recall']:.3f} "
        f"(tp {r['ful_tp']} fp {r['ful_fp']} fn {r['ful_fn']})",
        f"[{which}] overdue precision {r['overdue_precision']:.3f} ({r['overdue_right']}/{r['overdue_shown']})"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--db", help="an existing store with the labelled documents and a built ledger")
    ap.add_argument("--keep", help="build the store in this folder and keep it")
    ap.add_argument("--sets", default="dev,check", help="which sets to report (dev, check, check2)")
    args = ap.parse_args()
    data = load_labels()
    with tempfile.TemporaryDirectory() as tmp:
        missing = []
        db = Path(args.db) if args.db else None
        if db is None:
            work = Path(args.keep) if args.keep else Path(tmp)
            work.mkdir(parents=True, exist_ok=True)
            db, missing = build_store(data, work)
        out = []
        for which in args.sets.split(","):
            res = evaluate(db, data, which, args.details)
            if which == "dev" or args.details:
                print("\n".join(res["lines"]))
            out += summary(res, which)
    if missing:
        print(f"skipped: {len(missing)} labelled documents not found (corpus absent?): {missing[:3]}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
