"""accord.commitments on real data: the seed joint statement and the real beehive release
of 1 November 2025 in which the New Zealand-Korea Comprehensive Strategic Partnership was
launched. Needs ../shared (the corpus archive) or its unpacked cache; skips otherwise."""
from __future__ import annotations

import csv
import os
import shutil
import tarfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli import app
from accord.commitments import build, commitment, list_commitments, status_counts
from accord.commitments.ledger import classify, classify_report, classify_title
from accord.commitments.terms import context_terms, stem
from accord.acts.extract import get_nlp
from accord.commitments.matter import analyse, find_deadline
from accord.service import extract
from accord.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "000_d8a6e55ad387dd7a.txt"
RELEASE = "beehive/releases/2025/11/2025-11-01-pm-luxon-concludes-asia-trip.md"
CACHE = Path(os.environ.get("ACCORD_CORPUS_CACHE", Path.home() / ".cache" / "accord-corpus"))
CSP = "decided to advance discussions on elevating"


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    shared = ROOT.parent / "shared"
    if not shared.is_dir():
        pytest.skip(f"real data folder {shared} is absent (the beehive corpus lives there)")
    if (CACHE / RELEASE).is_file():
        return CACHE / RELEASE
    archive = shared / "corpus" / "beehive-releases.tar.gz"
    if not archive.is_file():
        pytest.skip(f"corpus archive {archive} is absent")
    out = tmp_path_factory.mktemp("corpus")
    with tarfile.open(archive) as tf:
        tf.extract(RELEASE, out, filter="data")
    return out / RELEASE


@pytest.fixture(scope="module")
def store_path(release, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("cm") / "cm.duckdb"
    with Store(db) as store:
        extract(store, [str(SEED), str(release)])
        s = build(store)
    assert s.commitments > 10
    return db


def _csp(store: Store) -> dict:
    rows = [r for r in list_commitments(store, as_of="2026-11-01", limit=None) if CSP in r["sentence"]]
    assert len(rows) == 1, [r["matter"] for r in rows]  # restated in one sentence (two acts): one record
    return rows[0]


def test_seed_commitment_is_exploratory_with_deadline(store_path):
    with Store(store_path, read_only=True) as store:
        c = _csp(store)
    assert c["firmness"] == "exploratory"
    assert sorted(c["parties"]) == ["KOR", "NZL"]
    assert c["deadline_text"] == "in 2025"
    assert str(c["deadline_start"]) == "2025-01-01" and str(c["deadline_end"]) == "2025-12-31"
    assert "Comprehensive Strategic Partnership" in c["matter"]
    assert c["matter"].split()[0] == "adopt"  # the purpose ("with the aim of adopting ... framework"), lemmatised
    assert str(c["date"]) == "2024-09-04"


def test_fulfilled_by_the_november_2025_release(store_path):
    with Store(store_path, read_only=True) as store:
        c = _csp(store)
        assert c["status"] == "fulfilled"
        full = commitment(store, c["id"], as_of="2026-11-01")
        before = commitment(store, c["id"], as_of="2025-06-01")
    follow = [e for e in full["events"] if e["kind"] != "made"]
    assert [e["kind"] for e in follow] == ["fulfilled"]
    assert follow[0]["path"].endswith(RELEASE)
    assert "Lee Jae Myung launched" in follow[0]["sentence"]
    assert "KOR" in follow[0]["source"] + follow[0]["target"]  # another president, the same party
    assert before["status"] == "open"
    with Store(store_path, read_only=True) as store:  # the day before the release, and its day
        assert commitment(store, c["id"], as_of="2025-10-31")["status"] == "open"
        assert commitment(store, c["id"], as_of="2025-11-01")["status"] == "fulfilled"


def test_overdue_when_nothing_follows(tmp_path):
    with Store(tmp_path / "seed.duckdb") as store:  # the seed alone: nothing later fulfils it
        extract(store, [str(SEED)])
        s = build(store)
        assert s.events.get("fulfilled", 0) == 0
        assert _csp(store)["status"] == "overdue"
        assert commitment(store, _csp(store)["id"], as_of="2025-12-31")["status"] == "open"


def test_participle_is_not_a_commitment_and_ledger_is_idempotent(store_path, tmp_path):
    db = tmp_path / "copy.duckdb"
    shutil.copy(store_path, db)
    with Store(db) as store:
        n = store.count("commitments")
        # "the current Partnership for the 21st Century agreed in 2006" was extracted as a commit act
        agreed = store.query("SELECT id FROM acts WHERE trigger = 'agreed' AND sentence LIKE ?", [f"%{CSP}%"])
        for a in agreed:  # when the extractor yields it, the ledger drops it
            assert not store.query("SELECT id FROM commitments WHERE list_contains(act_ids, ?)", [a["id"]])
        sent = store.query("SELECT sentence FROM sentences s JOIN commitments c ON c.doc_id = s.doc_id "
                           "AND c.sentence_idx = s.idx WHERE s.text LIKE ?", [f"%{CSP}%"])[0]["sentence"]
        at = sent.index("agreed in 2006")
        m = analyse(get_nlp()(sent), at, at + len("agreed"), "commit", "in 2025", "2024-09-04")
        assert m.skip == "past reference"
        s = build(store)  # incremental: nothing new, nothing duplicated
        assert s.new_commitments == 0 and store.count("commitments") == n
        before = status_counts(store, "2026-11-01")
        build(store, rebuild=True)
        assert store.count("commitments") == n and status_counts(store, "2026-11-01") == before


def test_follow_ups_are_later_and_elsewhere(store_path):
    with Store(store_path, read_only=True) as store:
        bad = store.query("""SELECT e.* FROM commitment_events e JOIN commitments c ON c.id = e.commitment_id
                             WHERE e.kind <> 'made' AND (e.date <= c.date OR e.doc_id = c.doc_id)""")
        kinds = {r["kind"] for r in store.query("SELECT DISTINCT kind FROM commitment_events")}
    assert not bad
    assert kinds <= {"made", "reaffirmed", "progressed", "fulfilled", "reversed"}


def test_deadline_not_normalised_keeps_its_text():
    # beehive 2019: "... actions that will make our roads ... safer over the next decade"
    s = ("*Road to Zero* follows international best practice and outlines a comprehensive list of actions that will "
         "make our roads, vehicles, speed limits and drivers safer over the next decade, said Julie Anne Genter.")
    text, start, end, problem = find_deadline(s, s.index("will") + 4, None, "2019-12-16")
    assert text and "next decade" in text and start is None and end is None and problem == "unnormalised"
    # a past date is no deadline; a future one is normalised against the document date
    s2 = "New Zealand committed to supporting the ROK's successful hosting of the APEC in 2025."
    assert find_deadline(s2, 22, "in 2025", "2024-09-04")[1:3] == ("2025-01-01", "2025-12-31")
    assert find_deadline(s2, 22, "in 2025", "2026-02-01")[0] is None


def test_classify_with_the_verb_lists():
    terms = {"compre", "strate", "partne", "framew", "adopt"}
    assert classify("announce", "launched", " the New Zealand-Korea Comprehensive Strategic Partnership (CSP)", terms) == "fulfilled"
    fta = {"compre", "fre", "trad", "agree"}
    assert classify("announce", "launched", " negotiations on a Comprehensive Free Trade Agreement.", fta) == "progressed"
    assert classify("announce", "launched", " negotiations on a Comprehensive Free Trade Agreement.", fta | {"negoti"},
                    "launch negotiations on a Comprehensive Free Trade Agreement") == "fulfilled"
    assert classify("sanction", "cancel", " the Auckland Light Rail project.", {"light", "rail"}) == "reversed"
    assert classify("commit", "committed to launching", " the partnership", terms) == "reaffirmed"
    assert classify("meet", "held talks", " with Minister McClay", fta) == "progressed"


def test_cli_and_export(store_path, tmp_path):
    r = CliRunner().invoke(app, ["commitments", "--db", str(store_path), "--party", "KOR", "--status", "fulfilled",
                                 "--as-of", "2026-11-01", "--json"])
    assert r.exit_code == 0, r.output
    assert any(CSP in row["sentence"] for row in __import__("json").loads(r.output))
    with Store(store_path, read_only=True) as store:
        cid = _csp(store)["id"]
    r = CliRunner().invoke(app, ["commitment", cid[:8], "--db", str(store_path), "--as-of", "2026-11-01"])
    assert r.exit_code == 0, r.output
    assert "fulfilled" in r.output and "pm-luxon-concludes-asia-trip" in r.output
    r = CliRunner().invoke(app, ["commitments", "--db", str(store_path), "--status", "nonsense"])
    assert r.exit_code != 0
    out = tmp_path / "c.csv"
    r = CliRunner().invoke(app, ["export", "--format", "commitments-csv", "-o", str(out), "--db", str(store_path)])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    row = next(x for x in rows if x["id"] == cid)
    assert row["status"] == "fulfilled" and row["parties"] == "KOR;NZL" and row["deadline_end"] == "2025-12-31"


def test_seed_apec_hosting_followed_up_by_the_gyeongju_release(store_path):
    # "New Zealand committed to supporting the ROK's successful hosting of the APEC in 2025":
    # the 1 November 2025 release reports the Prime Minister at the APEC Leaders' Meeting in Gyeongju
    with Store(store_path, read_only=True) as store:
        rows = [r for r in list_commitments(store, as_of="2026-11-01", limit=None) if "hosting of the APEC" in r["sentence"]]
        assert len(rows) == 1
        full = commitment(store, rows[0]["id"], as_of="2026-11-01")
    later = [e for e in full["events"] if e["kind"] != "made"]
    assert any(e["path"].endswith(RELEASE) and "APEC" in e["sentence"] and "Gyeongju" in e["sentence"] for e in later)
    assert all(str(e["date"]) > "2024-09-04" for e in later)
    assert full["checked"]["documents"] >= 1 and full["checked"]["linked"] == len({e["doc_id"] for e in later})


def _gate(sentence: str, trigger: str, act: str = "commit", ref: str = "2024-01-23"):
    at = sentence.index(trigger)
    return analyse(get_nlp()(sentence), at, at + len(trigger), act, None, ref)


def test_entry_test_keeps_promises_and_leaves_out_the_rest():
    # sentences of the corpus (beehive and White House), each a reason the issue names
    assert _gate("No NZDF personnel will enter Yemen.", "enter").skip == "negated"
    assert _gate("Tomorrow, the President will travel to the Allentown area, where he'll meet with small-business owners.",
                 "travel").skip == "itinerary"
    assert _gate("I look forward to working with the new members as they begin their terms,\" Ms Upston says.",
                 "look forward to working").skip == "courtesy"
    assert _gate("Conservation Minister Eugenie Sage launched Te Koiroa O Te Koiora – Our shared vision for living with nature.",
                 "launched", "announce", "2019-08-04").skip == "completed"
    assert _gate("This morning, the President will sign an Executive Order outlining the Administration's implementation "
                 "priorities.", "sign", "sign", "2021-11-15").skip == "ceremony"
    assert _gate("The Emissions Reduction Plan will ensure New Zealand is on track to meet the climate targets.",
                 "ensure", ref="2022-05-16").skip == "forecast"
    # promises stay, with their matter
    m = _gate("New Zealand will contribute five Defence Force personnel to a multinational taskforce based in Bahrain "
              "from December 2019.", "contribute", ref="2019-09-18")
    assert m.skip is None and m.phrase.startswith("contribute five Defence Force personnel")
    assert m.deadline_end == "2019-12-31"
    m = _gate("The Government has today announced 11 infrastructure projects that will be fast-tracked under a new law.",
              "announced", "announce", "2020-06-15")
    assert m.skip is None  # an announcement of what will be done
    m = _gate("In addition, I'm pleased to announce to you today that we will send, in the next couple of weeks, half a "
              "million pediatric syringes.", "send", ref="2022-01-27")
    assert m.skip is None and m.deadline_end == "2022-02-10"


def test_reversal_of_a_promised_repeal_is_its_fulfilment():
    fpa = {"fair", "pay", "agreem", "act"}
    assert classify("sanction", "repealed", " the Fair Pay Agreements Act.", fpa, "repeal the Fair Pay Agreements Act") == "fulfilled"
    assert classify("sanction", "repealed", " the Fair Pay Agreements Act.", fpa, "introduce Fair Pay Agreements") == "reversed"
    assert classify_title("Government response to the EQC Inquiry released", {"respon", "releas"}, "release our responses") == "fulfilled"
    assert classify_title("Government cancels Auckland Light Rail", {"auckla", "light", "rail"}, "build Auckland Light Rail") == "reversed"
    assert classify_title("Minister meets farmers in Hawke's Bay", {"farmer"}, "support farmers") is None


def test_commitments_before_build_says_so(tmp_path):
    db = tmp_path / "empty.duckdb"
    with Store(db):
        pass
    r = CliRunner().invoke(app, ["commitments", "--db", str(db)])
    assert r.exit_code != 0
    assert "not built" in r.output and "--build" in r.output


def test_table_fits_80_columns(store_path):
    r = CliRunner().invoke(app, ["commitments", "--db", str(store_path), "--as-of", "2026-11-01", "--limit", "20"],
                           env={"COLUMNS": "80"}, terminal_width=80)
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert max(len(x) for x in lines) <= 80
    assert "matter" in r.output and "Comprehensive" in r.output  # the matter column is not squeezed to nothing


def test_entry_test_leaves_out_rhetoric_ceremonies_appointments_and_third_parties():
    # sentences of the corpus (White House proclamations, announcements, remarks, a G7 statement)
    assert _gate("We will uphold our fundamental duty to remember the lives of our fallen warriors.", "uphold",
                 ref="2022-09-23").skip == "rhetoric"
    assert _gate("I also direct that the flag shall be flown at half-staff for the same length of time.", "direct",
                 ref="2023-01-22").skip == "ceremony"
    assert _gate("The President is announcing his intent to nominate one individual to a federal circuit court.",
                 "announcing", "announce", "2023-10-04").skip == "completed"
    assert _gate("We are working to ensure that communities are prepared for the manufacturing renaissance.",
                 "prepared", ref="2024-07-24").skip == "other sense"
    assert _gate("And we did indeed see the Russians try to press their advantage.", "try to press", "explore",
                 "2024-07-11").skip == "not the speaker"
    assert _gate("We strongly condemn the sham referenda that Russia attempts to use as a pretext.", "attempts to use",
                 "explore", "2022-09-23").skip == "not the speaker"
    assert _gate('"Until then the Government will continue on getting things done," Jacinda Ardern said.', "continue",
                 ref="2020-01-28").skip in ("rhetoric", "forecast")  # "continue on" followed to "get"
    # still promises
    assert _gate("Officials announced plans to transform the port by 2030.", "announced", "announce", "2024-01-01").skip is None
    assert _gate("We will defend the Treaty of Waitangi settlement in court.", "defend", ref="2024-01-01").skip is None


def test_anaphoric_matter_takes_its_context():
    m = _gate("The Biden-Harris Administration will relaunch this regional collaboration, which presents an opportunity to "
              "continue to improve our respective national and regional commitments.", "relaunch", ref="2021-06-30")
    assert m.skip is None and m.anaphoric
    m = _gate("We'll take some time to consider each recommendation and will release our responses soon.", "release",
              ref="2020-04-08")
    assert m.skip is None and m.anaphoric
    m = _gate("We will invest an initial $27 million in the COVAX Facility.", "invest", ref="2020-09-21")
    assert m.skip is None and not m.anaphoric
    ctx = context_terms("Inquiry report into EQC released",
                        "Host the Fourth Trilateral Working Group on Violence Against Indigenous Women and Girls.")
    assert {stem("EQC"), stem("inquiry"), stem("Trilateral"), stem("Violence")} <= ctx
    assert stem("Host") not in ctx  # the first word of a sentence is no name


def test_a_later_lead_reports_a_thing_done():
    law = {stem(w) for w in ("fast", "track", "law", "projects")}
    assert classify_report("The law to boost the economic recovery has passed its second and third readings in the House "
                           "today.", law, "announce 11 projects that will be fast-tracked under a new law") == "fulfilled"
    assert classify_report("The Bill is expected to be passed next year.", law, "pass the Bill") is None
    assert classify_report("Talks were held in Wellington on the agreement.", {stem("agreement")}, "conclude an agreement") == "progressed"
    assert classify_report("The Fair Pay Agreements Act was repealed in December.", {stem("fair"), stem("pay")},
                           "introduce Fair Pay Agreements") == "reversed"
    # the promised verb itself, done
    assert classify_report("The Government has saved the taxpayer billions with two new ferries, Rail Minister Winston Peters "
                           "announced today.", {stem("ferry")}, "make an announcement before the end of this year") == "fulfilled"


def test_a_start_time_is_the_deadline_only_when_no_other_time_is():
    s = ("We will prevent up to 4.5 million tonnes of CO2 emissions with councils only purchasing zero emissions public "
         "transport buses from 2025 and decarbonising the entire bus fleet by 2035.")
    assert find_deadline(s, 8, "from 2025", "2021-05-05")[:3] == ("by 2035", "2035-01-01", "2035-12-31")
    s = "New Zealand will contribute five personnel to a taskforce based in Bahrain from December 2019."
    assert find_deadline(s, 20, "from December 2019", "2019-09-18")[2] == "2019-12-31"


def test_quoted_phrase_names_the_matter():
    from accord.commitments.ledger import quoted_names

    s = ("\"The first cab off the rank is banking and we are seeking feedback about the development of regulations, with a "
         "view of 'open banking' being operational by the end of 2025 – well before the target set by the recent Commerce "
         "Commission banking market study.")
    assert quoted_names(s, "seek feedback about the development of regulations with a view of ' open banking") == ["open banking"]
    assert quoted_names(s, "seek feedback about the development of regulations") == []  # not in the matter
    # a quoted sentence of a speaker is no name
    assert quoted_names("\"We will deliver it,\" the Minister said.", "deliver it") == []


def test_aim_at_is_followed_to_the_promise():
    m = _gate("We aim at concluding the ACCTS negotiations as swiftly as possible, and look forward to other WTO Members "
              "joining our initiative.", "aim", ref="2021-10-06")
    assert m.skip is None and m.phrase.startswith("conclude the ACCTS negotiations")
    assert stem("WTO") not in m.terms and stem("members") not in m.terms  # the courtesy clause is not the matter


def test_coordinated_promises_are_one_record_each():
    m = _gate("\"By the end of this year, we plan to introduce legislation to enable stronger consequences for serious youth "
              "offending, begin the phased rollout of free breast cancer screening for women to age 74, and release the final "
              "curriculum for English and Maths for use in primary schools in 2025.", "plan", ref="2024-09-30")
    assert m.skip is None and m.phrase.startswith("introduce legislation")
    assert [x.phrase.split()[0] for x in m.also] == ["begin", "release"]
    assert stem("breast") in m.also[0].terms and stem("breast") not in m.terms
    # a courtesy coordinated with a promise is no promise of its own
    m = _gate("We aim at concluding the ACCTS negotiations as swiftly as possible, and look forward to other WTO Members "
              "joining our initiative.", "aim", ref="2021-10-06")
    assert m.also == []


def test_entry_test_reads_promise_adjectives_causatives_and_reported_clauses():
    # fifth round: commit acts the entry test dropped (sentences of the corpus, check2's misses)
    m = _gate("In addition, I am committed to making the Federal Government a model employer — including for people with "
              "disabilities.", "committed to making", ref="2021-07-26")
    assert m.skip is None and m.phrase.startswith("make the Federal Government a model employer")
    m = _gate("New Zealand and Australia have committed to modernise our alliance.", "committed", ref="2025-04-07")
    assert m.skip is None and m.phrase == "modernise our alliance"
    m = _gate("Do this knowing the Government is determined to get a regulatory backstop finalised by the end of the year.",
              "determined to get", ref="2022-05-30")
    assert m.skip is None and m.deadline_end == "2022-12-31"
    # "announced today that New Zealand will provide": today is the announcement's, not a ceremony
    m = _gate("Foreign Affairs Minister Nanaia Mahuta announced today that New Zealand will provide COVID-19 vaccines to the "
              "Cook Islands from 19 May.", "provide", ref="2021-05-13")
    assert m.skip is None
    # an assurance of a fact is no promise of an act; a promise of a future act is
    assert _gate("I cannot promise you the way will be straight or the sailing will be easy, but I can promise you that you "
                 "all have the tools needed to navigate any waters you encounter.", "promise you that",
                 ref="2022-05-27").skip == "rhetoric"
    # still out: rhetoric with a vague object, a same-day launch of a bid
    assert _gate('"Until then the Government will continue on getting things done," Jacinda Ardern said.', "continue",
                 ref="2020-01-28").skip is not None
    assert _gate("The Australian and New Zealand Governments today launch an historic joint bid to bring the FIFA Women's "
                 "World Cup to the Southern Hemisphere for the first time.", "launch", "announce", "2019-12-13").skip == "completed"


def test_a_neighbouring_clause_time_is_no_deadline():
    def run(sentence, trigger, when, ref):
        at = sentence.index(trigger)
        return analyse(get_nlp()(sentence), at, at + len(trigger), "commit", when, ref)
    # the date of a relative clause of another noun, of a coordinated courtesy clause
    m = run('"We will continue to work with industry sectors and training organisations, the institutes of technology and '
            'polytechnics that will become part of the NZIST on 1 April, students, unions, whānau and communities to complete '
            'the task of building a better system of vocational education and training," Chris Hipkins said.',
            "continue to work", "on 1 April", "2020-02-19")
    assert m.skip is None and m.deadline_end is None
    m = run("The United States looks forward to rejoining the WHO Executive Board in May 2022, and will launch a Strategic "
            "Dialogue with WHO to ensure our mutual priorities are fully aligned.", "launch", "in May 2022", "2022-02-02")
    assert m.skip is None and m.deadline_end is None
    # the promised thing's own clause dates it ("a registration scheme ..., which comes into effect on 1 February 2026")
    m = run("New Zealand will also be introducing a compulsory registration scheme for New Zealanders who intend to do business "
            "with Iran, which comes into effect on 1 February 2026.", "introducing", "on 1 February 2026", "2025-10-17")
    assert m.deadline_end == "2026-02-01"


def test_a_repeal_promised_through_its_head_verb_is_fulfilled_by_the_repeal():
    tw = {"three", "water", "legisl", "repeal"}
    matter = "pass a bill to repeal Labour's divisive and unpopular Three Waters legislation"
    assert classify_title("Labour's Three Waters legislation repealed", tw, matter) == "fulfilled"
    assert classify("sanction", "repealed", " the Three Waters legislation.", tw, matter) == "fulfilled"
    assert classify_title("Labour's Three Waters legislation repealed", tw, "deliver Three Waters reform") == "reversed"


def test_entry_test_leaves_out_descriptions_forecasts_and_agenda_of_the_third_check_set():
    # sentences of the third check set (read after the fifth round), each a cause many documents share
    assert _gate('"New Zealand and the UK already cooperate closely on defence and security issues, have cultural connections '
                 'through history and migration, are strong supporters of the multilateral system, and share many values '
                 'that we seek to uphold on the world stage."', "seek to uphold", "explore", "2020-01-31").skip == "rhetoric"
    assert _gate("On the global economic recovery, President Biden reaffirmed the U.S. interest in serving as a strong, reliable "
                 "partner to APEC economies as we pursue sustained and inclusive growth.", "pursue", "explore",
                 "2021-07-16").skip == "rhetoric"
    assert _gate("In the first year of funding, Pharmac anticipates about 2,500 Kiwis will access the treatments they need that "
                 "weren't previously available to them.", "access", ref="2026-02-03").skip == "forecast"
    assert _gate("Following an Inspection of the Troops and a Troop in Review, facilitated by the U.S. Army Fife and Drum Corps, "
                 "the President will deliver remarks from the South Lawn.", "deliver", ref="2026-04-25").skip == "itinerary"
    assert _gate("Foreign Affairs Minister Winston Peters says the New Zealand government's Pacific Mission will take place from "
                 "4-9 March and travel to Tonga, Samoa, Niue, and the Cook Islands.", "take", ref="2018-02-19").skip == "itinerary"
    assert _gate('"I\'m pleased to announce the appointment of Dr Claire Achmad who will assume the position of Chair and Chief '
                 'Commissioner from 31 October 2023, and will hold the role of Deputy Chair until then.', "hold",
                 ref="2023-06-30").skip == "appointment"
    # a law that comes into force on a date is a scheduled act, not the forecast of a non-agent ("it")
    m = _gate('It will now come into force on 1 December 2019," Mr Nash says.', "come", ref="2019-06-17")
    assert m.skip is None
    # a promise of the speaker itself stays ("We will continue to work ..."), and a future one in a relative clause too
    assert _gate("The Government will deliver the projects that we will fund this year.", "deliver", ref="2024-01-01").skip is None


def test_a_participle_of_a_name_dates_that_event_not_the_promise():
    at = (s := "Both countries intend to work together on AI and gender issues, specifically in the view of the AI Summit "
               "hosted in Paris in 2025.").index("intend to work")
    m = analyse(get_nlp()(s), at, at + len("intend to work"), "commit", "in 2025", "2024-06-08")
    assert m.skip is None and m.deadline_end is None


def test_which_thing_a_follow_up_must_share():
    from accord.commitments.ledger import early_stage, object_terms

    # an anaphoric matter is about what it points back to: another Bill's reading shares only "pass" and "bill"
    obj = object_terms("pass this Bill", '"I intend to pass this Bill by the end of the year," Mr Bayly says.',
                       {"pass", "bill", "insura", "modern", "law"}, "by the end of the year")
    assert "insura" in obj and "bill" not in obj and "pass" not in obj
    from accord.commitments.terms import terms

    s = ("We intend to make an announcement before the end of this year detailing our agreements and how we have saved the "
         "taxpayer billions")
    obj = object_terms("make an announcement before the end of", s, terms(s), "this year")  # its matter names nothing
    assert obj >= terms("taxpayer billions") and not obj & terms("before the end of")
    # an early stage of a law progresses a promise to pass it, and fulfils one to introduce it
    assert early_stage("Planning reform bills pass first reading", "pass this Bill")
    assert not early_stage("The Bill, which passed third reading today", "pass this Bill")
    assert not early_stage("The Smokefree Amendment Bill passed its first reading", "introduce a Bill to the House")
    assert early_stage("Legislation reinstating offshore petroleum exploration has been introduced by the Coalition Government",
                       "act with urgency to reverse the ban on offshore oil and gas exploration")


def test_until_ends_a_span_not_a_deadline():
    # ninth round: a state kept "until" a date has no deadline (it was shown overdue once the date passed)
    s = ("Immigration New Zealand will continue to use the 2019 median wage of $25.50 per hour for immigration settings "
         "until at least July 2021 at which point the median wage will rise to $27 per hour.")
    assert find_deadline(s, 30, "July 2021", "2020-12-20")[0] is None
    s = "We will consider extending support until the end of March 2022."
    assert find_deadline(s, 10, "the end of March 2022", "2021-03-21")[0] is None
    assert find_deadline("We will pass the Bill by July 2021.", 10, None, "2020-12-20")[:3] == ("by July 2021", "2021-07-01",
                                                                                              "2021-07-31")


def test_kind_nouns_name_no_thing_and_a_law_is_passed_by_its_passing():
    from accord.commitments.ledger import law_passed

    # ninth round: "introduce legislation" (NZ Super, 2017) takes its context, as "release our responses" does
    m = _gate("The Government intends to introduce legislation to make these changes early in 2018.", "introduce legislation",
              ref="2017-03-06")
    assert m.skip is None and m.anaphoric
    assert not law_passed("Electrifying growth: Infrastructure and energy RMA national direction changes: The Government's "
                          "important changes to boost infrastructure delivery come into effect today", "pass the Bills into law")
    assert law_passed("Traffic congestion-busting Bill passes third reading", "pass the Bills into law")
    assert law_passed("Labour's Three Waters legislation repealed", "repeal Three Waters")  # not a promise to pass

