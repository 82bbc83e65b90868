"""The sector of each actor of an act (GOV, MIL, REB, CVL, IGO ...), read from the actor mentions
the resolver stored for the act's sentence.

The act records keep codes only (RECORDS.md: "Houthis = YEM; the extractor adds the sector (REB) in
exports"); the mentions table keeps, for every actor mention, its code and sector ("Houthi" -> YEM,
REB; "New Zealand Defence Force" -> NZL, MIL; "Koreans" -> KOR, CVL). For each code of an act's
source (target) this picks the mention of that code in the act's sentence nearest before (after) the
trigger, falling back to the nearest on the other side; a code with no mention in the sentence (an
actor carried over from an earlier sentence) gets its gazetteer default: GOV for a state, the body's
sector (IGO, NGO) for a body.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from .. import data


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    codes: tuple[str, ...]
    sector: str


@lru_cache(maxsize=1)
def _body_sectors() -> dict[str, str]:
    return {r["code"]: (r.get("sector") or "IGO") for r in data.read_tsv("actors/bodies.tsv")}


def default_sector(code: str) -> str:
    return _body_sectors().get(code, "GOV")


def sentence_mentions(store, doc_ids: list[str] | None = None) -> dict[tuple[str, int], list[Mention]]:
    """Coded actor mentions by (doc_id, sentence_idx), for the given documents (all when None)."""
    sql = ("SELECT doc_id, sentence_idx, start_char, end_char, text, code, sector FROM mentions "
           "WHERE code IS NOT NULL AND code <> ''")
    params: list = []
    if doc_ids is not None:
        sql += " AND doc_id IN (SELECT unnest(?))"
        params.append(list(doc_ids))
    out: dict[tuple[str, int], list[Mention]] = defaultdict(list)
    for doc_id, sidx, start, end, text, code, sector in store.con.execute(sql, params).fetchall():
        out[(doc_id, sidx)].append(Mention(start or 0, end or 0, text or "", tuple(code.split("+")), sector or ""))
    return out


def _pick(cands: list[Mention], t_start: int, t_end: int, before_first: bool) -> Mention:
    before = [m for m in cands if m.end <= t_start]
    after = [m for m in cands if m.start >= t_end]
    near_before = max(before, key=lambda m: m.end) if before else None
    near_after = min(after, key=lambda m: m.start) if after else None
    first, second = (near_before, near_after) if before_first else (near_after, near_before)
    return first or second or cands[0]


def entities(act: dict, mentions: dict[tuple[str, int], list[Mention]], role: str) -> list[dict]:
    """The act's source (role='source') or target (role='target') as entity dicts: code, sector,
    entity_text (the mention's words, None when the sentence does not name the actor), position
    (the mention's character offset in the document, None)."""
    in_sentence = mentions.get((act["doc_id"], act["sentence_idx"]), [])
    t_start = act.get("trigger_start") or 0
    t_end = act.get("trigger_end") or t_start
    out = []
    for code in act[role] or []:
        cands = [m for m in in_sentence if code in m.codes]
        if cands:
            m = _pick(cands, t_start, t_end, before_first=(role == "source"))
            # a sector that belongs to a whole party reference ("both sides" = GOV) or a state name
            # keeps GOV; a group, an armed force or a people keeps its own
            out.append({"code": code, "sector": m.sector or default_sector(code), "entity_text": m.text,
                        "position": m.start})
        else:
            out.append({"code": code, "sector": default_sector(code), "entity_text": None, "position": None})
    # in the order the sentence names them (actors it does not name last, in the record's order)
    return sorted(out, key=lambda e: (e["position"] is None, e["position"] or 0))


def fill_sectors(act, sentence_mentions: list) -> None:
    """Set an act's ``source_sectors`` / ``target_sectors`` (one per code, in the record's order)
    from the actor mentions of its sentence (accord.models.Mention), as ``entities`` does for a
    stored act: the source's nearest mention before the trigger, the target's nearest after it."""
    t_start, t_end = act.trigger_span if act.trigger_span else (0, 0)
    cands = [Mention(m.start, m.end, m.text, tuple(m.code.split("+")), m.sector) for m in sentence_mentions if m.code]
    for role, out in (("source", act.source_sectors), ("target", act.target_sectors)):
        out.clear()
        for code in getattr(act, role):
            here = [m for m in cands if code in m.codes]
            m = _pick(here, t_start, t_end, before_first=(role == "source")) if here else None
            out.append((m.sector if m is not None and m.sector else default_sector(code)))
