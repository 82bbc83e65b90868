"""JSON routes under /api/."""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Optional

from fastapi import APIRouter, File, Path as PathParam, Query, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse
from starlette.background import BackgroundTask

from .. import queries as Q
from .errors import ApiError

router = APIRouter(prefix="/api")

MAX_UPLOAD = 5 * 1024 * 1024
UPLOAD_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".json")
TEXT_TYPES = ("text/", "application/json", "application/x-ndjson", "application/jsonl", "application/x-jsonlines",
              "application/xhtml+xml", "application/octet-stream")
EXPORT_FORMATS = {"plover": ("application/x-ndjson", "acts.plover.jsonl"),
                  "polecat-tsv": ("text/tab-separated-values", "acts.polecat.tsv"),
                  "cameo-dyads": ("text/tab-separated-values", "acts.cameo-dyads.tsv")}

DocId = PathParam(..., description="Document id (16 hex digits) or a unique prefix of at least 6.",
                  pattern=r"^[0-9a-f]{6,64}$", max_length=64)
Limit = Query(50, ge=1, le=500, description="Page size (1 to 500).")
Offset = Query(0, ge=0, le=10_000_000, description="Rows to skip.")
Date = lambda d: Query(None, description=d, max_length=10)  # noqa: E731
Code = lambda d: Query(None, description=d, max_length=12)  # noqa: E731


def J(data) -> JSONResponse:
    """Data already made JSON-safe by the queries: skip FastAPI's (slow) encoder."""
    return JSONResponse(data)


def _db(request: Request):
    return request.app.state.db


@router.get("/documents", summary="List documents")
def documents(request: Request, since: Optional[str] = Date("Earliest date, YYYY-MM-DD."),
              until: Optional[str] = Date("Latest date, YYYY-MM-DD."),
              kind: Optional[str] = Query(None, description="statement, news or other."),
              q: Optional[str] = Query(None, max_length=200, description="Text to find in the title or body."),
              limit: int = Limit, offset: int = Offset):
    with _db(request).cursor() as con:
        return J(Q.list_documents(con, since, until, kind, q, limit, offset))


@router.get("/documents/{doc_id}", summary="One document: metadata, sentences, sections, repairs, mentions, acts")
def document(request: Request, doc_id: str = DocId):
    with _db(request).cursor() as con:
        return J(Q.get_document(con, doc_id))


@router.get("/acts", summary="Acts, filtered and paged (total = all matching)")
def acts(request: Request, actor: Optional[str] = Code("Actor code as source or target, e.g. NZL."),
         source: Optional[str] = Code("Actor code among the sources."),
         target: Optional[str] = Code("Actor code among the targets."),
         act: Optional[str] = Query(None, max_length=200, description="Act type(s), comma separated (commit,urge)."),
         since: Optional[str] = Date("Earliest document date."), until: Optional[str] = Date("Latest document date."),
         dyad: Optional[str] = Query(None, max_length=30, description="Two actor codes, A,B: acts between them, either direction; a joint act of both with no target counts."),
         order: str = Query("date", description="date (newest first) or date_asc."),
         limit: int = Limit, offset: int = Offset):
    with _db(request).cursor() as con:
        return J(Q.list_acts(con, limit, offset, order, actor=actor, source=source, target=target, act=act,
                             since=since, until=until, dyad=dyad))


@router.get("/acts/monthly", summary="Cooperative and conflictual act counts per month (PLOVER quad classes)")
def acts_monthly(request: Request, actor: Optional[str] = Code("Actor code."), dyad: Optional[str] = Query(None, max_length=30),
                 since: Optional[str] = Date("Earliest date."), until: Optional[str] = Date("Latest date.")):
    with _db(request).cursor() as con:
        return J({"months": Q.monthly(con, actor=actor, dyad=dyad, since=since, until=until)})


@router.get("/actors/{code}", summary="An actor: gazetteer entry, office holders, act counts, partners")
def actor(request: Request, code: str = PathParam(..., pattern=r"^[A-Za-z][A-Za-z0-9]{1,11}$", max_length=12),
          date: Optional[str] = Date("Resolve office holders as of this date.")):
    with _db(request).cursor() as con:
        return J(Q.actor(con, code=code.upper(), date=date))


@router.get("/actors", summary="Resolve a name (as of a date) to an actor, with its act counts")
def actor_by_name(request: Request, name: str = Query(..., min_length=1, max_length=200),
                  date: Optional[str] = Date("Resolve as of this date (leaders: only while in office).")):
    with _db(request).cursor() as con:
        return J(Q.actor(con, name=name, date=date))


@router.get("/compare", summary="A news document against its official source: stored, or computed now")
def compare(request: Request, news: str = Query(..., max_length=64, description="News document id."),
            source: Optional[str] = Query(None, max_length=64, description="Official document id (default: the stored comparison or the best linked statement)."),
            recompute: bool = Query(False, description="Ignore a stored comparison.")):
    with _db(request).cursor() as con:
        return J(Q.comparison(con, news, source, recompute))


@router.get("/commitments", summary="Commitments: the ledger with status as of a date (else the commitment acts)")
def commitments(request: Request, party: Optional[str] = Code("Actor code among the parties or counterparts (ledger; acts: among the sources)."),
                status: Optional[str] = Query(None, max_length=12, description="Ledger only: open, fulfilled, overdue or reversed (as of as_of)."),
                as_of: Optional[str] = Date("Ledger only: status as of this date (default today); commitments made later are left out."),
                since: Optional[str] = Date("Made (document date) on or after."), until: Optional[str] = Date("Made on or before."),
                firmness: Optional[str] = Query(None, max_length=12, description="Ledger only: firm or exploratory."),
                q: Optional[str] = Query(None, max_length=200, description="Text in the matter or the sentence."),
                sort: str = Query("deadline", description="deadline (soonest due first, undated last), deadline_desc or date (newest made first)."),
                with_when: bool = Query(False, description="Only commitments with a deadline (acts: tied to a time)."),
                source: str = Query("auto", description="auto (the ledger when built and not empty, else acts), ledger or acts."),
                limit: int = Limit, offset: int = Offset):
    if source not in ("auto", "ledger", "acts"):
        raise ApiError(400, f"source: {source!r} is not one of auto, ledger, acts")
    with _db(request).cursor() as con:
        use_ledger = source == "ledger" or (source == "auto" and Q.ledger_ready(con))
        if use_ledger:
            if not Q.table_exists(con, "commitments"):
                raise ApiError(404, "the commitments ledger has not been built (run `accord commitments --build`)")
            return J(Q.ledger_commitments(con, party, status, as_of, since, until, firmness, q, sort, with_when,
                                          limit, offset))
        # the act listing: the ledger-only filters are checked, then reported as ignored
        ignored = [n for n, v in (("status", status), ("as_of", as_of), ("firmness", firmness)) if v]
        Q.ledger_check(status, as_of, firmness)
        out = Q.commitments(con, party, since, until, sort, with_when, limit, offset, q=q)
        out["ignored"] = ignored
        return J(out)


@router.get("/commitments/{commitment_id}", summary="One ledger commitment: status as of a date and its timeline of events")
def commitment(request: Request,
               commitment_id: str = PathParam(..., description="Commitment id (12 hex digits) or a unique prefix of at least 6.",
                                              pattern=r"^[0-9a-f]{6,40}$", max_length=40),
               as_of: Optional[str] = Date("Status as of this date (default today).")):
    with _db(request).cursor() as con:
        return J(Q.commitment_timeline(con, commitment_id, as_of))


@router.get("/search", summary="Search documents and acts")
def search(request: Request, q: str = Query(..., min_length=1, max_length=200), limit: int = Query(20, ge=1, le=200)):
    with _db(request).cursor() as con:
        return J({"q": q, "documents": Q.list_documents(con, q=q, limit=limit), "acts": Q.search_acts(con, q, limit=limit)})


@router.get("/export", summary="Download all acts as PLOVER JSONL, POLECAT TSV or CAMEO dyads (Phoenix layout); docs/exports.md")
def export(request: Request, format: str = Query(..., description="plover, polecat-tsv or cameo-dyads")):
    from ..export import export as do_export

    if format not in EXPORT_FORMATS:
        raise ApiError(400, f"format: {format!r} is not one of {', '.join(EXPORT_FORMATS)}")
    media, name = EXPORT_FORMATS[format]
    fd, tmp = tempfile.mkstemp(prefix="accord-export-", suffix=Path(name).suffix)
    os.close(fd)
    try:
        with _db(request).store_on_cursor() as store:
            do_export(store, format, tmp)
    except BaseException:
        os.unlink(tmp)
        raise
    return FileResponse(tmp, media_type=media, filename=name, background=BackgroundTask(os.unlink, tmp))


def _safe_name(name: str) -> str:
    base = os.path.basename((name or "").replace("\\", "/"))
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._") or "upload"
    return base[:100]


@router.post("/ingest", status_code=201, summary="Upload one document (text, Markdown, HTML or JSONL; at most 5 MB); ingest and extract it")
async def ingest(request: Request, file: UploadFile = File(..., description="The document.")):
    from starlette.concurrency import run_in_threadpool

    from ..errors import InputError
    from ..ingest.formats import decode

    db = _db(request)
    if not request.app.state.allow_ingest:
        raise ApiError(403, "uploads are disabled: start the server with `accord serve --allow-ingest`")
    name = _safe_name(file.filename or "")
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        raise ApiError(415, f"{name}: unsupported file type; upload one of {', '.join(UPLOAD_SUFFIXES)}")
    ctype = (file.content_type or "").split(";")[0].strip().lower()
    if ctype and not ctype.startswith(TEXT_TYPES):
        raise ApiError(415, f"{name}: content type {ctype!r} is not a text document")
    raw = await file.read(MAX_UPLOAD + 1)
    if len(raw) > MAX_UPLOAD:
        raise ApiError(413, f"{name}: larger than the {MAX_UPLOAD // (1024 * 1024)} MB limit for one document")
    try:
        decode(name, raw)
    except InputError as exc:
        status = 400 if "empty" in exc.reason else 415
        raise ApiError(status, f"{name}: {exc.reason}") from None
    digest = hashlib.sha256(raw).hexdigest()[:16]
    folder = Path(db.path).resolve().parent / (Path(db.path).name + ".uploads")
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / f"{digest}_{name}"
    dest.write_bytes(raw)

    def work():
        from ..service import ingest_upload

        return ingest_upload(db, str(dest))

    s, docs = await run_in_threadpool(work)
    if s.rejected and not docs:
        raise ApiError(415, "; ".join(f"{os.path.basename(p)}: {r}" for p, r in s.rejected[:5]))
    return {"stored": s.stored, "duplicates": s.duplicates,
            "rejected": [{"path": os.path.basename(p), "reason": r} for p, r in s.rejected],
            "acts": s.acts, "warnings": dict(s.warnings), "documents": docs}
