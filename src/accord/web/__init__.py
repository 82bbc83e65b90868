"""Web UI served by the API process: Jinja2 pages over the same queries as /api/.

Document text is untrusted: every piece of it is escaped (highlighted spans are built
here from offsets, escaping each piece; templates autoescape everything else), and the
pages load no script but /static/app.js (a Content-Security-Policy forbids inline ones)."""
from __future__ import annotations

import bisect
import math
from pathlib import Path
from typing import Any, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from .. import queries as Q
from ..text.safe import html_visible
from ..util import shorten

MAX_OFFSET = 10_000_000  # as the API's Offset: DuckDB's OFFSET takes no more than 2^63 - 1

WEB_DIR = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
templates.env.autoescape = True
# NUL, other controls and bidi overrides in document text are shown as U+FFFD (one for one)
templates.env.finalize = lambda v: html_visible(v) if type(v) is str else v
templates.env.globals["actor_name"] = Q.actor_name
router = APIRouter(include_in_schema=False)

LABEL_TEXT = {"supported": "supported", "strength_changed": "strength changed", "added": "added",
              "contradicted": "contradicted", "covered": "covered", "omitted": "omitted"}
templates.env.globals["LABEL_TEXT"] = LABEL_TEXT
templates.env.filters["shorten"] = shorten


def _glossary() -> dict[str, str]:
    from importlib.resources import files

    out = {}
    for line in (files("accord") / "data" / "glossary.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            term, text = line.split("\t", 1)
            out[term] = text.strip()
    return out


OFFICE_TEXT = _glossary()
templates.env.globals["OFFICE_TEXT"] = OFFICE_TEXT


def readable_terms(stems: list[str] | None, text: str) -> list[str]:
    """Key terms as words a reader knows: each stem shown as the first word of `text` that
    begins with it ("compre" -> "Comprehensive"), or as itself when none does."""
    words = [w.strip(".,;:()[]'\"“”’") for w in (text or "").split()]
    out = []
    for stem in stems or []:
        w = next((w for w in words if w.lower().startswith(stem.lower())), None)
        word = w.lower() if w and not w.isupper() else (w or stem)
        if word not in out:
            out.append(word)
    return out


templates.env.globals["readable_terms"] = readable_terms


def omitted_runs(source: list[dict]) -> list[list[dict]]:
    """Source sentences in order, runs of two or more omitted ones grouped (folded on the page)."""
    groups: list[list[dict]] = []
    for s in source:
        if s.get("label") == "omitted" and groups and groups[-1][0].get("label") == "omitted":
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups


def _db(request: Request):
    return request.app.state.db


def page(request: Request, name: str, **ctx) -> HTMLResponse:
    ctx.setdefault("allow_ingest", request.app.state.allow_ingest)
    ctx.setdefault("token_required", getattr(request.app.state, "token_required", False))
    return templates.TemplateResponse(request, name, ctx)


# -- highlighted text ---------------------------------------------------------------

def highlight(text: str, sentences: list[dict], mentions: list[dict], acts: list[dict]) -> Markup:
    """The document text as HTML: sentences as spans, actor mentions and act triggers
    marked, every piece of text escaped. Overlaps are split into elementary pieces."""
    n = len(text)
    items: list[tuple[int, int, str, int]] = []  # start, end, kind, index
    for i, m in enumerate(mentions):
        s, e = m.get("start_char"), m.get("end_char")
        if s is not None and e is not None and 0 <= s < e <= n:
            items.append((s, e, "m", i))
    badges: dict[int, list[int]] = {}
    for k, a in enumerate(acts):
        s, e = a.get("trigger_start"), a.get("trigger_end")
        if s is not None and e is not None and 0 <= s < e <= n:
            items.append((s, e, "a", k))
        else:
            badges.setdefault(a["sentence_idx"], []).append(k)
    sents = [(s["start_char"], s["end_char"], s["idx"]) for s in sentences
             if s["start_char"] is not None and 0 <= s["start_char"] < s["end_char"] <= n]
    sents.sort()
    points = {0, n}
    for s, e, _, _ in items:
        points.update((s, e))
    for s, e, _ in sents:
        points.update((s, e))
    points = sorted(points)
    starts: dict[int, list] = {}
    for it in items:
        starts.setdefault(it[0], []).append(it)
    sent_starts = [s for s, _, _ in sents]
    active: list[tuple[int, int, str, int]] = []
    out: list[str] = []
    open_sent: tuple[int, int, int] | None = None
    for a, b in zip(points, points[1:]):
        active = [it for it in active if it[1] > a] + starts.get(a, [])
        j = bisect.bisect_right(sent_starts, a) - 1
        sent = sents[j] if j >= 0 and sents[j][0] <= a < sents[j][1] else None
        if open_sent is not None and sent != open_sent:
            out.append(_badges(badges.get(open_sent[2], []), acts) + "</span>")
            open_sent = None
        if sent is not None and open_sent is None:
            out.append(f'<span class="sent" id="s{sent[2]}" data-sent="{sent[2]}">')
            open_sent = sent
        piece = str(escape(html_visible(text[a:b])))
        ms = [it[3] for it in active if it[2] == "m"]
        acs = [it[3] for it in active if it[2] == "a"]
        if ms:
            m = mentions[ms[-1]]
            cls = "mention" + (" coded" if m.get("code") else " uncoded") + f" k-{_cls(m.get('kind'))}"
            title = f"{m.get('code') or 'not an actor'}: {m.get('reason') or ''}"
            piece = (f'<span class="{cls}" data-mention="{ms[-1]}" title="{escape(html_visible(title))}">{piece}</span>')
        if acs:
            a0 = acts[acs[0]]
            cls = f"act a-{_cls(a0['act'])} q-{_cls(a0.get('quad'))}" + (" negated" if a0.get("negated") else "")
            title = f"{a0['act']}: {', '.join(a0.get('source') or [])} → {', '.join(a0.get('target') or []) or '—'}"
            piece = (f'<mark class="{cls}" data-act="{" ".join(map(str, acs))}" tabindex="0" role="button" '
                     f'title="{escape(title)}">{piece}</mark>')
        out.append(piece)
    if open_sent is not None:
        out.append(_badges(badges.get(open_sent[2], []), acts) + "</span>")
    return Markup("".join(out))


def _cls(v: Any) -> str:
    return "".join(c for c in str(v or "none") if c.isalnum() or c in "_-")


def _badges(ks: list[int], acts: list[dict]) -> str:
    return "".join(f'<button type="button" class="act-badge a-{_cls(acts[k]["act"])}" data-act="{k}">{escape(acts[k]["act"])}</button>'
                   for k in ks)


# -- chart --------------------------------------------------------------------------

def chart_svg(series: list[dict], title: str) -> Markup:
    """Cooperative acts per month above the axis, conflictual below (inline SVG)."""
    if not series:
        return Markup('<p class="muted">No dated acts to chart.</p>')
    # the legend has a row of its own above the bars, the scale sits left of the plot, and
    # month labels are centred under their bar, kept inside the picture at both ends
    W, H, L, R, B, T = 960, 280, 44, 12, 30, 34
    mid_h = (H - B - T) / 2
    top = max(1, max(m["cooperative"] for m in series))
    bot = max(1, max(m["conflictual"] for m in series))
    scale = max(top, bot)
    n = len(series)
    step = (W - L - R) / n
    bw = max(1.0, min(step * 0.7, 36.0))
    y0 = T + mid_h
    parts = [f'<svg class="chart" viewBox="0 0 {W} {H}" width="100%" role="img" aria-label="{escape(title)}">',
             f'<line x1="{L}" y1="{y0:.1f}" x2="{W - R}" y2="{y0:.1f}" class="axis"/>',
             f'<text x="{L - 6}" y="{T + 10}" class="lab" text-anchor="end">{scale}</text>'
             f'<text x="{L - 6}" y="{y0 + 4:.1f}" class="lab" text-anchor="end">0</text>'
             f'<text x="{L - 6}" y="{H - B}" class="lab" text-anchor="end">{scale}</text>',
             f'<text x="{L}" y="14" class="lab coop">▲ cooperative acts (above the axis)</text>',
             f'<text x="{L + 260}" y="14" class="lab conf">▼ conflictual acts (below the axis)</text>']
    label_every = max(1, math.ceil(n / 12))
    # every label_every-th month, and the last one (the regular label before it dropped when too close)
    labelled = {i for i in range(0, n, label_every) if n - 1 - i >= label_every} | {n - 1}
    for i, m in enumerate(series):
        x = L + i * step + (step - bw) / 2
        hc = mid_h * m["cooperative"] / scale
        hf = mid_h * m["conflictual"] / scale
        tip = escape(f"{m['month']}: {m['cooperative']} cooperative, {m['conflictual']} conflictual")
        if hc and bw >= 20:
            parts.append(f'<text x="{x + bw / 2:.1f}" y="{y0 - hc - 3:.1f}" class="lab num" text-anchor="middle">{m["cooperative"]}</text>')
        if hf and bw >= 20:
            parts.append(f'<text x="{x + bw / 2:.1f}" y="{y0 + hf + 11:.1f}" class="lab num" text-anchor="middle">{m["conflictual"]}</text>')
        if hc:
            parts.append(f'<rect class="bar coop" x="{x:.1f}" y="{y0 - hc:.1f}" width="{bw:.1f}" height="{hc:.1f}"><title>{tip}</title></rect>')
        if hf:
            parts.append(f'<rect class="bar conf" x="{x:.1f}" y="{y0:.1f}" width="{bw:.1f}" height="{hf:.1f}"><title>{tip}</title></rect>')
        if i in labelled:
            cx = x + bw / 2
            half = 3.5 * len(str(m["month"]))  # about half the label's width at the chart's font size
            anchor, lx = "middle", cx
            if cx + half > W - 2:
                anchor, lx = "end", W - 2
            elif cx - half < 2:
                anchor, lx = "start", 2
            parts.append(f'<text x="{lx:.1f}" y="{H - 8}" class="lab" text-anchor="{anchor}">{escape(m["month"])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


# -- pages --------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def index(request: Request, q: Optional[str] = Query(None, max_length=200), kind: Optional[str] = None,
          since: Optional[str] = None, until: Optional[str] = None, offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    with _db(request).cursor() as con:
        docs = Q.list_documents(con, since, until, kind or None, q, 50, offset)
        n_acts = Q.count_acts(con)
    return page(request, "index.html", docs=docs, q=q or "", kind=kind or "", since=since or "", until=until or "",
                n_acts=n_acts)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str):
    with _db(request).cursor() as con:
        d = Q.get_document(con, doc_id)
        linked, reports = Q.comparison_links(con, d["id"])
        if d["kind"] != "news":
            linked = None
    html = highlight(d["text"] or "", d["sentences"], d["mentions"], d["acts"])
    starts = [s["start_char"] for s in d["sentences"]]
    for r in d["repairs"]:
        j = bisect.bisect_right(starts, r["start_char"]) - 1 if r["start_char"] is not None and r["start_char"] >= 0 else -1
        r["sentence_idx"] = d["sentences"][j]["idx"] if j >= 0 else None
    return page(request, "document.html", d=d, html=html, acts=d["acts"], mentions=d["mentions"], linked=linked,
                reports=reports)


@router.get("/compare", response_class=HTMLResponse)
def compare(request: Request, news: Optional[str] = Query(None, max_length=64), source: Optional[str] = Query(None, max_length=64)):
    if not news:
        with _db(request).cursor() as con:
            docs = Q.list_documents(con, kind="news", limit=200)
        return page(request, "compare_pick.html", docs=docs)
    with _db(request).cursor() as con:
        c = Q.comparison(con, news, source or None)
    links = [{"news": n["idx"], "source": e["idx"], "score": e.get("score")} for n in c["news"] for e in n.get("evidence", [])]
    return page(request, "compare.html", c=c, links=links, source_groups=omitted_runs(c["source"]))


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor(request: Request, code: str, offset: int = Query(0, ge=0, le=MAX_OFFSET), with_: Optional[str] = Query(None, alias="with")):
    code = Q.check_code(code, "code")
    if with_:
        other = Q.check_code(with_, "with")
        return RedirectResponse(f"/dyad?a={code}&b={other}", status_code=303)
    with _db(request).cursor() as con:
        info = Q.actor(con, code=code)
        acts = Q.list_acts(con, 100, offset, "date", actor=code)
        series = Q.monthly(con, actor=code)
    return page(request, "actor.html", info=info, acts=acts, chart=chart_svg(series, f"acts involving {code} per month"),
                offset=offset)


@router.get("/dyad", response_class=HTMLResponse)
def dyad(request: Request, a: str = Query(..., max_length=12), b: Optional[str] = Query(None, max_length=12),
         offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    if not (b or "").strip():  # the header's actor form with one actor: that actor's page
        code = Q.check_code(a.strip(), "a")
        if not code:
            raise Q.BadRequest("a: give an actor code, e.g. NZL")
        return RedirectResponse(f"/actors/{code}", status_code=303)
    x, y = Q.parse_dyad(f"{a.strip()},{b.strip()}")
    with _db(request).cursor() as con:
        acts = Q.list_acts(con, 100, offset, "date", dyad=f"{x},{y}")
        series = Q.monthly(con, dyad=f"{x},{y}")
    totals = {"cooperative": sum(m["cooperative"] for m in series), "conflictual": sum(m["conflictual"] for m in series)}
    return page(request, "dyad.html", a=x, b=y, acts=acts, totals=totals, offset=offset,
                chart=chart_svg(series, f"acts between {x} and {y} per month"))


STATUS_TEXT = {"open": "open", "fulfilled": "fulfilled", "overdue": "overdue", "reversed": "reversed"}
templates.env.globals["STATUS_TEXT"] = STATUS_TEXT


def mark_span(text: str, start: int | None, end: int | None) -> Markup:
    """``text`` with ``text[start:end]`` in a <mark>, every piece escaped (no mark when the
    offsets do not fit the text)."""
    text = text or ""
    if start is None or end is None or not (0 <= start < end <= len(text)):
        return Markup(escape(html_visible(text)))
    text = html_visible(text)
    return Markup(f"{escape(text[:start])}<mark class=\"trigger\">{escape(text[start:end])}</mark>{escape(text[end:])}")


def _event_html(e: dict) -> Markup:
    ts, (s0, _) = e.get("trigger_span"), e.get("span") or (None, None)
    if ts and s0 is not None:
        return mark_span(e.get("sentence") or "", ts[0] - s0, ts[1] - s0)
    return mark_span(e.get("sentence") or "", None, None)


@router.get("/commitments", response_class=HTMLResponse)
def commitments(request: Request, party: Optional[str] = Query(None, max_length=12), status: Optional[str] = Query(None, max_length=12),
                as_of: Optional[str] = Query(None, max_length=10), firmness: Optional[str] = Query(None, max_length=12),
                q: Optional[str] = Query(None, max_length=200), sort: str = Query("deadline", max_length=20),
                with_when: bool = False, source: str = Query("auto", max_length=8), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    with _db(request).cursor() as con:
        if source != "acts" and Q.ledger_ready(con):
            res = Q.ledger_commitments(con, party or None, status or None, as_of or None, None, None, firmness or None,
                                       q or None, sort, with_when, 100, offset)
            parties = Q.ledger_parties(con)
            return page(request, "commitments_ledger.html", res=res, party=(party or "").upper(), parties=parties,
                        status=status or "", as_of=as_of or "", firmness=firmness or "", q=q or "", sort=sort,
                        with_when=with_when, offset=offset, statuses=list(STATUS_TEXT))
        res = Q.commitments(con, party or None, None, None, sort, with_when, 100, offset)
        parties = Q.commitment_act_parties(con)
        has_ledger = Q.ledger_ready(con)
    groups: dict[str, list[dict]] = {}
    for a in res["items"]:
        key = " + ".join(a["source"] or []) or "—"
        groups.setdefault(key, []).append(a)
    return page(request, "commitments.html", res=res, groups=groups, party=(party or "").upper(), parties=parties,
                sort=sort, with_when=with_when, offset=offset, has_ledger=has_ledger)


@router.get("/commitments/{commitment_id}", response_class=HTMLResponse)
def commitment(request: Request, commitment_id: str, as_of: Optional[str] = Query(None, max_length=10)):
    with _db(request).cursor() as con:
        c = Q.commitment_timeline(con, commitment_id, as_of or None)
    for e in c["events"]:
        e["html"] = _event_html(e)
    return page(request, "commitment.html", c=c, as_of=as_of or "")


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = Query("", max_length=200)):
    docs = acts = None
    if q.strip():
        with _db(request).cursor() as con:
            docs = Q.list_documents(con, q=q.strip(), limit=50)
            acts = Q.search_acts(con, q.strip(), limit=100)
    return page(request, "search.html", q=q, docs=docs, acts=acts)


@router.get("/upload", response_class=HTMLResponse)
def upload(request: Request):
    return page(request, "upload.html")
