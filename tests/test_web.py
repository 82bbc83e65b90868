"""Web UI in a real browser: Debian's chromium driven by Playwright against a real
`accord serve` subprocess. Screenshots go to tests/artifacts/."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import _serve
from _serve import NEWS_ID, STATEMENT_ID

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


# -- no browser needed -------------------------------------------------------------

def test_highlight_escapes_every_piece():
    from accord.web import highlight

    text = 'A <script>x()</script> B & "C" <img src=x onerror="y()">'
    sents = [{"idx": 0, "start_char": 0, "end_char": len(text)}]
    mentions = [{"start_char": 0, "end_char": 1, "text": "A", "code": "NZL", "kind": "state", "reason": '<b>"why"</b>'}]
    acts = [{"act": "condemn", "quad": "verbal_conflict", "source": ["NZL"], "target": [], "sentence_idx": 0,
             "trigger_start": 2, "trigger_end": 10, "negated": False}]
    html = str(highlight(text, sents, mentions, acts))
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;/script&gt;" in html and "&lt;img src=x onerror=" in html
    assert "&lt;b&gt;" in html  # the mention's reason, in its title attribute
    assert 'data-act="0"' in html and 'data-mention="0"' in html


def test_chart_labels_stay_inside_and_clear_of_the_bars():
    import re

    from accord.web import chart_svg

    series = [{"month": f"{2020 + i // 12}-{i % 12 + 1:02d}", "cooperative": 5 + i % 7, "conflictual": i % 3}
              for i in range(30)]
    svg = str(chart_svg(series, "t"))
    width = float(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    months = re.findall(r'<text x="([\d.]+)" y="\d+" class="lab" text-anchor="(\w+)">(\d{4}-\d\d)</text>', svg)
    assert months and months[-1][2] == "2022-06"  # the last month is labelled
    for x, anchor, label in months:  # about 7 px a character at 11 px
        x, w = float(x), 7 * len(label)
        left = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
        assert 0 <= left and left + w <= width, (label, x, anchor)
    tops = [float(y) for y in re.findall(r'<rect class="bar coop" x="[\d.]+" y="([\d.]+)"', svg)]
    legend_y = [float(y) for y in re.findall(r'<text x="[\d.]+" y="([\d.]+)" class="lab (?:coop|conf)"', svg)]
    assert legend_y and max(legend_y) < min(tops) - 11  # the legend has its own row above the tallest bar's number


def test_readable_terms_and_shorten():
    from accord.util import shorten
    from accord.web import readable_terms

    assert readable_terms(["compre", "strate", "partne", "centur"],
                          "adopt a Comprehensive Strategic Partnership framework; the Partnership for the 21st Century") == \
        ["comprehensive", "strategic", "partnership", "century"]
    assert readable_terms(["xyz"], "no such word") == ["xyz"]
    t = "Joint Statement on the Comprehensive Strategic Partnership between New Zealand and the Republic of Korea"
    s = shorten(t, 40)
    assert len(s) <= 40 and s.endswith("…") and t.startswith(s[:-1]) and t[len(s) - 1] == " "
    assert shorten("short title", 40) == "short title"


@pytest.fixture(scope="session")
def web(server):
    import httpx

    with httpx.Client(base_url=server.url, timeout=60, headers={"accept": "text/html"}) as c:
        yield c


def test_actor_form_with_one_actor(web):
    r = web.get("/dyad", params={"a": "nzl", "b": ""}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/actors/NZL"
    r = web.get("/dyad", params={"a": "nzl"}, follow_redirects=True)
    assert r.status_code == 200 and "New Zealand" in r.text
    assert web.get("/dyad", params={"a": "", "b": ""}).status_code == 400


def test_compare_page_folds_omitted_runs(web, server):
    import re

    import httpx

    api = httpx.get(server.url + "/api/compare", params={"news": NEWS_ID}, timeout=60).json()
    html = web.get("/compare", params={"news": NEWS_ID}).text
    src = [s["label"] for s in api["source"]]
    runs = sum(1 for i, lab in enumerate(src) if lab == "omitted" and i + 1 < len(src) and src[i + 1] == "omitted"
               and (i == 0 or src[i - 1] != "omitted"))
    assert runs >= 1 and html.count('<details class="omitted-run">') == runs  # closed: no "open" attribute
    folded = sum(int(n) for n in re.findall(r"<summary>(\d+) source sentences the news omits", html))
    in_runs = sum(1 for i, lab in enumerate(src) if lab == "omitted" and (
        (i > 0 and src[i - 1] == "omitted") or (i + 1 < len(src) and src[i + 1] == "omitted")))
    assert folded == in_runs
    assert html.count('data-side="source"') == len(src)  # every sentence is still on the page


def test_commitment_key_terms_are_words_of_its_text(web, server):
    import html as html_lib
    import re

    import httpx

    items = httpx.get(server.url + "/api/commitments", params={"limit": 500}, timeout=60).json()["items"]
    assert items
    for c in items[:10]:
        page = web.get(f"/commitments/{c['id']}").text
        shown = re.search(r"<dt>key terms</dt><dd[^>]*>([^<]*)</dd>", page).group(1)
        text = (c["matter"] + " " + c["evidence"]["sentence"]).lower()
        words = set(re.findall(r"[\w-]+", text)) | set(re.findall(r"\w+", text))
        terms = [t.strip().lower() for t in html_lib.unescape(shown).split(",") if t.strip()]
        # each a word of the text, or a lemma no word of it continues ("lead" for "led"), never a cut stem
        assert terms and all(t in words or not any(w.startswith(t) for w in words) for t in terms), (terms, text)


def test_office_codes_and_act_counts_explained(web):
    html = web.get("/actors/NZL").text
    assert '<abbr title="head of government">HOG</abbr>' in html
    assert "acts as source / acts as target" in html


# -- browser -----------------------------------------------------------------------

@pytest.fixture(scope="session")
def server(tmp_path_factory):
    s, _ = _serve.read_only_server(tmp_path_factory)
    yield s
    _serve.stop_all()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":  # on CI a missing browser fails, never skips
            pytest.fail(f"{CHROMIUM} is missing on CI: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    external: list[str] = []
    pg.on("request", lambda r: external.append(r.url) if not r.url.startswith((server.url, "data:")) else None)
    pg.base = server.url  # type: ignore[attr-defined]
    yield pg
    ctx.close()
    assert not errors, f"JavaScript errors: {errors}"
    assert not external, f"requests outside the server: {external}"


def shot(pg, name: str, full: bool = True) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def test_index_lists_documents(page):
    page.goto(page.base + "/")
    links = page.locator("a.doc-link")
    assert links.count() == 3
    assert page.get_by_text("Joint Statement between the Republic of Korea and New Zealand").count() >= 1
    shot(page, "index")
    page.get_by_role("link", name="Joint Statement between the Republic of Korea and New Zealand 4 September 2024, Seoul").click()
    page.wait_for_url(f"**/documents/{STATEMENT_ID}")


def test_document_highlights_and_act_details(page):
    page.goto(page.base + f"/documents/{STATEMENT_ID}")
    marks = page.locator("#doctext mark.act")
    assert marks.count() > 20
    assert page.locator("#doctext .mention.coded").count() > 20
    first = page.locator("#doctext mark.act").first
    first.click()
    detail = page.locator("#detail .act-detail")
    detail.wait_for()
    txt = detail.inner_text()
    assert "meet" in txt and "KOR, NZL" in txt and "meeting was held" in txt
    assert "CONSULT" in txt and "040" in txt and "from 4 to 5 September 2024" in txt
    assert "Why the actors resolved" in txt and "in office on 2024-09-04" in txt
    assert "selected" in (first.get_attribute("class") or "")
    shot(page, "document_act_selected", full=False)
    # a conflictual act: the condemnation of the DPRK
    cond = page.locator("#doctext mark.act.a-condemn").first
    cond.scroll_into_view_if_needed()
    cond.click()
    txt = page.locator("#detail .act-detail").inner_text()
    assert "condemn" in txt and "ACCUSE" in txt and "PRK" in txt and "111" in txt[txt.index("CAMEO"):]
    shot(page, "document_condemn_selected", full=False)
    # an actor mention explains its resolution
    page.locator("#doctext .mention.coded").first.click()
    assert "in office" in page.locator("#detail .mention-detail").inner_text()
    # the repairs made are listed
    rep = page.locator("table.repairs tbody tr")
    assert rep.count() >= 3 and "curly quotes" in page.locator("table.repairs").inner_text()


def test_xss_document_renders_inert(page):
    xss_id = _serve._STATE["f"].xss_id
    page.goto(page.base + f"/documents/{xss_id}")
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__xss") == "undefined"
    body = page.locator("#doctext").inner_text()
    assert "<script>window.__xss=1</script>" in body
    assert '<img src=x onerror="window.__xss=2">' in body
    assert "<script>window.__xss=1</script>" in page.locator("h1.doc-title").inner_text()
    assert page.locator("#doctext script, #doctext img, h1 script").count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    # clicking its acts shows the details as text too
    marks = page.locator("#doctext mark.act")
    assert marks.count() >= 1
    marks.first.click()
    page.locator("#detail .act-detail").wait_for()
    assert page.evaluate("typeof window.__xss") == "undefined"
    shot(page, "xss_document_inert")
    # and in lists and search results
    for url in ("/", "/search?q=script", "/commitments", "/search?q=%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E"):
        page.goto(page.base + url)
        assert page.evaluate("typeof window.__xss") == "undefined", url
    assert "<script>window.__xss=1</script>" in page.locator("main").inner_text()


def test_comparison_page(page):
    page.goto(page.base + f"/compare?news={NEWS_ID}")
    news = page.locator('#news-col [data-side="news"]')
    src = page.locator('#source-col [data-side="source"]')
    assert news.count() >= 8 and src.count() >= 20
    labels = set(page.locator("#news-col .cs").evaluate_all("els => els.map(e => [...e.classList].find(c => c.startsWith('lab-')))"))
    assert labels <= {"lab-supported", "lab-strength_changed", "lab-added", "lab-contradicted"} and "lab-supported" in labels
    assert page.locator("#source-col .cs.lab-covered").count() > 0 and page.locator("#source-col .cs.lab-omitted").count() > 0
    lines = page.locator("#cmp-lines path.link-line")
    assert lines.count() > 0
    # hovering a news sentence focuses its evidence and lines
    with_ev = page.locator('#news-col .cs[data-evidence]:not([data-evidence=""])').first
    with_ev.hover()
    ev = with_ev.get_attribute("data-evidence").split()[0]
    assert "focus" in page.locator(f"#src{ev}").get_attribute("class")
    assert page.locator("#cmp-lines path.link-line.focus").count() >= 1
    shot(page, "comparison", full=False)
    with_ev.locator("a.ev-link").first.click()
    page.wait_for_url(f"**#src{ev}")


def test_actor_form_and_folded_compare_in_browser(page):
    page.goto(page.base + "/")
    page.fill('#actor-form input[name="a"]', "nzl")
    page.click('#actor-form button[type="submit"]')
    page.wait_for_url("**/actors/NZL")
    assert "New Zealand" in page.locator("h1").inner_text()
    page.goto(page.base + f"/compare?news={NEWS_ID}")
    run = page.locator("details.omitted-run").first
    inside = run.locator(".cs.lab-omitted").first
    assert not inside.is_visible()
    run.locator("summary").click()
    assert inside.is_visible()
    shot(page, "comparison_folded", full=False)


def test_dyad_page_chart_and_acts(page):
    page.goto(page.base + "/dyad?a=KOR&b=NZL")
    chart = page.locator("#dyad-chart svg.chart")
    assert chart.count() == 1
    # the partners' joint condemnations of others are no conflict between them (dyad rule of the
    # exports: co-signatories are paired only for mutual acts)
    assert page.locator("#dyad-chart rect.bar.coop").count() >= 1 and page.locator("#dyad-chart rect.bar.conf").count() == 0
    assert "2024-09" in chart.inner_html()
    assert page.locator("table.acts tbody tr").count() > 20
    shot(page, "dyad_kor_nzl", full=False)
    page.goto(page.base + "/dyad?a=KOR&b=PRK")
    assert page.locator("#dyad-chart rect.bar.conf").count() >= 1
    page.goto(page.base + "/actors/NZL")
    assert "New Zealand" in page.locator("h1").inner_text()
    assert page.locator("svg.chart rect.bar").count() >= 1
    page.locator("a.partner", has_text="KOR").first.click()
    page.wait_for_url("**/dyad?a=NZL&b=KOR")
    shot(page, "actor_nzl_to_dyad", full=False)


def test_commitments_act_listing_page(page):
    """source=acts: the commitment acts themselves (the page shown when no ledger is built)."""
    page.goto(page.base + "/commitments?source=acts&party=NZL&with_when=true")
    rows = page.locator("table.commitments tbody tr")
    assert rows.count() >= 1
    first = rows.first.inner_text()
    assert any(a in first for a in ("commit", "explore", "sign", "announce"))
    assert page.locator("table.commitments tbody tr td:first-child strong").count() == rows.count()  # each has a due date
    shot(page, "commitments_nzl")
    rows.first.locator("td:nth-child(4) a").click()
    page.wait_for_url("**/documents/**#s*")


def test_commitment_ledger_timeline_and_evidence(page):
    page.goto(page.base + "/commitments")
    n_all = page.locator("table#ledger tbody tr[data-id]").count()
    assert n_all >= 20
    badges = page.locator("table#ledger tbody td:first-child .tag.status")
    assert badges.count() == n_all
    assert set(badges.all_inner_texts()) <= {"open", "fulfilled", "overdue", "reversed"}
    # filters: status as of a date (after 2025 the dated commitments are overdue), then a party
    page.fill("#commitment-filters input[name=as_of]", "2026-06-01")
    page.select_option("#commitment-filters select[name=status]", "overdue")
    page.click("#commitment-filters button[type=submit]")
    page.wait_for_url("**/commitments?*status=overdue*")
    assert "as_of=2026-06-01" in page.url
    od = page.locator("table#ledger tbody tr[data-id]")
    assert 1 <= od.count() < n_all
    assert set(page.locator("table#ledger .tag.status").all_inner_texts()) == {"overdue"}
    assert page.locator("#status-counts .tag.st-overdue").inner_text() == f"overdue {od.count()}"
    page.goto(page.base + "/commitments?party=KOR&firmness=exploratory&as_of=2025-06-01")
    assert page.locator("table#ledger tbody tr[data-id]").count() >= 1
    assert set(page.locator("table#ledger .tag.firm-exploratory").all_inner_texts()) == {"exploratory"}
    shot(page, "commitments_ledger")
    # open the seed statement's Comprehensive Strategic Partnership commitment: its timeline
    page.locator("a.commitment-link", has_text="adopt a Comprehensive Strategic Partnership framework").click()
    page.wait_for_url("**/commitments/*?as_of=2025-06-01")
    assert page.locator("h1.commitment-title").inner_text() == "adopt a Comprehensive Strategic Partnership framework"
    assert page.locator("#commitment-status .tag.status").inner_text() == "open"
    assert "in 2025" in page.locator("dl.facts").inner_text()
    events = page.locator("#timeline li.event")
    assert events.count() >= 1
    made = events.first
    assert made.get_attribute("data-kind") == "made" and "2024-09-04" in made.inner_text()
    assert "Joint Statement between the Republic of Korea and New Zealand" in made.locator("a.doc").inner_text()
    quote = made.locator("blockquote.evidence")
    assert "aim of adopting a relevant framework in 2025" in quote.inner_text()
    assert quote.locator("mark.trigger").inner_text() == "decided to advance"
    shot(page, "commitment_timeline")
    # the evidence link opens the document at that sentence, marked
    link = made.locator("a.evidence-link")
    href = link.get_attribute("href")
    assert href.startswith(f"/documents/{STATEMENT_ID}#s")
    link.click()
    page.wait_for_url(f"**/documents/{STATEMENT_ID}#s*")
    sid = href.split("#")[1]
    target = page.locator(".sent:target")
    assert target.count() == 1 and target.get_attribute("id") == sid
    assert "aim of adopting a relevant framework in 2025" in target.inner_text()
    bg = target.evaluate("e => getComputedStyle(e).backgroundColor")
    other = page.locator(".sent:not(:target)").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg != other, (bg, other)
    assert target.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    shot(page, "commitment_evidence_sentence", full=False)


def test_commitment_pages_escape_and_errors(page):
    xss_id = _serve._STATE["f"].xss_id
    page.goto(page.base + "/commitments?party=AUS")
    page.locator("a.commitment-link").first.click()
    page.wait_for_url("**/commitments/*")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert '<img src=x onerror="window.__xss=2">' in page.locator("#timeline blockquote.evidence").inner_text()
    assert "<script>window.__xss=1</script>" in page.locator("#timeline a.doc").inner_text()
    assert page.locator("#timeline img, #timeline script").count() == 0
    assert page.locator("#timeline a.evidence-link").get_attribute("href").startswith(f"/documents/{xss_id}#s")
    resp = page.goto(page.base + "/commitments/0123456789ab")
    assert resp.status == 404 and "not_found" in page.locator("h1").inner_text()
    resp = page.goto(page.base + "/commitments/not-an-id")
    assert resp.status == 400
    resp = page.goto(page.base + "/commitments?as_of=2024-02-30")
    assert resp.status == 400


def test_search_and_errors(page):
    page.goto(page.base + "/")
    page.fill("header .search input[name=q]", "Luxon")
    page.press("header .search input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Luxon")
    assert page.locator("#search-docs li").count() == 2
    assert page.locator("table.acts tbody tr").count() >= 1
    shot(page, "search_luxon")
    resp = page.goto(page.base + "/documents/0123456789abcdef")
    assert resp.status == 404 and "not_found" in page.locator("h1").inner_text()
    resp = page.goto(page.base + "/dyad?a=KOR&b=<x>")
    assert resp.status == 400
