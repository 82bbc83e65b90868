"""The read layer over a store shared by the HTTP API, the web UI and the CLI: listings
with filters and paging, one document with everything found in it, acts, actors,
commitments, comparisons; each parameter checked (a bad one is a ``BadRequest``). Every
function takes a DuckDB connection (a per-request cursor) and returns JSON-serialisable
dicts."""
from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from typing import Any

from .errors import BadRequest, NotFoundError
from .ingest.reader import shown_path
from .store.db import document_filters
from .store.read import document_record, ids_matching
from .text.safe import like_contains

DOC_ID = re.compile(r"^[0-9a-f]{6,64}$")
ACTOR_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,11}$")
COMMITMENT_ACTS = ("commit", "explore", "sign", "announce")
COOPERATIVE = ("verbal_cooperation", "material_cooperation")
CONFLICTUAL = ("verbal_conflict", "material_conflict")


def rows(con, sql: str, params: list | None = None) -> list[dict[str, Any]]:
    cur = con.execute(sql, params or [])
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def jsonable(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    return v


def check_date(value: str | None, name: str) -> str | None:
    if value in (None, ""):
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise BadRequest(f"{name}: {value!r} is not a date (use YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadRequest(f"{name}: {value!r} is not a valid date") from None


def check_code(value: str | None, name: str) -> str | None:
    if value in (None, ""):
        return None
    v = value.strip().upper()
    if not ACTOR_CODE.match(v):
        raise BadRequest(f"{name}: {value!r} is not an actor code (2 to 12 letters or digits, e.g. NZL, UN)")
    return v


def check_doc_id(value: str, name: str = "id") -> str:
    if not DOC_ID.match(value or ""):
        raise BadRequest(f"{name}: {value!r} is not a document id (6 to 64 hex digits)")
    return value


def table_exists(con, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()[0])


@lru_cache(maxsize=1)
def act_types() -> dict[str, dict[str, str]]:
    from .acts.lexicon import get_lexicon

    return get_lexicon().act_types


def quad(act: str) -> str:
    return act_types().get(act, {}).get("quad", "")


# -- documents ---------------------------------------------------------------------

def _one_id(con, table: str, noun: str, ref: str) -> str:
    """The one id of ``table`` that ref names (an id or a unique prefix); an ambiguous prefix
    is a bad request, no match is not found."""
    found = ids_matching(con, table, ref)
    if len(found) == 1:
        return found[0]
    if found:
        raise BadRequest(f"{noun} id prefix {ref!r} is ambiguous")
    raise NotFoundError(f"no {noun} {ref!r}")


def resolve_doc(con, ref: str) -> str:
    check_doc_id(ref)
    return _one_id(con, "documents", "document", ref)


def list_documents(con, since=None, until=None, kind=None, q=None, limit=50, offset=0) -> dict[str, Any]:
    since, until = check_date(since, "since"), check_date(until, "until")
    if kind and kind not in ("statement", "news", "other"):
        raise BadRequest(f"kind: {kind!r} is not one of statement, news, other")
    w, params = document_filters(since, until, kind, q, alias="d.")
    # one scan: the window count is taken over every match before the page is cut
    items = rows(con, "SELECT d.id, d.date, d.kind, d.format, d.title, d.path, d.publisher, d.url, d.n_sentences, "
                      "count(*) OVER () AS _total FROM documents d"
                      f"{w} ORDER BY d.date DESC NULLS LAST, d.id LIMIT ? OFFSET ?", params + [limit, offset])
    if items:
        total = items[0]["_total"]
    else:
        total = con.execute(f"SELECT count(*) FROM documents d{w}", params).fetchone()[0]
    ids = [d["id"] for d in items]
    proc = {r[0]: (r[1], r[2]) for r in con.execute("SELECT doc_id, n_acts, parties FROM processed WHERE doc_id IN (SELECT unnest(?))",
                                                   [ids]).fetchall()} if ids else {}
    for d in items:
        del d["_total"]
        d["path"] = shown_path(d["path"])
        d["n_acts"], d["parties"] = proc.get(d["id"], (None, None))
    return {"total": total, "limit": limit, "offset": offset, "items": jsonable(items)}


def get_document(con, ref: str) -> dict[str, Any]:
    did = resolve_doc(con, ref)
    doc = document_record(con, did)
    doc["paths"] = [shown_path(p) for p in doc["paths"]]
    doc["path"] = shown_path(doc["path"])
    doc["mentions"] = rows(con, "SELECT idx, sentence_idx, start_char, end_char, text, code, sector, kind, person, reason "
                                "FROM mentions WHERE doc_id = ? ORDER BY idx", [did])
    doc["acts"] = rows(con, "SELECT id, idx, sentence_idx, act, source, target, source_sectors, target_sectors, trigger, "
                            "negated, when_text, when_start, when_end, intensity, trigger_start, trigger_end, span_start, "
                            "span_end, plover_event, plover_mode, plover_context, cameo FROM acts WHERE doc_id = ? ORDER BY idx", [did])
    proc = rows(con, "SELECT pipeline_version, parties FROM processed WHERE doc_id = ?", [did])
    doc["parties"] = proc[0]["parties"] if proc else []
    doc["processed"] = bool(proc)
    by_sent: dict[int, list[dict]] = {}
    for m in doc["mentions"]:
        by_sent.setdefault(m["sentence_idx"], []).append(m)
    for a in doc["acts"]:
        a["quad"] = quad(a["act"])
        codes = set(a["source"] or []) | set(a["target"] or [])
        a["why"] = [{"text": m["text"], "code": m["code"], "reason": m["reason"]}
                    for m in by_sent.get(a["sentence_idx"], [])
                    if m["code"] and (set(m["code"].split("+")) & codes)]
    return jsonable(doc)


# -- acts --------------------------------------------------------------------------

ACT_COLUMNS = ("a.id, a.doc_id, a.idx, a.sentence_idx, a.date, a.act, a.source, a.target, a.trigger, a.negated, "
               "a.when_text, a.when_start, a.when_end, a.intensity, a.plover_event, a.plover_mode, a.plover_context, "
               "a.cameo, a.sentence, a.span_start, a.span_end")


def _act_filters(actor=None, source=None, target=None, act=None, since=None, until=None, dyad=None,
                 party=None, acts_in: tuple[str, ...] | None = None) -> tuple[str, list]:
    where, params = [], []
    actor, source, target, party = (check_code(actor, "actor"), check_code(source, "source"),
                                    check_code(target, "target"), check_code(party, "party"))
    since, until = check_date(since, "since"), check_date(until, "until")
    if act:
        names = [x.strip() for x in act.split(",") if x.strip()]
        unknown = [x for x in names if x not in act_types()]
        if unknown:
            raise BadRequest(f"act: unknown act type(s) {', '.join(map(repr, unknown))}; known: {', '.join(act_types())}")
        where.append("a.act IN (SELECT unnest(?))")
        params.append(names)
    if acts_in:
        where.append("a.act IN (SELECT unnest(?))")
        params.append(list(acts_in))
    if actor:
        where.append("(list_contains(a.source, ?) OR list_contains(a.target, ?))")
        params += [actor, actor]
    if source:
        where.append("list_contains(a.source, ?)")
        params.append(source)
    if party:
        where.append("list_contains(a.source, ?)")
        params.append(party)
    if target:
        where.append("list_contains(a.target, ?)")
        params.append(target)
    if dyad:
        x, y = parse_dyad(dyad)
        # the export's dyad rule: every source with every target; an act with no target pairs
        # its sources with each other only when its type is mutual (meet, sign, commit ...)
        from .export.vocab import vocab

        where.append("((list_contains(a.source, ?) AND list_contains(a.target, ?)) OR "
                     "(list_contains(a.source, ?) AND list_contains(a.target, ?)) OR "
                     "(len(a.target) = 0 AND a.act IN (SELECT unnest(?)) AND list_contains(a.source, ?) "
                     "AND list_contains(a.source, ?)))")
        params += [x, y, y, x, sorted(vocab().mutual_acts), x, y]
    if since:
        where.append("a.date >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append("a.date <= CAST(? AS DATE)")
        params.append(until)
    return (" WHERE " + " AND ".join(where)) if where else "", params


def parse_dyad(dyad: str) -> tuple[str, str]:
    parts = [p for p in dyad.split(",")]
    if len(parts) != 2:
        raise BadRequest(f"dyad: {dyad!r} must be two actor codes separated by a comma, e.g. KOR,NZL")
    a, b = check_code(parts[0], "dyad"), check_code(parts[1], "dyad")
    if not a or not b or a == b:
        raise BadRequest(f"dyad: {dyad!r} must name two different actor codes")
    return a, b


def _page(con, where: str, params: list, order: str, limit: int, offset: int) -> list[dict[str, Any]]:
    """One page of acts; document titles are joined to the page only (not to every match)."""
    items = rows(con, f"SELECT {ACT_COLUMNS} FROM acts a{where} ORDER BY {order} LIMIT ? OFFSET ?", params + [limit, offset])
    ids = sorted({a["doc_id"] for a in items})
    titles = dict(con.execute("SELECT id, title FROM documents WHERE id IN (SELECT unnest(?))", [ids]).fetchall()) if ids else {}
    for a in items:
        a["title"] = titles.get(a["doc_id"])
        a["quad"] = quad(a["act"])
    return items


def list_acts(con, limit=50, offset=0, order="date", **filters) -> dict[str, Any]:
    w, params = _act_filters(**filters)
    total = con.execute(f"SELECT count(*) FROM acts a{w}", params).fetchone()[0]
    orders = {"date": "a.date DESC NULLS LAST, a.doc_id, a.idx", "date_asc": "a.date NULLS LAST, a.doc_id, a.idx"}
    if order not in orders:
        raise BadRequest(f"order: {order!r} is not one of {', '.join(orders)}")
    items = _page(con, w, params, orders[order], limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": jsonable(items)}


def monthly(con, **filters) -> list[dict[str, Any]]:
    """Cooperative and conflictual act counts per month (PLOVER quad classes)."""
    w, params = _act_filters(**filters)
    got = con.execute(f"SELECT strftime(a.date, '%Y-%m') AS month, a.act, count(*) FROM acts a{w} "
                      f"{'AND' if w else 'WHERE'} a.date IS NOT NULL GROUP BY 1, 2 ORDER BY 1", params).fetchall()
    out: dict[str, dict[str, Any]] = {}
    for month, act, n in got:
        m = out.setdefault(month, {"month": month, "cooperative": 0, "conflictual": 0, "other": 0})
        q = quad(act)
        m["cooperative" if q in COOPERATIVE else "conflictual" if q in CONFLICTUAL else "other"] += n
    if not out:
        return []
    # fill the months with no acts, so the chart's time axis is even
    first, last = sorted(out)[0], sorted(out)[-1]
    y, mo = int(first[:4]), int(first[5:])
    series = []
    while f"{y:04d}-{mo:02d}" <= last and len(series) < 1200:
        key = f"{y:04d}-{mo:02d}"
        series.append(out.get(key, {"month": key, "cooperative": 0, "conflictual": 0, "other": 0}))
        mo += 1
        if mo == 13:
            y, mo = y + 1, 1
    return series


# -- actors ------------------------------------------------------------------------

def actor(con, code: str | None = None, name: str | None = None, date: str | None = None) -> dict[str, Any]:
    from .actors import get_gazetteer, lookup
    from .actors.resolve import in_office

    date = check_date(date, "date")
    gaz = get_gazetteer()
    matches: list[dict] = []
    if name is not None:
        if not name.strip() or len(name) > 200:
            raise BadRequest("name: give a name of 1 to 200 characters")
        matches = lookup(name, date)
        if code is None:
            codes = [m["code"] for m in matches if m["code"] and (m.get("in_office", True))]
            if not codes:
                raise NotFoundError(f"{name!r}: not in the gazetteer" + (f" (or nobody of that name in office on {date})" if date else ""))
            code = codes[0]
    code = check_code(code, "code")
    known = code in gaz.names
    kinds = sorted({e.kind for es in gaz.index.values() for e in es if e.code == code and e.kind in ("state", "body", "group")}) if known else []
    leaders = []
    for es in gaz.persons.values():
        for e in es:
            if e.code == code and (date is None or in_office(e, date)):
                terms = [{"office": t.office, "start": t.start, "end": t.end} for t in e.terms]
                if date is None and not any(t["end"] is None for t in terms):
                    continue  # without a date: current office holders only
                leaders.append({"person": e.person, "terms": terms})
    counts = rows(con, "SELECT a.act, sum(CASE WHEN list_contains(a.source, ?) THEN 1 ELSE 0 END)::INTEGER AS as_source, "
                       "sum(CASE WHEN list_contains(a.target, ?) THEN 1 ELSE 0 END)::INTEGER AS as_target, "
                       "count(*)::INTEGER AS n FROM acts a "
                       "WHERE list_contains(a.source, ?) OR list_contains(a.target, ?) GROUP BY 1 ORDER BY 2 DESC, 1",
                  [code, code, code, code])
    total = sum(c.pop("n") for c in counts)
    if not known and not counts:
        raise NotFoundError(f"no actor {code!r}: not in the gazetteer and in no stored act")
    partners = rows(con, "SELECT p AS code, count(*)::INTEGER AS acts FROM (SELECT unnest(list_distinct(list_concat(a.source, a.target))) AS p "
                         "FROM acts a WHERE list_contains(a.source, ?) OR list_contains(a.target, ?)) WHERE p <> ? "
                         "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20", [code, code, code])
    for p in partners:
        p["name"] = gaz.name_of(p["code"])
    return jsonable({"code": code, "name": gaz.name_of(code), "in_gazetteer": known, "kinds": kinds, "date": date,
                     "leaders": leaders, "matches": matches,
                     "acts": {"total": total,
                              "as_source": sum(c["as_source"] for c in counts),
                              "as_target": sum(c["as_target"] for c in counts), "by_type": counts},
                     "partners": partners})


def actor_name(code: str) -> str:
    from .actors import get_gazetteer

    return get_gazetteer().name_of(code)


# -- commitments -------------------------------------------------------------------

def commitments(con, party=None, since=None, until=None, sort="deadline", with_when=False, limit=100, offset=0,
                q=None) -> dict:
    """Acts of the commitment types (the listing used when the ledger is not built)."""
    w, params = _act_filters(party=party, since=since, until=until, acts_in=COMMITMENT_ACTS)
    if with_when:
        w += " AND a.when_text IS NOT NULL"
    if q:
        w += " AND a.sentence ILIKE ? ESCAPE '\\'"
        params.append(like_contains(q))
    orders = {"deadline": "a.when_start NULLS LAST, a.date, a.doc_id, a.idx",
              "deadline_desc": "a.when_start DESC NULLS LAST, a.date DESC, a.doc_id, a.idx",
              "date": "a.date DESC NULLS LAST, a.doc_id, a.idx"}
    if sort not in orders:
        raise BadRequest(f"sort: {sort!r} is not one of {', '.join(orders)}")
    total = con.execute(f"SELECT count(*) FROM acts a{w}", params).fetchone()[0]
    items = _page(con, w, params, orders[sort], limit, offset)
    return {"source": "acts", "total": total, "limit": limit, "offset": offset, "items": jsonable(items)}


# -- the commitments ledger (tables commitments, commitment_events) ------------------

COMMITMENT_ID = re.compile(r"^[0-9a-f]{6,40}$")
LEDGER_SORTS = {
    # soonest due first: the deadline's end, then its start; undated last
    "deadline": "deadline_end NULLS LAST, deadline_start NULLS LAST, date, id",
    "deadline_desc": "deadline_end DESC NULLS LAST, deadline_start DESC NULLS LAST, date DESC, id",
    "date": "date DESC NULLS LAST, id",
}


def ledger_ready(con) -> bool:
    """The ledger tables exist and hold at least one commitment."""
    return table_exists(con, "commitments") and con.execute("SELECT 1 FROM commitments LIMIT 1").fetchone() is not None


def check_commitment_id(value: str) -> str:
    if not COMMITMENT_ID.match(value or ""):
        raise BadRequest(f"id: {value!r} is not a commitment id (6 to 40 hex digits)")
    return value


def _check_choice(value: str | None, name: str, choices: tuple[str, ...]) -> str | None:
    if value in (None, ""):
        return None
    if value not in choices:
        raise BadRequest(f"{name}: {value!r} is not one of {', '.join(choices)}")
    return value


def ledger_check(status=None, as_of=None, firmness=None) -> None:
    """Validate the ledger-only filters (also when the act listing answers)."""
    from .commitments.query import FIRMNESS, STATUSES

    _check_choice(status, "status", STATUSES)
    _check_choice(firmness, "firmness", FIRMNESS)
    check_date(as_of, "as_of")


def _as_of(value: str | None) -> str:
    return check_date(value, "as_of") or dt.date.today().isoformat()


def _evidence(r: dict) -> dict:
    return {"doc_id": r["doc_id"], "sentence_idx": r["sentence_idx"], "span": [r["span_start"], r["span_end"]],
            "sentence": r["sentence"]}


def _ledger_item(r: dict) -> dict:
    return {"id": r["id"], "parties": r["parties"] or [], "counterpart": r["counterpart"] or [], "matter": r["matter"],
            "act": r["act"], "trigger": r["trigger"], "firmness": r["firmness"],
            "deadline": {"text": r["deadline_text"], "start": r["deadline_start"], "end": r["deadline_end"],
                         "problem": r["deadline_problem"]},
            "date": r["date"], "status": r["status"], "decided_on": r["decided_on"], "n_followups": r["n_followups"],
            "last_followup": r["last_followup"], "title": r["title"], "doc_kind": r["doc_kind"],
            "evidence": _evidence(r)}


def ledger_commitments(con, party=None, status=None, as_of=None, since=None, until=None, firmness=None, q=None,
                       sort="deadline", with_when=False, limit=100, offset=0) -> dict[str, Any]:
    """Ledger commitments made on or before ``as_of`` (default today) with their status as
    of that date (the rule of accord.commitments.query), filtered, sorted and paged."""
    from .commitments.query import FIRMNESS, STATUS_SQL, STATUSES, ledger_filters

    party = check_code(party, "party")
    status = _check_choice(status, "status", STATUSES)
    firmness = _check_choice(firmness, "firmness", FIRMNESS)
    as_of = _as_of(as_of)
    since, until = check_date(since, "since"), check_date(until, "until")
    if sort not in LEDGER_SORTS:
        raise BadRequest(f"sort: {sort!r} is not one of {', '.join(LEDGER_SORTS)}")
    w, params = ledger_filters(as_of, party, status, since, until, firmness, q, with_when)
    base = f"SELECT * FROM ({STATUS_SQL}) q{w}"
    got = rows(con, f"SELECT *, count(*) OVER () AS _total FROM ({base}) ORDER BY {LEDGER_SORTS[sort]} "
                    f"LIMIT {int(limit)} OFFSET {int(offset)}", params)  # type: ignore[arg-type]
    total = got[0]["_total"] if got else con.execute(f"SELECT count(*) FROM ({base})", params).fetchone()[0]
    counts = {k: 0 for k in STATUSES}
    counts.update(dict(con.execute(f"SELECT status, count(*) FROM ({STATUS_SQL}) q GROUP BY 1", {"as_of": as_of}).fetchall()))
    return jsonable({"source": "ledger", "as_of": as_of, "total": total, "limit": limit, "offset": offset,
                     "status_counts": counts, "items": [_ledger_item(r) for r in got]})


def ledger_parties(con, limit: int = 60) -> list[str]:
    """Actor codes among the ledger's parties and counterparts, most frequent first."""
    return [r[0] for r in con.execute(
        "SELECT p, count(*) FROM (SELECT unnest(list_concat(parties, coalesce(counterpart, []))) AS p FROM commitments) "
        "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", [limit]).fetchall()]


def resolve_commitment(con, ref: str) -> str:
    check_commitment_id(ref)
    if not table_exists(con, "commitments"):
        raise NotFoundError(f"no commitment {ref!r}: the ledger has not been built (accord commitments --build)")
    return _one_id(con, "commitments", "commitment", ref)


def _on_con(con):
    """A Store over a cursor, for the library functions of accord.commitments."""
    from .store import Store

    return Store("(server store)", con=con)


def commitment_timeline(con, ref: str, as_of: str | None = None) -> dict[str, Any]:
    """One commitment, its status as of ``as_of`` (default today) and its timeline: every
    event (made, reaffirmed, progressed, fulfilled, reversed) with its document and sentence.
    Events dated after ``as_of`` are listed too, flagged ``after_as_of``."""
    from .commitments.query import commitment

    as_of = _as_of(as_of)
    cid = resolve_commitment(con, ref)
    c = commitment(_on_con(con), cid, as_of=as_of)
    triggers = {r[0]: (r[1], r[2]) for r in con.execute(
        "SELECT a.id, a.trigger_start, a.trigger_end FROM acts a WHERE a.id IN "
        "(SELECT act_id FROM commitment_events WHERE commitment_id = ?)", [cid]).fetchall()}
    events = []
    for e in c["events"]:
        ts, te = triggers.get(e["act_id"], (None, None))
        date = e["date"].isoformat() if isinstance(e["date"], dt.date) else e["date"]
        events.append({"kind": e["kind"], "date": date, "after_as_of": bool(date and date > as_of),
                       "doc_id": e["doc_id"], "title": e["title"], "doc_kind": e["doc_kind"], "act": e["act"],
                       "act_id": e["act_id"], "source": e["source"] or [], "target": e["target"] or [],
                       "trigger": e["trigger"], "trigger_span": [ts, te] if ts is not None and te is not None else None,
                       "sentence_idx": e["sentence_idx"], "span": [e["span_start"], e["span_end"]],
                       "sentence": e["sentence"], "score": e["score"], "shared_terms": e["shared_terms"] or []})
    out = _ledger_item(c)
    out.update({"as_of": as_of, "terms": c["terms"] or [], "act_ids": c["act_ids"] or [], "events": events})
    return jsonable(out)


# -- comparisons -------------------------------------------------------------------

def stored_comparison(con, news_id: str, source_id: str | None) -> dict[str, Any] | None:
    if not table_exists(con, "comparisons"):
        return None
    sql = "SELECT * FROM comparisons WHERE news_id = ?"
    args = [news_id]
    if source_id:
        sql += " AND source_id = ?"
        args.append(source_id)
    found = rows(con, sql + " ORDER BY created_at DESC LIMIT 1", args)
    if not found:
        return None
    c = found[0]
    items = rows(con, "SELECT * FROM comparison_items WHERE comparison_id = ? ORDER BY side, idx", [c["id"]])
    titles = dict(con.execute("SELECT id, title FROM documents WHERE id IN (?, ?)", [c["news_id"], c["source_id"]]).fetchall())
    dates = dict(con.execute("SELECT id, CAST(date AS VARCHAR) FROM documents WHERE id IN (?, ?)", [c["news_id"], c["source_id"]]).fetchall())
    news, source = [], []
    for it in items:
        if it["side"] == "news":
            news.append({"idx": it["idx"], "text": it["text"], "role": it["role"], "label": it["label"],
                         "direction": it["direction"], "score": it["score"], "reason": it["reason"],
                         "evidence": [{"idx": i, "score": s} for i, s in zip(it["evidence"] or [], it["evidence_scores"] or [])],
                         "shared": it["shared"] or [], "new_facts": it["new_facts"] or [], "changes": it["changes"] or []})
        else:
            source.append({"idx": it["idx"], "text": it["text"], "role": it["role"], "label": it["label"],
                           "score": it["score"], "by": it["evidence"] or [], "reason": it["reason"]})
    return jsonable({"news_id": c["news_id"], "source_id": c["source_id"], "news_title": titles.get(c["news_id"]),
                     "source_title": titles.get(c["source_id"]), "news_date": dates.get(c["news_id"]),
                     "source_date": dates.get(c["source_id"]),
                     "summary": json.loads(c["summary"]) if c["summary"] else {}, "news": news, "source": source,
                     "seconds": c["seconds"], "params": json.loads(c["params"]) if c["params"] else {},
                     "stored": True, "comparison_id": c["id"], "created_at": c["created_at"]})


def comparison(con, news: str, source: str | None = None, recompute: bool = False) -> dict[str, Any]:
    """A stored comparison of the pair, or one computed now (not stored: the server's
    connection is read-only). With no source, the stored one or the best linked statement."""
    from .compare import compare, link_candidates, load_from_store

    news_id = resolve_doc(con, news)
    source_id = resolve_doc(con, source) if source else None
    if source_id == news_id:
        raise BadRequest("news and source are the same document")
    if not recompute:
        got = stored_comparison(con, news_id, source_id)
        if got:
            return got
    ndoc = load_from_store(con, news_id)
    link = None
    if source_id is None:
        cands = link_candidates(ndoc, con, limit=3)
        if not cands:
            raise NotFoundError(f"no official document found to compare {news_id} with (give source=ID)")
        source_id = cands[0].doc_id
        link = [c.to_dict() for c in cands]
    sdoc = load_from_store(con, source_id)
    out = compare(ndoc, sdoc).to_dict()
    out["stored"] = False
    out["linked"] = link
    return jsonable(out)


# -- search ------------------------------------------------------------------------

def search_acts(con, q: str, limit=50, offset=0) -> dict[str, Any]:
    like = like_contains(q)
    w = " WHERE (a.sentence ILIKE ? ESCAPE '\\' OR a.trigger ILIKE ? ESCAPE '\\' OR a.act = ? OR list_contains(a.source, ?) OR list_contains(a.target, ?))"
    params = [like, like, q.lower(), q.upper(), q.upper()]
    total = con.execute(f"SELECT count(*) FROM acts a{w}", params).fetchone()[0]
    items = _page(con, w, params, "a.date DESC NULLS LAST, a.doc_id, a.idx", limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": jsonable(items)}


# -- small reads of the web pages and the upload route ---------------------------------

def count_acts(con) -> int:
    return con.execute("SELECT count(*) FROM acts").fetchone()[0]


def comparison_links(con, doc_id: str) -> tuple[str | None, list[str]]:
    """(the official document a stored comparison set this news document against, or None;
    the news documents stored comparisons set against this one)."""
    r = con.execute("SELECT source_id FROM comparisons WHERE news_id = ? LIMIT 1", [doc_id]).fetchone()
    reports = [x[0] for x in con.execute("SELECT news_id FROM comparisons WHERE source_id = ?", [doc_id]).fetchall()]
    return (r[0] if r else None), reports


def commitment_act_parties(con, limit: int = 60) -> list[str]:
    """The sources of commitment acts, most frequent first."""
    return [r[0] for r in con.execute(
        "SELECT p, count(*) FROM (SELECT unnest(source) AS p FROM acts WHERE act IN (SELECT unnest(?))) "
        "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", [list(COMMITMENT_ACTS), limit]).fetchall()]


def act_counts(con, codes) -> dict[str, int]:
    """How many stored acts name each code as a source or a target."""
    codes = list(dict.fromkeys(c for c in codes if c))
    if not codes:
        return {}
    found = con.execute(
        "SELECT c.code, count(a.id) FROM (SELECT unnest(?) AS code) c LEFT JOIN acts a "
        "ON list_contains(a.source, c.code) OR list_contains(a.target, c.code) GROUP BY c.code", [codes]).fetchall()
    return {c: int(n) for c, n in found}
