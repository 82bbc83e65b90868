"""Shared fixtures. Real data lives beside the repository in ../shared (seeds, gold,
corpus archives); tests that need it skip with a clear reason when it is absent."""
from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"

BEEHIVE_WANTED = {
    "gold_gaza": "beehive/releases/2023/12/2023-12-12-joint-statement-prime-ministers-new-zealand-australia-and-canada.md",
    "gold_nordic": "beehive/releases/2025/10/2025-10-29-joint-statement-foreign-ministers-nordic-countries-denmark-finland-iceland-norway-sweden.md",
    "date_0001": "beehive/releases/0001/01/0001-01-01-challenge-laid-new-zealands-digital-future.md",
    "footnotes": "beehive/releases/2019/08/2019-08-20-contempt-court-bill-passes-third-reading.md",
    "all_caps": "beehive/releases/1997/03/1997-03-08-minister-urges-new-zealanders-take-responsibility-sexual-health.md",
    "empty_body": "beehive/releases/2000/08/2000-08-01-14296.md",
    "grid_table": "beehive/releases/1999/03/1999-03-08-action-hard-drugs-and-cannabis-use.md",
    "table_title": "beehive/releases/2000/10/2000-10-17-fall-confidence-disappointing-not.md",
    "entities": "beehive/releases/2016/05/2016-05-24-26-extra-hotels-needed.md",
    "empty_link": "beehive/releases/2014/09/2014-09-11-council-ratification-marks-further-progress.md",
    "heading_paragraphs": "beehive/releases/2008/06/2008-06-25-terms-negotiation-signed-raukawa.md",
    "image_only": "beehive/releases/2006/04/2006-04-07-annette-king-visits-nz-police-dog-training-centre.md",
    "endnote_links": "beehive/releases/2014/01/2014-01-15-welfare-reforms-reduce-taxpayer-costs.md",
}
WH_WANTED = {
    "readout": "wh-briefings/statements-releases/2023-11/2023-11-26-readout-of-president-bidens-call-with-prime-minister-benjamin-netanyahu-of-israel-2.md",
    "eu_joint": "wh-briefings/statements-releases/2023-03/2023-03-10-joint-statement-by-president-biden-and-president-von-der-leyen-2.md",
    "press_call": "wh-briefings/press-briefings/2022-08/2022-08-12-on-the-record-press-call-by-kurt-campbell-deputy-assistant-to-the-president-and-coordinator-for-the-indo-pacific.md",
    "wrapped_links": "wh-briefings/articles/2026-03/2026-03-10-trump-effect-a-running-list-of-new-u-s-investment-in-president-trumps-second-term.md",
    "html_table": "wh-briefings/statements-releases/2024-06/2024-06-21-fact-sheet-biden-harris-administration-announces-over-one-million-pensions-protected-thanks-to-the-american-rescue-plan.md",
    "strike": "wh-briefings/press-briefings/2023-07/2023-07-25-press-briefing-by-press-secretary-karine-jean-pierre-45.md",
    "order": "wh-briefings/presidential-actions/2021-05/2021-05-20-executive-order-on-climate-related-financial-risk.md",
    "span_numbers": "wh-briefings/presidential-actions/2026-04/2026-04-30-promoting-retirement-savings-access-for-american-workers-by-establishing-trumpira-gov.md",
}


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"real data folder {SHARED} is absent (seeds, gold and corpus live there)")
    return SHARED


@pytest.fixture(scope="session")
def seeds(shared) -> dict[str, Path]:
    d = shared / "seeds"
    if not d.is_dir():
        pytest.skip(f"{d} is absent")
    return {"statement": d / "000_d8a6e55ad387dd7a.txt", "news": d / "001_c17310a070c6f817.txt"}


def _archive(shared: Path, name: str) -> Path:
    p = shared / "corpus" / name
    if not p.is_file():
        pytest.skip(f"corpus archive {p} is absent")
    return p


@pytest.fixture(scope="session")
def beehive_tar(shared) -> Path:
    return _archive(shared, "beehive-releases.tar.gz")


@pytest.fixture(scope="session")
def wh_tar(shared) -> Path:
    return _archive(shared, "wh-briefings.tar.gz")


def _members(archive: Path, wanted: set[str], first_n: int) -> tuple[dict[str, bytes], list[tuple[str, bytes]]]:
    """One pass over the archive: the named members, and the first ``first_n`` files."""
    named: dict[str, bytes] = {}
    first: list[tuple[str, bytes]] = []
    with tarfile.open(archive, "r:gz") as tf:
        for m in tf:
            if not m.isfile():
                continue
            if m.name in wanted or len(first) < first_n:
                data = tf.extractfile(m).read()
                if m.name in wanted:
                    named[m.name] = data
                if len(first) < first_n:
                    first.append((m.name, data))
            if len(named) == len(wanted) and len(first) >= first_n:
                break
    return named, first


@pytest.fixture(scope="session")
def beehive_members(beehive_tar):
    named, first = _members(beehive_tar, set(BEEHIVE_WANTED.values()), 400)
    missing = set(BEEHIVE_WANTED.values()) - set(named)
    assert not missing, f"members not found in {beehive_tar}: {missing}"
    return {k: (v, named[v]) for k, v in BEEHIVE_WANTED.items()}, first


@pytest.fixture(scope="session")
def wh_members(wh_tar):
    named, _ = _members(wh_tar, set(WH_WANTED.values()), 0)
    missing = set(WH_WANTED.values()) - set(named)
    assert not missing, f"members not found in {wh_tar}: {missing}"
    return {k: (v, named[v]) for k, v in WH_WANTED.items()}


def write_tar_gz(path: Path, members: list[tuple[str, bytes]]) -> Path:
    with tarfile.open(path, "w:gz") as tf:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return path
