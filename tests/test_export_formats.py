"""Exports read with pandas beside reference rows written in the published layouts (PLOVER JSONL,
POLECAT TSV, Phoenix CAMEO dyads, Parquet tables), on a store of the two seed documents.

The reference rows are built here from the published column lists and value sets (each cited where
it is written), not from accord's data files, so that a drift of either shows."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

pd = pytest.importorskip("pandas", reason="pandas reads the exports as a researcher would (pip install pandas)")

ROOT = Path(__file__).resolve().parents[1]
ACCORD = [sys.executable, "-m", "accord"]

# PLOVER manual (openeventdata/PLOVER, PLOVER_MANUAL.tex, draft 0.8), chapter "Event Categories" and
# table "Quad categories in PLOVER"; REQUEST is the name RECORDS.md and POLECAT give DEMAND's category.
PLOVER_QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
               "DEMAND": 3, "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
               "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
# PLOVER 0.8 mode tables (events not listed have no modes)
PLOVER_MODES = {"CONSULT": {"visit", "third-party", "multilateral", "phone"},
                "ACCUSE": {"disapprove", "investigate", "allege"},
                "DEMAND": {"assist", "change", "yield", "meet"}, "REQUEST": {"assist", "change", "yield", "meet"},
                "REJECT": {"assist", "change", "yield", "meet"},
                "THREATEN": {"restrict", "ban", "arrest", "relations", "expel", "territory", "violence"},
                "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
                "RETREAT": {"withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"}}
# PLOVER 0.8 table "General contexts" and section "Special contexts"
PLOVER_CONTEXTS = {"military", "intelligence", "peacekeeping", "economic", "diplomatic", "resource", "disease",
                   "enviro_disaster", "migration", "humanitarian", "asylum", "legal", "human_rights", "rights_freedoms",
                   "gender", "lgbt", "terrorism", "human_security", "religion_ethnicity", "executive", "election",
                   "legislative", "cbrn", "cyber", "political_institutions", "corruption", "crime", "illegal_drugs",
                   "historical", "future", "hypothetical", "negation"}
# PLOVER 0.8 table "PLOVER JSON" (record fields) and the actor object fields; accord adds one
# extension key, "accord"
PLOVER_KEYS = {"id", "has_event", "date", "time", "enddate", "endtime", "actor", "recipient", "event", "event_loc",
               "event_text", "quad_code", "event_scale", "mode", "context", "link", "text", "coder", "coded_date",
               "coded_time", "comment"}
ENTITY_KEYS = {"code", "sector", "entity_text", "identifier_id", "identifier_text", "actor_loc", "religion",
               "ethnicity", "office", "gender", "age"}
# PLOVER 0.8 sector primary codes and non-state actor codes
SECTORS = {"GOV", "JUD", "LEG", "MIL", "COP", "OPP", "PTY", "REB", "PRM", "SPY", "UAF", "CVL", "BUS", "EDU", "MED",
           "LAB", "AGR", "JRN", "REF", "REL", "SOC", "CRM"}
NONSTATE = {"IGO", "NGO", "ISM", "IMG", "MNC"}

# The POLECAT files' header (POLECAT Dataverse weekly files, 40 columns, as read by published
# POLECAT readers: andybeger.com "POLECAT Event Data"; TGB polecat loader)
POLECAT_COLUMNS = ["Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
                   "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
                   "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW",
                   "Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
                   "Wikipedia Recipient ID", "Placename", "City", "District", "Province", "Country", "Latitude",
                   "Longitude", "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
                   "Story People", "Story Organizations", "Story Locations", "Language", "Version"]
QUAD_WORDS = {"VERBAL COOPERATION", "MATERIAL COOPERATION", "VERBAL CONFLICT", "MATERIAL CONFLICT"}

# Phoenix data layout (openeventdata/phoenix_pipeline postprocess.py): 26 tab-separated columns, no
# header, date YYYYMMDD, quad class number by CAMEO root, Goldstein score
PHOENIX_COLUMNS = ["EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity", "SourceActorRole",
                   "SourceActorAttribute", "TargetActorFull", "TargetActorEntity", "TargetActorRole",
                   "TargetActorAttribute", "EventCode", "EventRootCode", "QuadClass", "GoldsteinScore", "Issues", "Lat",
                   "Lon", "LocationName", "StateName", "CountryName", "SentenceID", "URLs", "NewsSources"]
PHOENIX_QUAD = {"01": 0, "02": 0, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2, "09": 3, "10": 3, "11": 3,
                "12": 3, "13": 3, "14": 4, "15": 4, "16": 3, "17": 4, "18": 4, "19": 4, "20": 4}
# CAMEO codes with their Goldstein scores (CAMEO.SCALE.txt, eventdata.parusanalytics.com), for the
# codes of the CAMEO column of RECORDS.md section 3 and their finer codes
GOLDSTEIN = {"010": 0.0, "012": -0.4, "020": 3.0, "030": 4.0, "031": 5.2, "032": 4.5, "033": 5.2, "040": 1.0,
             "041": 1.0, "042": 1.9, "043": 2.8, "044": 2.5, "051": 3.4, "057": 8.0, "060": 6.0, "061": 6.4,
             "062": 7.4, "070": 7.0, "071": 7.4, "072": 8.3, "073": 7.4, "100": -5.0, "111": -2.0, "120": -4.0,
             "130": -4.4, "161": -4.0, "163": -6.5, "166": -8.0, "190": -10.0, "194": -10.0, "195": -10.0}


@pytest.fixture(scope="module")
def exported(tmp_path_factory, seeds):
    tmp = tmp_path_factory.mktemp("export")
    db = tmp / "seeds.duckdb"
    r = subprocess.run(ACCORD + ["extract", str(seeds["statement"]), str(seeds["news"]), "--db", str(db)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    files = {"plover": tmp / "acts.plover.jsonl", "polecat-tsv": tmp / "acts.polecat.tsv",
             "cameo-dyads": tmp / "acts.phoenix.tsv", "parquet": tmp / "tables"}
    for fmt, out in files.items():
        r = subprocess.run(ACCORD + ["export", "--format", fmt, "--out", str(out), "--db", str(db)], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
    con = duckdb.connect(str(db), read_only=True)
    acts = con.execute("SELECT a.id, a.act, a.source, a.target, a.negated, a.sentence, a.plover_event, d.path "
                       "FROM acts a JOIN documents d ON d.id = a.doc_id").df()
    con.close()
    return tmp, db, files, acts


def _is_state(code: str) -> bool:
    """An ISO 3166-1 alpha-3 code (pycountry), or Kosovo's user-assigned XKX."""
    import pycountry

    return code == "XKX" or pycountry.countries.get(alpha_3=code) is not None


def _statement_act(acts, needle, act):
    hit = acts[acts["sentence"].str.contains(needle, regex=False) & (acts["act"] == act)
               & acts["path"].str.contains("000_d8a6e55ad387dd7a")]
    assert len(hit) == 1, f"one {act} act in the seed statement's sentence with {needle!r}, got {len(hit)}"
    return hit.iloc[0]


# -- PLOVER -------------------------------------------------------------------------------------------

def test_plover_beside_reference(exported):
    tmp, _db, files, acts = exported
    # the manual's minimal record ("the simplest form of an event record")
    ref = tmp / "plover_reference.jsonl"
    ref.write_text(json.dumps({"id": "PHOXv1-20160724-0042", "date": "2016-07-24", "actor": [{"code": "USA"}],
                               "recipient": [{"code": "CAN"}], "event": ["CONSULT"]}) + "\n", encoding="utf-8")
    both = pd.concat([pd.read_json(p, lines=True) for p in (ref, files["plover"])], ignore_index=True)
    ours = both.iloc[1:]
    assert len(ours) > 40
    assert set(both.columns) <= PLOVER_KEYS | {"accord"}
    for rec in ours.to_dict("records"):
        assert isinstance(rec["event"], list) and len(rec["event"]) == 1 and rec["event"][0] in PLOVER_QUAD
        ev = rec["event"][0]
        assert set(rec["mode"]) <= PLOVER_MODES.get(ev, set()), rec
        assert set(rec["context"]) <= PLOVER_CONTEXTS, rec
        assert rec["quad_code"] == PLOVER_QUAD[ev]
        assert isinstance(rec["event_scale"], float) and -10 <= rec["event_scale"] <= 10
        assert rec["text"] and isinstance(rec["actor"], list) and rec["actor"]
        for e in rec["actor"] + rec["recipient"]:
            assert set(e) <= ENTITY_KEYS and e["code"]
            assert (e["code"] in NONSTATE and e["sector"] is None) or (len(e["code"]) == 3 and e["sector"] in SECTORS), e
    # acts with no PLOVER event (affirm, note, announce) are no records; every other act is one
    with_event = acts[acts["plover_event"].notna()]
    assert set(ours["id"]) == set(with_event["id"])
    # a multi-actor act keeps every actor and recipient
    by_id = {r["id"]: r for r in ours.to_dict("records")}
    multi = with_event[with_event["source"].map(len) > 1]
    assert len(multi) > 10
    for a in multi.itertuples():
        rec = by_id[a.id]
        if rec["event"] != ["CONSULT"]:
            for ents, codes in ((rec["actor"], a.source), (rec["recipient"], a.target)):
                assert len(ents) == len(codes)
                # states keep their code; bodies are written as PLOVER's IGO / NGO
                assert sorted(e["code"] for e in ents if e["code"] not in NONSTATE) == sorted(c for c in codes if _is_state(c))
            assert sorted(rec["accord"]["source"]) == sorted(a.source) and sorted(rec["accord"]["target"]) == sorted(a.target)


def test_plover_seed_condemnation_and_houthi_sector(exported):
    _tmp, _db, files, acts = exported
    recs = {json.loads(x)["id"]: json.loads(x) for x in files["plover"].read_text(encoding="utf-8").splitlines()}
    a = _statement_act(acts, "military cooperation between the DPRK and Russia", "condemn")
    rec = recs[a.id]
    assert rec["event"] == ["ACCUSE"] and rec["mode"] == ["disapprove"]
    assert [e["code"] for e in rec["actor"]] == ["KOR", "NZL"]
    assert [e["code"] for e in rec["recipient"]] == ["PRK", "RUS"]
    assert rec["quad_code"] == 3 and rec["event_scale"] == -2.0
    h = recs[_statement_act(acts, "Houthi attacks", "condemn").id]
    assert [(e["code"], e["sector"], e["entity_text"]) for e in h["recipient"]] == [("YEM", "REB", "Houthi")]


# -- POLECAT ------------------------------------------------------------------------------------------

def _polecat_reference(path: Path) -> Path:
    row = {c: "" for c in POLECAT_COLUMNS}
    row.update({"Event ID": "20230101-ref", "Event Date": "2023-01-01", "Event Type": "ACCUSE", "Event Mode": "disapprove",
                "Event Intensity": "-2.0", "Quad Code": "VERBAL CONFLICT", "Contexts": "military", "Actor Name": "United States",
                "Actor Country": "USA", "Actor COW": "2", "Primary Actor Sector": "GOV", "Actor Sectors": "GOV",
                "Recipient Name": "Russia", "Recipient Country": "RUS", "Recipient COW": "365", "Language": "en"})
    path.write_text("\t".join(POLECAT_COLUMNS) + "\n" + "\t".join(row[c] for c in POLECAT_COLUMNS) + "\n", encoding="utf-8")
    return path


def test_polecat_beside_reference(exported):
    tmp, _db, files, acts = exported
    ref = _polecat_reference(tmp / "polecat_reference.txt")
    both = pd.concat([pd.read_csv(p, sep="\t") for p in (ref, files["polecat-tsv"])], ignore_index=True)
    assert list(both.columns[:len(POLECAT_COLUMNS)]) == POLECAT_COLUMNS
    extra = list(both.columns[len(POLECAT_COLUMNS):])
    assert extra and all(c.startswith("accord ") for c in extra)
    assert not {"Headline", "Event Text", "Story ID", "Feed", "Intensity"} & set(both.columns)
    assert pd.api.types.is_float_dtype(both["Event Intensity"])
    ours = both.iloc[1:]
    assert set(ours["Quad Code"]) <= QUAD_WORDS and set(ours["Event Type"]) <= set(PLOVER_QUAD)
    assert (ours["Actor Name"] != ours["Actor Country"]).all()
    sectors = {s for v in ours["Actor Sectors"].dropna().tolist() + ours["Recipient Sectors"].dropna().tolist()
               for s in v.split("; ")}
    # one item per actor: a sector, or IGO / NGO for a body
    assert sectors <= SECTORS | NONSTATE and "REB" in sectors
    for col, names in (("Actor Sectors", "Actor Country"), ("Recipient Sectors", "Recipient Country")):
        filled = ours[ours[names].notna()]
        assert (filled[col].str.split("; ").map(len) == filled[names].str.split("; ").map(len)).all()
    # negated acts have no place in POLECAT: none is written
    assert set(ours["Event ID"]) == set(acts[acts["plover_event"].notna() & ~acts["negated"]]["id"])
    a = _statement_act(acts, "military cooperation between the DPRK and Russia", "condemn")
    row = ours[ours["Event ID"] == a.id].iloc[0]
    assert row["Actor Country"] == "KOR; NZL" and row["Recipient Country"] == "PRK; RUS"
    assert row["Event Intensity"] == -2.0 and row["Quad Code"] == "VERBAL CONFLICT"
    h = ours[ours["Event ID"] == _statement_act(acts, "Houthi attacks", "condemn").id].iloc[0]
    assert h["Recipient Country"] == "YEM" and h["Primary Recipient Sector"] == "REB"


# -- CAMEO dyads (Phoenix) ----------------------------------------------------------------------------

def test_phoenix_beside_reference(exported):
    tmp, _db, files, acts = exported
    ref = tmp / "phoenix_reference.txt"
    ref.write_text("\t".join(["1", "20140801", "2014", "08", "01", "USAGOV", "USA", "GOV", "", "RUSGOV", "RUS", "GOV", "",
                              "111", "11", "3", "-2.0", "", "", "", "", "", "", "1234_5", "http://x", "reuters"]) + "\n",
                   encoding="utf-8")
    both = pd.concat([pd.read_csv(p, sep="\t", header=None, dtype={13: str, 14: str}) for p in (ref, files["cameo-dyads"])],
                     ignore_index=True)
    assert both.shape[1] == len(PHOENIX_COLUMNS)
    both.columns = PHOENIX_COLUMNS
    assert pd.api.types.is_integer_dtype(both["Date"]) and both["Date"].between(19000101, 21001231).all()
    assert pd.api.types.is_float_dtype(both["GoldsteinScore"])
    ours = both.iloc[1:]
    assert set(ours["EventCode"]) <= set(GOLDSTEIN), set(ours["EventCode"]) - set(GOLDSTEIN)
    assert (ours["GoldsteinScore"] == ours["EventCode"].map(GOLDSTEIN)).all()
    assert (ours["QuadClass"] == ours["EventRootCode"].map(PHOENIX_QUAD)).all()
    assert (ours["EventCode"].str[:2] == ours["EventRootCode"]).all()
    assert (ours["SourceActorFull"].str[:3] == ours["SourceActorEntity"]).all()
    # dyads of the seed condemnation: every source with every target
    a = _statement_act(acts, "military cooperation between the DPRK and Russia", "condemn")
    mine = ours[ours["EventID"].str.rsplit("-", n=1).str[0] == a.id]
    assert set(zip(mine["SourceActorEntity"], mine["TargetActorEntity"])) == {("KOR", "PRK"), ("KOR", "RUS"),
                                                                              ("NZL", "PRK"), ("NZL", "RUS")}
    assert set(mine["EventCode"]) == {"111"} and set(mine["GoldsteinScore"]) == {-2.0}
    h = ours[ours["EventID"].str.rsplit("-", n=1).str[0] == _statement_act(acts, "Houthi attacks", "condemn").id]
    assert set(h["TargetActorFull"]) == {"YEMREB"} and set(h["TargetActorRole"]) == {"REB"}
    # co-signatories are paired only for mutual acts: an act with no target that is not one gives no dyad
    act_of = dict(zip(acts["id"], zip(acts["act"], acts["target"].map(len))))
    kinds = [act_of[i.rsplit("-", 1)[0]] for i in ours["EventID"]]
    assert all(n_target > 0 or act in {"meet", "sign", "commit", "explore", "cooperate"} for act, n_target in kinds)
    assert any(n_target == 0 for _, n_target in kinds), "joint commitments still give dyads"
    assert not any(act in {"condemn", "concern", "urge", "reject", "threaten", "assault"} and n == 0 for act, n in kinds)


def test_negated_act_is_marked_in_plover_and_left_out_elsewhere(exported, tmp_path):
    _tmp, db, files, acts = exported
    # the seed statement's condemnation, recorded as negated in a copy of the store
    a = _statement_act(acts, "military cooperation between the DPRK and Russia", "condemn")
    copy = tmp_path / "negated.duckdb"
    copy.write_bytes(Path(db).read_bytes())
    con = duckdb.connect(str(copy))
    con.execute("UPDATE acts SET negated = true WHERE id = ?", [a.id])
    con.close()
    out = {}
    for fmt in ("plover", "polecat-tsv", "cameo-dyads"):
        out[fmt] = tmp_path / fmt
        r = subprocess.run(ACCORD + ["export", "-f", fmt, "-o", str(out[fmt]), "--db", str(copy)], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
    rec = [json.loads(x) for x in out["plover"].read_text(encoding="utf-8").splitlines() if a.id in x]
    assert len(rec) == 1 and "negation" in rec[0]["context"]
    assert a.id not in out["polecat-tsv"].read_text(encoding="utf-8")
    assert a.id not in out["cameo-dyads"].read_text(encoding="utf-8")
    assert a.id in files["cameo-dyads"].read_text(encoding="utf-8")


# -- Parquet ------------------------------------------------------------------------------------------

def test_parquet_one_folder_per_table(exported):
    _tmp, db, files, acts = exported
    folder = files["parquet"]
    assert {p.name for p in folder.iterdir() if p.is_dir()} == {"documents", "sentences", "mentions", "acts",
                                                                 "commitments", "commitment_events"}
    assert len(pd.read_parquet(folder / "acts")) == len(acts)
    assert len(pd.read_parquet(folder / "documents")) == 2
    with pytest.raises(Exception, match="README"):   # the whole folder does not read as one stacked table
        pd.read_parquet(folder)


# -- docs/exports.md example --------------------------------------------------------------------------

def test_docs_example_loads_accord_beside_downloaded_data(exported, tmp_path, monkeypatch):
    _tmp, _db, files, _acts = exported
    text = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- example: load -->\s*```python\n(.*?)```", text, re.S)
    assert m, "docs/exports.md has no example block"
    code = m.group(1)
    assert len(code.strip().splitlines()) <= 6
    # the downloaded data the example expects, in the published layouts
    (tmp_path / "polecat").mkdir()
    _polecat_reference(tmp_path / "polecat" / "ngecEvents.20230101.txt")
    (tmp_path / "phoenix").mkdir()
    (tmp_path / "phoenix" / "events.20140801.txt").write_text(
        "\t".join(["1", "20140801", "2014", "08", "01", "USAGOV", "USA", "GOV", "", "RUSGOV", "RUS", "GOV", "", "111", "11",
                   "3", "-2.0", "", "", "", "", "", "", "1234_5", "http://x", "reuters"]) + "\n", encoding="utf-8")
    (tmp_path / "accord.polecat.tsv").write_bytes(files["polecat-tsv"].read_bytes())
    (tmp_path / "accord.phoenix.tsv").write_bytes(files["cameo-dyads"].read_bytes())
    monkeypatch.chdir(tmp_path)
    ns: dict = {}
    exec(compile(code, "docs/exports.md", "exec"), ns)
    events, dyads = ns["events"], ns["dyads"]
    n_polecat = len(files["polecat-tsv"].read_text(encoding="utf-8").splitlines()) - 1
    n_dyads = len(files["cameo-dyads"].read_text(encoding="utf-8").splitlines())
    assert list(events.columns) == POLECAT_COLUMNS and len(events) == n_polecat + 1
    assert dyads.shape == (n_dyads + 1, 26)


# -- a host's visit: the visitor is the PLOVER actor --------------------------------------------------

HOSTED = "beehive/releases/2006/03/2006-03-15-new-zealand-technology-exports-boosted.md"


@pytest.mark.corpus
def test_consult_host_puts_the_visitor_as_actor(beehive_tar, tmp_path):
    from conftest import _members, write_tar_gz

    named, _ = _members(beehive_tar, {HOSTED}, 0)
    archive = write_tar_gz(tmp_path / "hosted.tar.gz", [(HOSTED, named[HOSTED])])
    db, out = tmp_path / "h.duckdb", tmp_path / "h.jsonl"
    for args in (["extract", str(archive)], ["export", "-f", "plover", "-o", str(out)]):
        r = subprocess.run(ACCORD + args + ["--db", str(db)], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    # "Mr Goff hosted State Prime Minister Christian Wulff": accord's act is NZL -> DEU (CAMEO 043,
    # host); PLOVER's CONSULT/visit wants the visitor as actor and the host as recipient
    (rec,) = [r for r in recs if "hosted State Prime Minister" in r["text"]]
    assert rec["accord"]["source"] == ["NZL"] and rec["accord"]["target"] == ["DEU"] and rec["accord"]["cameo"] == "043"
    assert rec["event"] == ["CONSULT"] and rec["mode"] == ["visit"]
    assert [e["code"] for e in rec["actor"]] == ["DEU"] and [e["code"] for e in rec["recipient"]] == ["NZL"]
