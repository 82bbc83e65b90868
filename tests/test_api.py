"""HTTP API against a real `accord serve` subprocess (httpx over a localhost socket)."""
from __future__ import annotations

import json
import re
import subprocess
import time

import httpx
import pytest

import _serve
from _serve import NEWS_ID, STATEMENT_ID

ACT_TYPES = {"meet", "commit", "explore", "sign", "support", "affirm", "note", "concern", "condemn", "urge", "demand",
             "reject", "announce", "cooperate", "aid", "sanction", "threaten", "assault"}


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    s, f = _serve.read_only_server(tmp_path_factory)
    yield s
    _serve.stop_all()


@pytest.fixture(scope="session")
def ingest_server(tmp_path_factory):
    s, f = _serve.ingest_server(tmp_path_factory)
    yield s
    _serve.stop_all()


@pytest.fixture(scope="session")
def xss_id(server):
    return _serve._STATE["f"].xss_id


@pytest.fixture(scope="session")
def http(server):
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c


def error_of(r: httpx.Response, status: int, code: str | None = None) -> str:
    assert r.status_code == status, (r.status_code, r.text[:500])
    assert r.headers["content-type"].startswith("application/json"), r.headers["content-type"]
    j = r.json()
    assert set(j) == {"error"}, j
    assert set(j["error"]) == {"status", "code", "message"}, j
    assert j["error"]["status"] == status
    if code:
        assert j["error"]["code"] == code, j
    assert isinstance(j["error"]["message"], str) and j["error"]["message"]
    return j["error"]["message"]


# -- service basics ----------------------------------------------------------------

def _listening(pid: int) -> set[tuple[str, int]]:
    import psutil

    proc = psutil.Process(pid)
    conns = proc.net_connections(kind="inet") if hasattr(proc, "net_connections") else proc.connections(kind="inet")
    return {(c.laddr.ip, c.laddr.port) for c in conns if c.status == psutil.CONN_LISTEN}


def test_binds_localhost_and_serves_openapi(http, server):
    # the address the server process really listens on, not the URL the fixture built
    port = int(server.url.rsplit(":", 1)[1])
    assert _listening(server.proc.pid) == {("127.0.0.1", port)}
    log = server.log.read_text(errors="replace")
    assert f"at http://127.0.0.1:{port}/" in log and "warning" not in log
    spec = http.get("/openapi.json").json()
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/acts", "/api/actors/{code}", "/api/compare",
                 "/api/commitments", "/api/commitments/{commitment_id}", "/api/ingest", "/api/export"):
        assert path in spec["paths"], path


def test_other_hosts_warned(server, tmp_path):
    port = _serve.free_port()
    proc = subprocess.Popen([_serve.ACCORD, "serve", "--db", str(server.db), "--host", "0.0.0.0", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(_serve.REPO))
    try:
        deadline = time.time() + 60
        while time.time() < deadline and not _listening(proc.pid):
            assert proc.poll() is None, proc.stderr.read()
            time.sleep(0.2)
        assert _listening(proc.pid) == {("0.0.0.0", port)}
    finally:
        proc.terminate()
        out, errs = proc.communicate(timeout=20)
    assert "warning: binding 0.0.0.0: the UI and API can be read from other machines" in errs
    assert f"at http://0.0.0.0:{port}/" in out


def test_api_docs_work_offline(http):
    """/docs loads Swagger UI from the server itself (no CDN): every script and style it names is served here."""
    html = http.get("/docs").text
    assets = re.findall(r"""(?:src|href)=["']?([^"' >]+)""", html) + re.findall(r"""_url['"]?\s*:\s*['"]([^'"]+)""", html)
    assets += re.findall(r"""['"](/static/swagger-ui/[^'"]+)['"]""", html)
    assert assets and all(a.startswith("/") for a in assets), assets
    js = [a for a in assets if a.endswith(".js")]
    assert js and all(http.get(a).status_code == 200 for a in set(assets) if a != "/openapi.json")
    assert b"SwaggerUIBundle" in http.get(js[0]).content


def test_security_headers(http):
    for path in ("/", f"/documents/{STATEMENT_ID}", "/api/documents"):
        r = http.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_unknown_routes_and_methods_have_the_error_shape(http):
    error_of(http.get("/api/nope"), 404, "not_found")
    error_of(http.get("/nope/at/all"), 404, "not_found")
    error_of(http.post("/api/documents"), 405, "method_not_allowed")
    error_of(http.delete(f"/api/documents/{STATEMENT_ID}"), 405)


# -- documents ---------------------------------------------------------------------

def test_documents_list_filters_and_paging(http, xss_id):
    j = http.get("/api/documents").json()
    assert j["total"] == 3 and len(j["items"]) == 3
    assert {d["id"] for d in j["items"]} == {STATEMENT_ID, NEWS_ID, xss_id}
    assert [d["id"] for d in http.get("/api/documents", params={"kind": "statement"}).json()["items"]] == [STATEMENT_ID]
    assert http.get("/api/documents", params={"since": "2024-09-05"}).json()["items"][0]["id"] == xss_id
    assert http.get("/api/documents", params={"until": "2024-09-04"}).json()["total"] == 2
    assert {d["id"] for d in http.get("/api/documents", params={"q": "Yonhap"}).json()["items"]} == {NEWS_ID}
    p1 = http.get("/api/documents", params={"limit": 1, "offset": 0}).json()
    p2 = http.get("/api/documents", params={"limit": 1, "offset": 1}).json()
    assert p1["total"] == p2["total"] == 3 and p1["items"][0]["id"] != p2["items"][0]["id"]


@pytest.mark.parametrize("params", [{"since": "2024-02-30"}, {"until": "yesterday"}, {"kind": "memo"},
                                    {"limit": 0}, {"limit": 100000}, {"offset": -1}, {"limit": "ten"}])
def test_documents_bad_parameters(http, params):
    error_of(http.get("/api/documents", params=params), 400, "bad_request")


def test_document_detail(http):
    d = http.get(f"/api/documents/{STATEMENT_ID}").json()
    assert d["id"] == STATEMENT_ID and d["kind"] == "statement" and d["date"] == "2024-09-04"
    assert d["sentences"] and d["sections"] and d["repairs"] and d["mentions"] and d["acts"]
    for s in d["sentences"]:
        assert d["text"][s["start_char"]:s["end_char"]] == s["text"]
    for m in d["mentions"]:
        assert d["text"][m["start_char"]:m["end_char"]] == m["text"]
    a = d["acts"][0]
    assert a["act"] in ACT_TYPES and a["why"] and a["cameo"]
    assert d["text"][a["trigger_start"]:a["trigger_end"]]
    assert "raw" not in d
    # a unique prefix names the document too
    assert http.get(f"/api/documents/{STATEMENT_ID[:8]}").json()["id"] == STATEMENT_ID


@pytest.mark.parametrize("path,status", [
    ("/api/documents/0123456789abcdef", 404),   # well-formed, unknown
    ("/api/documents/ZZZZ", 400),               # not an id
    ("/api/documents/..%2F..%2Fetc%2Fpasswd", 404),
    ("/api/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd", 404),
    ("/api/documents/..%5C..%5Cwindows%5Cwin.ini", 400),
    ("/api/documents/%2Fetc%2Fpasswd", 404),
    ("/api/documents/examples%2F000_d8a6e55ad387dd7a.txt", 404),
    ("/api/documents/" + "a" * 65, 400),
])
def test_document_bad_ids(http, path, status):
    r = http.get(path)
    error_of(r, status)
    assert "root:" not in r.text


# -- acts --------------------------------------------------------------------------

def test_acts_filters(http):
    every = http.get("/api/acts", params={"limit": 500}).json()
    assert every["total"] == len(every["items"]) > 50
    nzl = http.get("/api/acts", params={"actor": "NZL", "limit": 500}).json()
    assert 0 < nzl["total"] < every["total"] + 1
    assert all("NZL" in a["source"] + a["target"] for a in nzl["items"])
    src = http.get("/api/acts", params={"source": "KOR", "target": "PRK"}).json()
    assert src["total"] > 0 and all("KOR" in a["source"] and "PRK" in a["target"] for a in src["items"])
    cond = http.get("/api/acts", params={"act": "condemn,concern"}).json()
    assert cond["total"] > 0 and {a["act"] for a in cond["items"]} <= {"condemn", "concern"}
    dy = http.get("/api/acts", params={"dyad": "KOR,NZL", "limit": 500}).json()
    for a in dy["items"]:
        s, t = set(a["source"]), set(a["target"])
        # a target-less act pairs its sources only when it is mutual (data/export/mutual_acts.txt)
        assert ({"KOR", "NZL"} <= s and not t and a["act"] in {"meet", "sign", "commit", "explore", "cooperate"}) \
            or ("KOR" in s and "NZL" in t) or ("NZL" in s and "KOR" in t)
    assert http.get("/api/acts", params={"dyad": "NZL,KOR"}).json()["total"] == dy["total"]
    assert http.get("/api/acts", params={"since": "2024-09-05"}).json()["total"] == len(
        [a for a in every["items"] if a["date"] >= "2024-09-05"])
    page = http.get("/api/acts", params={"actor": "NZL", "limit": 5, "offset": 5}).json()
    assert [a["id"] for a in page["items"]] == [a["id"] for a in nzl["items"][5:10]]
    assert all(a["quad"] for a in every["items"])


@pytest.mark.parametrize("params", [{"actor": "../etc"}, {"actor": "n"}, {"act": "hug"}, {"dyad": "KOR"},
                                    {"dyad": "KOR,KOR"}, {"dyad": "KOR,NZL,USA"}, {"since": "2024-9-4"},
                                    {"until": "2024-13-01"}, {"order": "random"}, {"limit": 501}])
def test_acts_bad_parameters(http, params):
    error_of(http.get("/api/acts", params=params), 400, "bad_request")


def test_acts_monthly(http):
    m = http.get("/api/acts/monthly", params={"dyad": "KOR,NZL"}).json()["months"]
    # the two partners cooperate; their joint condemnations of others are not conflict between them
    assert m and m[0]["month"] == "2024-09" and m[0]["cooperative"] > 0 and m[0]["conflictual"] == 0
    m = http.get("/api/acts/monthly", params={"dyad": "KOR,PRK"}).json()["months"]
    assert m and m[0]["month"] == "2024-09" and m[0]["conflictual"] > 0


# -- actors ------------------------------------------------------------------------

def test_actor_by_code_and_name(http):
    a = http.get("/api/actors/NZL").json()
    assert a["name"] == "New Zealand" and a["in_gazetteer"] and a["acts"]["total"] > 0
    assert a["acts"]["total"] == http.get("/api/acts", params={"actor": "NZL"}).json()["total"]
    assert any(p["code"] == "KOR" for p in a["partners"])
    assert http.get("/api/actors/nzl").json()["code"] == "NZL"
    y = http.get("/api/actors", params={"name": "Yoon Suk Yeol", "date": "2024-09-04"}).json()
    assert y["code"] == "KOR" and any(m.get("in_office") for m in y["matches"])
    # office holders: current ones without a date, those in office on the date given
    now = {l["person"]: l["terms"] for l in a["leaders"]}
    assert "Christopher Luxon" in now and any(t["office"] == "HOG" and t["end"] is None for t in now["Christopher Luxon"])
    then = {l["person"] for l in http.get("/api/actors/NZL", params={"date": "2020-06-01"}).json()["leaders"]}
    assert "Jacinda Ardern" in then and "Christopher Luxon" not in then
    # out of office on that date: not resolved
    error_of(http.get("/api/actors", params={"name": "Yoon Suk Yeol", "date": "2026-01-01"}), 404, "not_found")
    error_of(http.get("/api/actors", params={"name": "Nobody Atall"}), 404, "not_found")
    error_of(http.get("/api/actors", params={"name": "Luxon", "date": "04/09/2024"}), 400, "bad_request")
    error_of(http.get("/api/actors"), 400, "bad_request")


@pytest.mark.parametrize("path,status", [("/api/actors/QQQ", 404), ("/api/actors/..%2F..%2Fetc%2Fpasswd", 404),
                                         ("/api/actors/%3Cscript%3E", 400), ("/api/actors/A", 400),
                                         ("/api/actors/NZL?date=2024-99-01", 400)])
def test_actor_bad(http, path, status):
    error_of(http.get(path), status)


# -- compare -----------------------------------------------------------------------

def test_compare_stored_and_computed(http):
    c = http.get("/api/compare", params={"news": NEWS_ID}).json()
    assert c["stored"] is True and c["source_id"] == STATEMENT_ID
    assert c["news"] and c["source"]
    assert {n["label"] for n in c["news"]} <= {"supported", "strength_changed", "added", "contradicted"}
    assert {s["label"] for s in c["source"]} <= {"covered", "omitted"}
    assert any(n["evidence"] for n in c["news"])
    fresh = http.get("/api/compare", params={"news": NEWS_ID, "source": STATEMENT_ID, "recompute": "true"}).json()
    assert fresh["stored"] is False
    assert [n["label"] for n in fresh["news"]] == [n["label"] for n in c["news"]]


def test_compare_bad(http, xss_id):
    error_of(http.get("/api/compare"), 400, "bad_request")
    error_of(http.get("/api/compare", params={"news": "0123456789abcdef"}), 404, "not_found")
    error_of(http.get("/api/compare", params={"news": "../../etc/passwd"}), 400, "bad_request")
    error_of(http.get("/api/compare", params={"news": NEWS_ID, "source": NEWS_ID}), 400, "bad_request")
    error_of(http.get("/api/compare", params={"news": NEWS_ID, "source": "fedcba9876543210"}), 404, "not_found")


# -- commitments -------------------------------------------------------------------

LEDGER_ITEM = {"id", "parties", "counterpart", "matter", "act", "trigger", "firmness", "deadline", "date", "status",
               "decided_on", "n_followups", "last_followup", "title", "doc_kind", "evidence"}
def is_csp(c: dict) -> bool:
    """The seed statement's exploratory commitment to a Comprehensive Strategic Partnership
    framework, due "in 2025" (what the sentence says, not what the code wrote last time)."""
    return "Comprehensive Strategic Partnership" in c["matter"] and (c["deadline"]["text"] or "") == "in 2025"


def ledger(http, **params) -> dict:
    r = http.get("/api/commitments", params={"limit": 500, **params})
    assert r.status_code == 200, r.text[:500]
    j = r.json()
    assert j["source"] == "ledger", j
    return j


def test_commitments_ledger_listing(http, xss_id):
    j = ledger(http, as_of="2025-06-01")
    assert j["as_of"] == "2025-06-01" and j["total"] == len(j["items"]) >= 20
    assert set(j["status_counts"]) == {"open", "fulfilled", "overdue", "reversed"}
    assert sum(j["status_counts"].values()) == j["total"]
    for c in j["items"]:
        assert set(c) == LEDGER_ITEM, set(c) ^ LEDGER_ITEM
        assert len(c["id"]) == 12 and c["parties"] and c["matter"] and c["firmness"] in ("firm", "exploratory")
        assert set(c["deadline"]) == {"text", "start", "end", "problem"}
        assert c["status"] == "open"  # every deadline of the examples ends in 2025 or later
        ev = c["evidence"]
        assert {"doc_id", "sentence_idx", "span", "sentence"} <= set(ev) and ev["span"][0] < ev["span"][1]
    # the seed joint statement's commitments are there, evidence pointing into its text
    seed = [c for c in j["items"] if c["evidence"]["doc_id"] == STATEMENT_ID]
    assert len(seed) >= 15
    csp = next(c for c in seed if is_csp(c))
    assert csp["firmness"] == "exploratory" and csp["deadline"]["text"] == "in 2025"
    assert (csp["deadline"]["start"], csp["deadline"]["end"]) == ("2025-01-01", "2025-12-31")
    assert csp["date"] == "2024-09-04" and set(csp["parties"]) == {"KOR", "NZL"}
    doc = http.get(f"/api/documents/{STATEMENT_ID}").json()
    s, e = csp["evidence"]["span"]
    assert doc["text"][s:e] == csp["evidence"]["sentence"]
    assert doc["sentences"][csp["evidence"]["sentence_idx"]]["text"] == csp["evidence"]["sentence"]
    # sorted by deadline: the dated ones first, soonest end first, undated last
    ends = [c["deadline"]["end"] for c in j["items"]]
    n_dated = sum(1 for x in ends if x)
    assert n_dated >= 3 and all(ends[:n_dated]) and ends[:n_dated] == sorted(ends[:n_dated])
    latest = ledger(http, as_of="2025-06-01", sort="deadline_desc")["items"][0]["deadline"]["end"]
    assert latest == max(x for x in ends if x)
    made = [c["date"] for c in ledger(http, sort="date")["items"]]
    assert made == sorted(made, reverse=True)


def test_commitments_ledger_filters(http, xss_id):
    every = ledger(http, as_of="2025-06-01")
    # status as of a date: after 2025 the dated ones are overdue, the rest still open
    later = ledger(http, as_of="2026-06-01")
    dated = {c["id"] for c in every["items"] if c["deadline"]["end"]}
    overdue = ledger(http, as_of="2026-06-01", status="overdue")
    assert {c["id"] for c in overdue["items"]} == dated and all(c["status"] == "overdue" for c in overdue["items"])
    assert later["status_counts"]["overdue"] == len(dated) and later["status_counts"]["open"] == later["total"] - len(dated)
    assert ledger(http, as_of="2025-06-01", status="overdue")["total"] == 0
    assert ledger(http, as_of="2025-06-01", status="fulfilled")["total"] == 0
    assert ledger(http, as_of="2024-09-03")["total"] == 0  # made on 2024-09-04 and later
    # party: among the parties or counterparts
    # (the uploaded statement's pledge, and the seed report's "the leaders of the four nations ...
    # committed to support for Ukraine", Australia among the four)
    aus = ledger(http, party="aus", as_of="2025-06-01")["items"]
    assert aus and all("AUS" in c["parties"] + c["counterpart"] for c in aus)
    assert any(c["evidence"]["doc_id"] == xss_id and "maritime security" in c["matter"] for c in aus)
    kor = ledger(http, party="KOR")["items"]
    assert kor and all("KOR" in c["parties"] + c["counterpart"] for c in kor)
    # firmness, text, dates made, with a deadline
    expl = ledger(http, firmness="exploratory")["items"]
    assert expl and all(c["firmness"] == "exploratory" for c in expl) and len(expl) < every["total"]
    # one sentence of the examples speaks of Antarctica: one commitment, its matter naming it
    ant = ledger(http, q="antarctica")["items"]
    assert len(ant) == 1 and "Antarctica" in ant[0]["matter"] and "Antarctica" in ant[0]["evidence"]["sentence"]
    assert ant[0]["matter"].split()[-1] in ant[0]["evidence"]["sentence"]
    assert ledger(http, since="2024-09-05")["total"] == 1 and ledger(http, until="2024-09-04")["total"] == every["total"] - 1
    assert ledger(http, with_when="true")["total"] == len(dated)
    # paging
    p1, p2 = ledger(http, limit=5), ledger(http, limit=5, offset=5)
    assert len(p1["items"]) == len(p2["items"]) == 5 and p1["total"] == p2["total"] == every["total"]
    assert not {c["id"] for c in p1["items"]} & {c["id"] for c in p2["items"]}


def test_commitments_act_listing(http):
    """source=acts: the listing of commitment acts (what answers when the ledger is empty)."""
    j = http.get("/api/commitments", params={"limit": 500, "source": "acts"}).json()
    assert j["source"] == "acts" and j["ignored"] == []
    assert j["total"] > 0 and {a["act"] for a in j["items"]} <= {"commit", "explore", "sign", "announce"}
    dated = [a["when_start"] for a in j["items"] if a["when_start"]]
    assert dated and dated == sorted(dated)
    assert all(a["when_start"] for a in j["items"][:len(dated)])  # undated last
    w = http.get("/api/commitments", params={"with_when": "true", "limit": 500, "source": "acts"}).json()
    assert 0 < w["total"] <= j["total"] and all(a["when_text"] for a in w["items"])
    nzl = http.get("/api/commitments", params={"party": "NZL", "limit": 500, "source": "acts"}).json()
    assert nzl["total"] > 0 and all("NZL" in a["source"] for a in nzl["items"])
    assert all(a["sentence"] and a["doc_id"] for a in nzl["items"])
    # the ledger-only filters are checked, then reported as not applied
    st = http.get("/api/commitments", params={"source": "acts", "status": "open", "as_of": "2025-01-01"}).json()
    assert st["source"] == "acts" and st["ignored"] == ["status", "as_of"] and st["total"] == j["total"]


@pytest.mark.parametrize("params", [
    {"sort": "random"}, {"party": "<b>"}, {"status": "done"}, {"status": "Open"}, {"firmness": "maybe"},
    {"as_of": "2024-13-01"}, {"as_of": "yesterday"}, {"as_of": "2024-02-30"}, {"since": "2024-9-1"},
    {"until": "soon"}, {"source": "both"}, {"limit": 0}, {"offset": -1},
    {"source": "acts", "as_of": "2024-02-30"}, {"source": "acts", "status": "done"},
])
def test_commitments_bad_parameters(http, params):
    error_of(http.get("/api/commitments", params=params), 400, "bad_request")


def _csp_id(http) -> str:
    return next(c["id"] for c in ledger(http, q="Comprehensive Strategic Partnership")["items"] if is_csp(c))


def test_commitment_timeline(http):
    cid = _csp_id(http)
    c = http.get(f"/api/commitments/{cid}", params={"as_of": "2025-06-01"}).json()
    assert c["id"] == cid and is_csp(c) and c["status"] == "open" and c["as_of"] == "2025-06-01"
    assert c["deadline"]["text"] == "in 2025" and c["terms"]
    assert c["events"] and c["events"][0]["kind"] == "made"
    kinds = {"made", "reaffirmed", "progressed", "fulfilled", "reversed"}
    doc = http.get(f"/api/documents/{STATEMENT_ID}").json()
    for e in c["events"]:
        assert e["kind"] in kinds and e["date"] and e["doc_id"] and e["title"] and e["sentence"]
        assert {"sentence_idx", "span", "trigger", "trigger_span", "act", "source", "target", "after_as_of"} <= set(e)
    e = c["events"][0]
    assert e["doc_id"] == STATEMENT_ID and e["date"] == "2024-09-04" and e["title"].startswith("Joint Statement")
    assert doc["text"][e["span"][0]:e["span"][1]] == e["sentence"]
    assert doc["text"][e["trigger_span"][0]:e["trigger_span"][1]] == e["trigger"]
    # status moves with as_of; the default is today; a unique prefix names it too
    assert http.get(f"/api/commitments/{cid}", params={"as_of": "2026-01-01"}).json()["status"] == "overdue"
    assert http.get(f"/api/commitments/{cid[:7]}").json()["id"] == cid


@pytest.mark.parametrize("path,status", [
    ("/api/commitments/0123456789ab", 404),          # well-formed, unknown
    ("/api/commitments/ZZZZZZ", 400),                # not an id
    ("/api/commitments/abc", 400),                   # too short
    ("/api/commitments/" + "a" * 41, 400),
    ("/api/commitments/..%2F..%2Fetc%2Fpasswd", 404),
    ("/api/commitments/%2e%2e%2f%2e%2e%2fetc%2fpasswd", 404),
    ("/api/commitments/..%5C..%5Cwindows%5Cwin.ini", 400),
])
def test_commitment_bad_ids(http, path, status):
    r = http.get(path)
    error_of(r, status)
    assert "root:" not in r.text


def test_commitment_bad_dates_and_not_yet_made(http):
    cid = _csp_id(http)
    for bad in ("2024-13-01", "2024-02-30", "tomorrow", "2024-9-4"):
        assert "as_of" in error_of(http.get(f"/api/commitments/{cid}", params={"as_of": bad}), 400, "bad_request")
    # made on 2024-09-04: it does not exist yet the day before
    assert "after" in error_of(http.get(f"/api/commitments/{cid}", params={"as_of": "2024-09-03"}), 404, "not_found")


# -- search and export -------------------------------------------------------------

def test_search(http):
    j = http.get("/api/search", params={"q": "condemn"}).json()
    assert j["documents"]["total"] >= 2 and j["acts"]["total"] > 0
    error_of(http.get("/api/search", params={"q": ""}), 400)


def test_export_formats(http):
    r = http.get("/api/export", params={"format": "plover"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    recs = [json.loads(x) for x in r.text.splitlines()]
    assert recs and all(x["text"] and x["event"] for x in recs)
    n_acts = http.get("/api/acts").json()["total"]
    assert 0 < len(recs) <= n_acts      # acts with no PLOVER event are no PLOVER records
    r = http.get("/api/export", params={"format": "polecat-tsv"})
    assert r.status_code == 200 and r.text.split("\n", 1)[0].startswith("Event ID\tEvent Date")
    # one row per record, negated acts left out (POLECAT has no place to mark them)
    assert len(r.text.strip().splitlines()) == 1 + sum("negation" not in x["context"] for x in recs)
    r = http.get("/api/export", params={"format": "cameo-dyads"})
    assert r.status_code == 200 and all(len(line.split("\t")) == 26 for line in r.text.rstrip("\n").splitlines())
    error_of(http.get("/api/export", params={"format": "parquet"}), 400)
    error_of(http.get("/api/export", params={"format": "../../etc/passwd"}), 400)
    error_of(http.get("/api/export"), 400)


# -- ingest ------------------------------------------------------------------------

RELEASE = b"""---
title: "Joint Statement by New Zealand and Japan"
date: 2024-11-02
url: https://www.beehive.govt.nz/release/joint-statement-new-zealand-and-japan
---

New Zealand and Japan condemned the DPRK's missile launches. Both sides agreed to hold a security dialogue in 2025.
"""


def test_ingest_refused_without_allow_ingest(http):
    r = http.post("/api/ingest", files={"file": ("a.md", RELEASE, "text/markdown")})
    assert "--allow-ingest" in error_of(r, 403, "forbidden")


def test_ingest_uploads_and_extracts(ingest_server):
    with httpx.Client(base_url=ingest_server.url, timeout=120) as c:
        r = c.post("/api/ingest", files={"file": ("../../nz japan.md", RELEASE, "text/markdown")})
        assert r.status_code == 201, r.text
        j = r.json()
        assert j["stored"] == 1 and j["acts"] >= 1 and len(j["documents"]) == 1
        did = j["documents"][0]["id"]
        d = c.get(f"/api/documents/{did}").json()
        assert d["title"] == "Joint Statement by New Zealand and Japan" and d["acts"]
        assert all(".." not in p for p in d["paths"])
        # the upload is kept beside the store, in FILE.uploads/, under a safe name
        kept = ingest_server.db.parent / (ingest_server.db.name + ".uploads")
        files = list(kept.iterdir())
        assert len(files) == 1 and files[0].name.endswith("_nz_japan.md") and files[0].read_bytes() == RELEASE
        assert len(d["paths"]) == 1 and files[0].name.endswith("_" + d["paths"][0])  # shown by its file name
        assert c.get("/api/acts", params={"dyad": "JPN,NZL"}).json()["total"] >= 1
        again = c.post("/api/ingest", files={"file": ("again.md", RELEASE, "text/markdown")}).json()
        assert again["stored"] == 0 and again["duplicates"] == 1


@pytest.mark.parametrize("name,data,ctype,status", [
    ("big.md", b"a" * (5 * 1024 * 1024 + 1), "text/markdown", 413),
    ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "text/markdown", 415),
    ("photo.png", b"\x89PNG\r\n\x1a\n", "image/png", 415),
    ("tool.exe", b"MZ\x90\x00\x03", "application/octet-stream", 415),
    ("note.txt", b"hello", "image/png", 415),
    ("empty.txt", b"   \n", "text/plain", 400),
])
def test_ingest_rejects_bad_uploads(ingest_server, name, data, ctype, status):
    r = httpx.post(ingest_server.url + "/api/ingest", files={"file": (name, data, ctype)}, timeout=60)
    error_of(r, status)


def test_ingest_huge_body_refused_early(ingest_server):
    r = httpx.post(ingest_server.url + "/api/ingest", content=b"x" * (8 * 1024 * 1024),
                   headers={"content-type": "multipart/form-data; boundary=zzz"}, timeout=60)
    error_of(r, 413, "payload_too_large")


def test_ingest_without_file_field(ingest_server):
    error_of(httpx.post(ingest_server.url + "/api/ingest", data={"x": "1"}, timeout=30), 400, "bad_request")
