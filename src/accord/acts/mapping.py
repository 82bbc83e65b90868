"""Act type -> PLOVER event/mode/context and CAMEO code (data/acts/*.tsv)."""
from __future__ import annotations

from ..models import Act
from .lexicon import Lexicon


def code_act(act: Act, sentence: str, lex: Lexicon) -> Act:
    row = lex.act_types.get(act.act, {})
    act.plover_event = row.get("plover_event") or None
    act.plover_mode = row.get("plover_mode") or None
    cameo = row.get("cameo") or None
    low = sentence.lower()
    trig = (act.trigger or "").lower()
    for word, code in lex.cameo_refine.get(act.act, []):
        if word in trig or (act.act in ("cooperate", "aid", "commit") and word in low):
            cameo = code
            break
    act.cameo = cameo
    ctx = []
    for pat, context in lex.contexts:
        if context not in ctx and pat.search(low):
            ctx.append(context)
    act.plover_context = ctx or ["diplomatic"]
    return act


def quad_class(act: str, lex: Lexicon) -> str | None:
    return lex.act_types.get(act, {}).get("quad") or None
