"""Render a comparison for people (rich) and for programs (a JSON-serialisable dict)."""
from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from .align import Comparison

STYLE = {"supported": "green", "strength_changed": "yellow", "added": "cyan", "contradicted": "bold red",
         "covered": "green", "omitted": "dim"}


def to_dict(cmp: Comparison) -> dict[str, Any]:
    return cmp.to_dict()


def render(cmp: Comparison, show_omitted: bool = True, width: int = 60) -> Group:
    """A side-by-side summary: label counts, each news sentence with its label, its best
    source evidence and why; then the source sentences the news left out."""
    c = cmp.counts()
    head = Table.grid(padding=(0, 2))
    head.add_row(Text("news", style="bold"), f"{cmp.news_title or cmp.news_id}  ({cmp.news_date or '?'})")
    head.add_row(Text("source", style="bold"), f"{cmp.source_title or cmp.source_id}  ({cmp.source_date or '?'})")
    counts = Table(title="labels", show_header=True)
    for k in c:
        counts.add_column(k, justify="right", style=STYLE.get(k, ""))
    counts.add_row(*[str(v) for v in c.values()])
    side = Table(title="news sentences against the source", show_lines=True, expand=True)
    side.add_column("#", justify="right", width=3)
    side.add_column("news", ratio=3)
    side.add_column("label", width=17)
    side.add_column("best source evidence", ratio=3)
    side.add_column("why", ratio=2)
    for n in cmp.news:
        lab = Text(n.label + (f"\n({n.direction})" if n.direction else ""), style=STYLE[n.label])
        ev = n.evidence[0] if n.evidence else None
        ev_txt = f"[{ev.idx}] {ev.text}" if ev else "—"
        if len(n.evidence) > 1:
            ev_txt += f"\n+ {', '.join(str(e.idx) for e in n.evidence[1:])}"
        role = f" ({n.role})" if n.role != "body" else ""
        side.add_row(str(n.idx), n.text + role, lab, ev_txt, n.reason)
    parts: list[Any] = [head, counts, side]
    if show_omitted:
        om = Table(title="source sentences the news omits", expand=True)
        om.add_column("#", justify="right", width=3)
        om.add_column("source")
        for s in cmp.source:
            if s.label == "omitted":
                om.add_row(str(s.idx), s.text)
        parts.append(om)
    return Group(*parts)


def print_report(cmp: Comparison, console: Console | None = None, show_omitted: bool = True) -> None:
    (console or Console()).print(render(cmp, show_omitted=show_omitted))
