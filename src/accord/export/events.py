"""Acts of the store turned into the records of the published event-data formats (no file I/O).

- PLOVER records (openeventdata/PLOVER manual): one per act that has a PLOVER event; actor and
  recipient are lists of entity objects; event, mode and context are lists; a negated act keeps its
  record with the special context "negation"; a host's visit ("MYS hosted NZL", CAMEO 043) puts the
  visitor as actor and the host as recipient (CONSULT mode "visit").
- POLECAT rows: the PLOVER record in POLECAT's columns; negated acts are left out (POLECAT has no
  place to mark them).
- CAMEO dyads (Phoenix layout): one per ordered (source, target) pair; an act with no target gives
  pairs of its sources only for mutual act types (data/export/mutual_acts.txt); negated acts are left out.

The store keeps accord's own actor codes; bodies are mapped to PLOVER's and CAMEO's actor codes here
(data/export/actor_codes.tsv), sectors come from the actor mentions (accord.acts.sectors).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import permutations

from .. import PIPELINE_VERSION
from ..acts.lexicon import get_lexicon
from ..acts.mapping import cameo_code
from ..acts.sectors import entities, sentence_mentions
from .vocab import QUAD_WORDS, vocab

# CAMEO meet codes -> PLOVER CONSULT mode
CONSULT_MODES = {"041": "phone", "042": "visit", "043": "visit", "044": "third-party"}
# the primary agent codes of a CAMEO actor code (phoenix_pipeline postprocess.py)
CAMEO_ROLES = ("GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL")
CAMEO_ROOT_ACTORS = ("IGO", "NGO", "IMG", "MNC")


@dataclass
class Skipped:
    """Acts left out of an export, by reason (reported by the CLI and in docs/exports.md)."""
    reasons: Counter = field(default_factory=Counter)

    def add(self, reason: str) -> None:
        self.reasons[reason] += 1


def load_acts(store, chunk: int = 2000):
    """Every act with its document's title, publisher, url and date, each with `source_entities` /
    `target_entities` (code, sector, entity_text), in order of document date, document and act
    index. Documents are read `chunk` at a time, so memory stays flat on a whole-corpus store."""
    docs = [d for (d,) in store.con.execute(
        "SELECT d.id FROM documents d WHERE d.id IN (SELECT DISTINCT doc_id FROM acts) ORDER BY d.date NULLS LAST, d.id").fetchall()]
    for i in range(0, len(docs), chunk):
        ids = docs[i:i + chunk]
        rows = store.query(
            "SELECT a.*, d.title, d.publisher, d.url, d.date AS doc_date FROM acts a JOIN documents d ON d.id = a.doc_id "
            "WHERE a.doc_id IN (SELECT unnest(?)) ORDER BY d.date NULLS LAST, a.doc_id, a.idx", [ids])
        mentions = sentence_mentions(store, ids)
        for r in rows:
            r["source_entities"] = entities(r, mentions, "source")
            r["target_entities"] = entities(r, mentions, "target")
            yield r


# -- actors -----------------------------------------------------------------------------------------

def plover_entity(e: dict) -> dict:
    """An accord entity as a PLOVER actor object: states keep their ISO code and sector; bodies get
    PLOVER's non-state code (IGO, NGO) and their name as identifier_text."""
    v = vocab()
    code = e["code"]
    if code in v.body_names:
        pcode = v.actor_codes.get(code, (v.body_sectors.get(code, "IGO"), ""))[0]
        return {"code": pcode, "sector": None, "entity_text": e["entity_text"], "identifier_text": v.body_names[code]}
    sector = e["sector"] if e["sector"] not in ("", "IGO", "NGO") else "GOV"
    return {"code": code, "sector": sector, "entity_text": e["entity_text"],
            "identifier_text": v.state_names.get(code, code)}


def cameo_actor(e: dict) -> str:
    """An accord entity as a CAMEO actor code: state + sector (KORGOV, YEMREB, NZLMIL), a body's
    CAMEO code (IGOUNO, IGOSEAASN, IGOEUREEC) or its generic IGO / NGO."""
    v = vocab()
    code = e["code"]
    if code in v.body_names:
        return v.actor_codes.get(code, ("", v.body_sectors.get(code, "IGO")))[1] or v.body_sectors.get(code, "IGO")
    sector = e["sector"] if e["sector"] in CAMEO_ROLES else "GOV"
    return code + sector


def split_cameo_actor(full: str) -> tuple[str, str, str, str]:
    """(full, entity, role, attribute) as the Phoenix files spell a CAMEO actor code: the entity is
    the country or root actor (IGO, NGO ...), the role the primary agent, the attribute the other
    3-letter codes joined by ';'."""
    entity = full[:3]
    role = full[3:6] if full[3:6] in CAMEO_ROLES else ""
    rest = full[6:] if role else full[3:]
    return full, entity, role, ";".join(rest[i:i + 3] for i in range(0, len(rest), 3))


# -- PLOVER -----------------------------------------------------------------------------------------

def plover_record(r: dict, skipped: Skipped | None = None) -> dict | None:
    """The PLOVER record of an act, or None when the act is no PLOVER event or has no date."""
    v = vocab()
    ev = r["plover_event"]
    if not ev or ev not in v.plover_events:
        if skipped is not None:
            skipped.add(f"no PLOVER event ({r['act']})")
        return None
    if not r["date"]:
        if skipped is not None:
            skipped.add("no date")
        return None
    info = v.plover_events[ev]
    cameo = cameo_code(r["act"], r["trigger"] or "", r["sentence"] or "", get_lexicon()) or r["cameo"]
    actors = [plover_entity(e) for e in r["source_entities"]]
    recipients = [plover_entity(e) for e in r["target_entities"]]
    mode: list[str] = []
    if r["plover_mode"] in info["modes"]:
        mode.append(r["plover_mode"])
    if ev == "CONSULT" and cameo in CONSULT_MODES:
        mode = [CONSULT_MODES[cameo]]
        if cameo == "043" and recipients:     # the host is the recipient, the visitor the actor
            actors, recipients = recipients, actors
    context = []
    for c in r["plover_context"] or []:
        pc = v.context_map.get(c)
        if pc and pc not in context:
            context.append(pc)
    if r["plover_mode"] == "hypothetical":
        context.append("hypothetical")
    if r["negated"]:
        context.append("negation")
    return {
        "id": r["id"], "date": str(r["date"]), "actor": actors, "recipient": recipients,
        "event": [ev], "mode": mode, "context": context,
        "quad_code": info["quad_code"], "event_scale": info["score"], "text": r["sentence"],
        "accord": {"act": r["act"], "cameo": cameo, "source": list(r["source"] or []), "target": list(r["target"] or []),
                   "negated": bool(r["negated"]), "trigger": r["trigger"], "intensity": r["intensity"],
                   "when": r["when_text"], "doc_id": r["doc_id"], "sentence_idx": r["sentence_idx"],
                   "span": [r["span_start"], r["span_end"]], "url": r["url"], "title": r["title"],
                   "publisher": r["publisher"]},
    }


# -- POLECAT ----------------------------------------------------------------------------------------

POLECAT_EXTRAS = ("accord Act", "accord Actor Codes", "accord Recipient Codes", "accord CAMEO", "accord Negated",
                  "accord Trigger", "accord Intensity Words", "accord When", "accord Sentence", "accord Document ID",
                  "accord Sentence Index", "accord URL")
SEP = "; "


def _sector(e: dict) -> str:
    """A POLECAT sector cell item: the entity's sector, or its non-state code (IGO, NGO) for a body,
    so that multi-valued cells keep one item per actor."""
    return e["sector"] or e["code"]


def _names(ents: list[dict]) -> str:
    return SEP.join(e["identifier_text"] or e["code"] for e in ents)


def polecat_row(r: dict, skipped: Skipped | None = None) -> dict | None:
    """The act as a POLECAT row (a dict keyed by POLECAT's columns, then accord's), or None."""
    if r["negated"]:
        if skipped is not None:
            skipped.add("negated")
        return None
    rec = plover_record(r, skipped)
    if rec is None:
        return None
    v = vocab()
    row = dict.fromkeys(v.polecat_columns, "")
    a, t = rec["actor"], rec["recipient"]
    row.update({
        "Event ID": rec["id"], "Event Date": rec["date"], "Event Type": rec["event"][0], "Event Mode": SEP.join(rec["mode"]),
        "Event Intensity": rec["event_scale"], "Quad Code": QUAD_WORDS[rec["quad_code"]], "Contexts": SEP.join(rec["context"]),
        "Actor Name": _names(a), "Actor Country": SEP.join(e["code"] for e in a),
        "Primary Actor Sector": _sector(a[0]) if a else "", "Actor Sectors": SEP.join(_sector(e) for e in a),
        "Actor Name Raw": SEP.join(e["entity_text"] or "" for e in a),
        "Recipient Name": _names(t), "Recipient Country": SEP.join(e["code"] for e in t),
        "Primary Recipient Sector": _sector(t[0]) if t else "", "Recipient Sectors": SEP.join(_sector(e) for e in t),
        "Recipient Name Raw": SEP.join(e["entity_text"] or "" for e in t),
        "Source": r["publisher"] or "", "Publication Date": str(r["doc_date"] or ""), "Language": "en",
        "Version": f"accord {PIPELINE_VERSION}",
    })
    ext = rec["accord"]
    row.update(dict(zip(POLECAT_EXTRAS, (ext["act"], SEP.join(ext["source"]), SEP.join(ext["target"]), ext["cameo"] or "",
                                         "false", ext["trigger"] or "", ext["intensity"] or "", ext["when"] or "",
                                         r["sentence"] or "", r["doc_id"], r["sentence_idx"], r["url"] or ""))))
    return row


# -- CAMEO dyads (Phoenix) --------------------------------------------------------------------------

def dyad_pairs(r: dict) -> list[tuple[dict, dict]]:
    """Ordered (source, target) entity pairs of an act: every source with every target; with no
    target, every ordered pair of sources for a mutual act type only."""
    src, tgt = r["source_entities"], r["target_entities"]
    if tgt:
        return [(s, t) for s in src for t in tgt if s["code"] != t["code"]]
    if r["act"] in vocab().mutual_acts:
        return list(permutations(src, 2))
    return []


def phoenix_rows(r: dict, skipped: Skipped | None = None) -> list[list]:
    """The act's dyads as rows of the 26 Phoenix columns."""
    v = vocab()
    reason = None
    code = cameo_code(r["act"], r["trigger"] or "", r["sentence"] or "", get_lexicon()) or r["cameo"]
    if r["negated"]:
        reason = "negated"
    elif not r["date"]:
        reason = "no date"
    elif not code or code not in v.cameo:
        reason = f"no CAMEO code in the codebook ({r['act']}: {code})"
    pairs = dyad_pairs(r) if reason is None else []
    if reason is None and not pairs:
        if r["target"]:
            reason = "no dyad (target = source)"
        elif r["act"] in v.mutual_acts:
            reason = "no dyad (one source, no target)"
        else:
            reason = f"no dyad ({r['act']}: no target, not a mutual act)"
    if reason:
        if skipped is not None:
            skipped.add(reason)
        return []
    d = r["date"]
    rows = []
    for k, (s, t) in enumerate(pairs):
        rows.append([f"{r['id']}-{k}", d.strftime("%Y%m%d"), d.year, d.month, d.day,
                     *split_cameo_actor(cameo_actor(s)), *split_cameo_actor(cameo_actor(t)),
                     code, code[:2], v.phoenix_quad[code[:2]], v.cameo[code]["goldstein"],
                     "", "", "", "", "", "", f"{r['doc_id']}-{r['sentence_idx']}", r["url"] or "", r["publisher"] or ""])
    return rows
