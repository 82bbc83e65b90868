"""Time expressions tied to an act: found as written, then normalised to a date range
relative to the document date ("in 2025" -> 2025-01-01..2025-12-31, "next year",
"from 9 to 10 September", "Wednesday")."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from ..models import Act, Document, Sentence

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
MON_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
M = rf"(?:{MONTHS}|(?:{MON_ABBR})\.?)"
DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
PREP = r"(?:(?:[Ii]n|[Oo]n|[Bb]y|[Ff]rom|[Ff]or|[Uu]ntil|[Ss]ince|[Dd]uring|[Bb]efore|[Aa]fter|[Ww]ithin|[Tt]hrough|[Aa]t|[Oo]ver)\s+)?"
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "a few": 3, "several": 3}
COUNT = r"(?:\d+|" + "|".join(NUMBER_WORDS) + r")"
# Every expression starts and ends on a word boundary: "Marlborough" and "Margie" hold no
# month, "November 2023" is not 20 November, "2023" inside "12023" is no year.
WHEN = re.compile(
    r"(?<![\w.])" + PREP + r"(?:"
    rf"\d{{1,2}}\s*(?:to|-|–|and)\s*\d{{1,2}}\s+{M}(?:\s+\d{{4}})?"  # 9 to 10 September (2024)
    rf"|{M}\s+\d{{1,2}}\s*(?:to|-|–)\s*\d{{1,2}}(?:,\s*\d{{4}})?"  # September 9-10, 2024
    rf"|\d{{1,2}}\s+{M}(?:\s+\d{{4}})?"  # 4 September 2024
    rf"|{M}\s+\d{{1,2}}(?:,\s*\d{{4}})?"  # Sept. 4, 2024
    rf"|(?:early|mid|late|the end of|the beginning of|the start of)?\s*{M}(?:\s+\d{{4}})?"  # June / May 2023
    r"|(?:the\s+)?(?:end|beginning|start|middle|first half|second half)\s+of\s+(?:the\s+)?(?:\d{4}|year|decade|month)"
    rf"|(?:the\s+)?(?:next|this|last|coming|past)\s+(?:{COUNT}\s+)?(?:year|month|week|decade)s?"
    r"|recent\s+(?:years|months|weeks)"
    rf"|(?:{DAYS})"
    r"|\d{4}\s*(?:-|–|/)\s*\d{2,4}"
    r"|(?<![\d,.])\d{4}(?![\d,])"
    r"|[Tt]oday|[Tt]omorrow|[Yy]esterday|[Tt]onight|[Tt]his (?:morning|afternoon|evening|week)"
    r")(?![\w])",
)


def _month(name: str) -> int:
    n = name.lower().rstrip(".")[:3]
    return ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].index(n) + 1


def _shift(d: dt.date, k: int, unit: str) -> str:
    """d moved by k years, months or weeks, as ISO (the 29th of February and month ends
    fall back to the month's last day)."""
    if unit == "week":
        return (d + dt.timedelta(weeks=k)).isoformat()
    months = d.year * 12 + d.month - 1 + (k * 12 if unit == "year" else k)
    y, m = divmod(months, 12)
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1])).isoformat()


def normalise(text: str, ref: str | None) -> tuple[str | None, str | None]:
    """(start, end) ISO dates for a time expression, relative to ref (ISO) when needed."""
    t = text.strip()
    ref_d = dt.date.fromisoformat(ref) if ref else None
    year_in = re.search(r"\b(\d{4})\b", t)
    yr = int(year_in.group(1)) if year_in else (ref_d.year if ref_d else None)
    m = re.search(rf"(\d{{1,2}})\s*(?:to|-|–|and)\s*(\d{{1,2}})\s+({M})", t)
    try:
        if m and yr:
            mo = _month(m.group(3))
            return dt.date(yr, mo, int(m.group(1))).isoformat(), dt.date(yr, mo, int(m.group(2))).isoformat()
        m = re.search(rf"({M})\s+(\d{{1,2}})\s*(?:to|-|–)\s*(\d{{1,2}})", t)
        if m and yr:
            mo = _month(m.group(1))
            return dt.date(yr, mo, int(m.group(2))).isoformat(), dt.date(yr, mo, int(m.group(3))).isoformat()
        m = re.search(rf"(\d{{1,2}})\s+({M})", t) or None
        if m and yr:
            d = dt.date(yr, _month(m.group(2)), int(m.group(1))).isoformat()
            return d, d
        m = re.search(rf"({M})\s+(\d{{1,2}})\b", t)
        if m and yr:
            d = dt.date(yr, _month(m.group(1)), int(m.group(2))).isoformat()
            return d, d
        m = re.search(rf"({M})", t)
        if m and yr:
            mo = _month(m.group(1))
            if not year_in and ref_d and mo > ref_d.month + 1 and re.search(r"\b(?:in|during|since|last)\b", t, re.I):
                yr -= 1  # "In June" in an article dated September: the past June
            last = calendar.monthrange(yr, mo)[1]
            return dt.date(yr, mo, 1).isoformat(), dt.date(yr, mo, last).isoformat()
        m = re.search(r"\b(\d{4})\s*(?:-|–|/)\s*(\d{2,4})\b", t)
        if m:
            y2 = int(m.group(2)) if len(m.group(2)) == 4 else int(m.group(1)[:2] + m.group(2))
            return f"{m.group(1)}-01-01", f"{y2}-12-31"
        if year_in and re.search(r"end of", t, re.I):
            return f"{yr}-10-01", f"{yr}-12-31"
        if year_in:
            return f"{yr}-01-01", f"{yr}-12-31"
        if ref_d:
            low = t.lower()
            span = re.search(rf"(next|coming|past|last)\s+({COUNT})\s+(year|month|week)s?", low)
            if span:
                k = int(span.group(2)) if span.group(2).isdigit() else NUMBER_WORDS[span.group(2)]
                sign = 1 if span.group(1) in ("next", "coming") else -1
                other = _shift(ref_d, sign * k, span.group(3))
                return (ref_d.isoformat(), other) if sign > 0 else (other, ref_d.isoformat())
            if "next year" in low or "coming year" in low:
                return f"{ref_d.year + 1}-01-01", f"{ref_d.year + 1}-12-31"
            if "this year" in low or "end of the year" in low:
                return (ref_d.isoformat() if "end" not in low else f"{ref_d.year}-10-01"), f"{ref_d.year}-12-31"
            if "last year" in low:
                return f"{ref_d.year - 1}-01-01", f"{ref_d.year - 1}-12-31"
            for i, day in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]):
                if day in low:
                    delta = (ref_d.weekday() - i) % 7
                    d = (ref_d - dt.timedelta(days=delta)).isoformat()
                    return d, d
            if "today" in low or "tonight" in low or "this morning" in low or "this afternoon" in low or "this evening" in low:
                return ref_d.isoformat(), ref_d.isoformat()
            if "yesterday" in low:
                d = (ref_d - dt.timedelta(days=1)).isoformat()
                return d, d
            if "tomorrow" in low:
                d = (ref_d + dt.timedelta(days=1)).isoformat()
                return d, d
    except ValueError:
        return None, None
    return None, None


def find_when(act: Act, sent: Sentence, doc: Document) -> Act:
    """Attach the time expression of the act's clause: the nearest to the trigger."""
    if act.trigger_span is None:
        return act
    tpos = act.trigger_span[0] - sent.start
    best = None
    for m in WHEN.finditer(sent.text):
        s = m.group(0).strip()
        if not s or (s.isdigit() and not (1900 <= int(s) <= 2100)):
            continue
        if re.fullmatch(r"(?:[Ii]n|[Oo]n|[Bb]y|[Ff]rom|[Ff]or)?\s*May", s) and not re.search(r"\d", s) and not s.lower().startswith("in"):
            continue  # the modal "may"
        if re.fullmatch(r"\d{4}", s) and re.search(r"(?:of|in)\s*$", sent.text[:m.start()]) is None and not s.startswith(("in", "In")):
            # a bare year that is part of a name ("Agreement of 1981", "2050 Strategy")
            if not re.match(r"\s*(?:in|by)\b", sent.text[max(0, m.start() - 4):m.start()]):
                continue
        dist = abs(m.start() - tpos)
        if m.start() < tpos:
            dist += 40  # prefer what follows the trigger
        if best is None or dist < best[0]:
            best = (dist, s)
    if best:
        act.when = best[1]
        act.when_start, act.when_end = normalise(best[1], doc.meta.date)
    return act
