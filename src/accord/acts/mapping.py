"""Act type -> PLOVER event/mode/context and CAMEO code (data/acts/*.tsv)."""
from __future__ import annotations

import re

from ..models import Act
from .lexicon import Lexicon


def code_act(act: Act, sentence: str, lex: Lexicon) -> Act:
    row = lex.act_types.get(act.act, {})
    act.plover_event = row.get("plover_event") or None
    act.plover_mode = row.get("plover_mode") or None
    act.cameo = cameo_code(act.act, act.trigger or "", sentence, lex)
    low = sentence.lower()
    ctx = []
    for pat, context in lex.contexts:
        if context not in ctx and pat.search(low):
            ctx.append(context)
    act.plover_context = ctx or ["diplomatic"]
    return act


# act types whose finer CAMEO code depends on the clause, not only the trigger ("expelled two
# diplomats", "provided humanitarian aid")
CLAUSE_REFINED = ("cooperate", "aid", "commit", "sanction")


def cameo_code(act_type: str, trigger: str, sentence: str, lex: Lexicon) -> str | None:
    """The CAMEO code of an act: its type's code, refined by words of the trigger (or of the
    clause, for CLAUSE_REFINED types) from data/acts/cameo_refine.tsv."""
    cameo = lex.act_types.get(act_type, {}).get("cameo") or None
    low, trig = sentence.lower(), trigger.lower()
    for word, code in lex.cameo_refine.get(act_type, []):
        # a word matches at a word start: "aid" in "aid" and "aided", not in "said"
        pat = re.compile(r"\b" + re.escape(word))
        if pat.search(trig) or (act_type in CLAUSE_REFINED and pat.search(low)):
            return code
    return cameo


def quad_class(act: str, lex: Lexicon) -> str | None:
    return lex.act_types.get(act, {}).get("quad") or None
