"""Reading the ledger: status as of a date, listings, one commitment's timeline.

Status as of D (only commitments made on or before D; only events dated on or before D):
``reversed`` or ``fulfilled`` when the latest such event is one; otherwise ``overdue``
when the deadline's end has passed; otherwise ``open``.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import AccordError, NotFoundError
from ..store import Store
from ..store.read import ids_matching
from ..text.safe import like_contains

STATUSES = ("open", "fulfilled", "overdue", "reversed")
FIRMNESS = ("firm", "exploratory")

STATUS_SQL = """
    WITH ev AS (
        SELECT commitment_id,
               arg_max(kind, date) FILTER (WHERE kind IN ('fulfilled', 'reversed')) AS decided,
               max(date) FILTER (WHERE kind IN ('fulfilled', 'reversed')) AS decided_on,
               count(*) FILTER (WHERE kind <> 'made') AS n_followups,
               max(date) FILTER (WHERE kind <> 'made') AS last_followup
        FROM commitment_events WHERE date <= CAST($as_of AS DATE) GROUP BY commitment_id)
    SELECT c.*, d.title, d.path, d.kind AS doc_kind,
           CASE WHEN ev.decided IS NOT NULL THEN ev.decided
                WHEN c.deadline_end IS NOT NULL AND c.deadline_end < CAST($as_of AS DATE) THEN 'overdue'
                ELSE 'open' END AS status,
           ev.decided_on, coalesce(ev.n_followups, 0) AS n_followups, ev.last_followup
    FROM commitments c LEFT JOIN ev ON ev.commitment_id = c.id LEFT JOIN documents d ON d.id = c.doc_id
    WHERE c.date <= CAST($as_of AS DATE)
"""


def _today() -> str:
    return dt.date.today().isoformat()


def ledger_filters(as_of: str, party: str | None = None, status: str | None = None, since: str | None = None,
                   until: str | None = None, firmness: str | None = None, search: str | None = None,
                   with_when: bool = False) -> tuple[str, dict[str, Any]]:
    """The WHERE clause (or "") and parameters that filter STATUS_SQL's rows; shared by
    the CLI and the HTTP API."""
    params: dict[str, Any] = {"as_of": as_of}
    where = []
    if party:
        where.append("(list_contains(parties, $party) OR list_contains(counterpart, $party))")
        params["party"] = party.upper()
    if status:
        where.append("status = $status")
        params["status"] = status
    if since:
        where.append("date >= CAST($since AS DATE)")
        params["since"] = since
    if until:
        where.append("date <= CAST($until AS DATE)")
        params["until"] = until
    if firmness:
        where.append("firmness = $firmness")
        params["firmness"] = firmness
    if search:
        where.append("(matter ILIKE $search ESCAPE '\\' OR sentence ILIKE $search ESCAPE '\\')")
        params["search"] = like_contains(search)
    if with_when:
        where.append("deadline_text IS NOT NULL")
    return (" WHERE " + " AND ".join(where)) if where else "", params


def list_commitments(store: Store, party: str | None = None, status: str | None = None, as_of: str | None = None,
                     since: str | None = None, until: str | None = None, firmness: str | None = None,
                     search: str | None = None, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
    if status and status not in STATUSES:
        raise AccordError(f"status: {status!r} is not one of {', '.join(STATUSES)}")
    if firmness and firmness not in FIRMNESS:
        raise AccordError(f"firmness: {firmness!r} is not one of {', '.join(FIRMNESS)}")
    where, params = ledger_filters(as_of or _today(), party, status, since, until, firmness, search)
    sql = f"SELECT * FROM ({STATUS_SQL}) q" + where
    sql += " ORDER BY date DESC, id"
    if limit:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    cur = store.con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def checked(store: Store, c: dict[str, Any], horizon_days: int = 5 * 365) -> dict[str, Any]:
    """Which later documents the follow-up search read for a commitment: those of the store
    dated after it and within the horizon (5 years, or a year past the deadline) that name one
    of its parties or counterparts; their number, date range and how many were linked."""
    import datetime as _dt

    made = c["date"] if isinstance(c["date"], _dt.date) else _dt.date.fromisoformat(str(c["date"]))
    end = made + _dt.timedelta(days=horizon_days)
    if c.get("deadline_end"):
        dl = c["deadline_end"] if isinstance(c["deadline_end"], _dt.date) else _dt.date.fromisoformat(str(c["deadline_end"]))
        end = max(end, dl + _dt.timedelta(days=365))
    who = list(dict.fromkeys([*(c.get("parties") or []), *(c.get("counterpart") or [])]))
    n, first, last = store.con.execute(
        """SELECT count(*), min(d.date), max(d.date) FROM documents d JOIN processed p ON p.doc_id = d.id
           WHERE d.date > ? AND d.date <= ? AND d.id <> ? AND list_has_any(p.parties, ?)""",
        [made, end, c["doc_id"], who]).fetchone()
    linked = store.con.execute("SELECT count(DISTINCT doc_id) FROM commitment_events WHERE commitment_id = ? AND kind <> 'made'",
                               [c["id"]]).fetchone()[0]
    return {"documents": n, "first": str(first) if first else None, "last": str(last) if last else None,
            "until": end.isoformat(), "parties": who, "linked": linked}


def ledger_built(store: Store) -> bool:
    """Whether ``build`` has run on this store (the ledger has rows)."""
    return bool(store.con.execute("SELECT count(*) FROM (SELECT 1 FROM commitments LIMIT 1)").fetchone()[0])


def status_counts(store: Store, as_of: str | None = None) -> dict[str, int]:
    cur = store.con.execute(f"SELECT status, count(*) FROM ({STATUS_SQL}) q GROUP BY status", {"as_of": as_of or _today()})
    out = {k: 0 for k in STATUSES}
    out.update({k: v for k, v in cur.fetchall()})
    return out


def resolve_commitment(store: Store, ref: str) -> str:
    rows = ids_matching(store.con, "commitments", ref)
    if len(rows) == 1:
        return rows[0]
    if not rows:
        raise NotFoundError(f"no commitment {ref!r} in {store.path} (run `accord commitments --build` first?)")
    raise NotFoundError(f"commitment id prefix {ref!r} is ambiguous in {store.path}")


def commitment(store: Store, ref: str, as_of: str | None = None) -> dict[str, Any]:
    """One commitment with its status as of a date and its timeline (events with their documents)."""
    cid = resolve_commitment(store, ref)
    cur = store.con.execute(f"SELECT * FROM ({STATUS_SQL}) q WHERE id = $id", {"as_of": as_of or "9999-12-31", "id": cid})
    cols = [d[0] for d in cur.description]
    row = cur.fetchone()
    if row is None:  # made after as_of
        raise NotFoundError(f"commitment {cid} was made after {as_of}")
    c = dict(zip(cols, row))
    c["checked"] = checked(store, c)
    c["events"] = store.query(
        """SELECT e.*, d.title, d.path, d.kind AS doc_kind FROM commitment_events e LEFT JOIN documents d ON d.id = e.doc_id
           WHERE e.commitment_id = ? ORDER BY e.date, e.kind <> 'made', e.doc_id, e.sentence_idx""", [cid])
    return c
