"""The README's screenshots: the examples extracted into a fresh store with their stored
comparison, served by `accord serve`, shot by Debian's chromium (Playwright) into
docs/img/. Run again after a change to the pages: python bench/readme_screenshots.py"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

import _serve  # noqa: E402  (the test suite's store builder and server starter)

OUT = REPO / "docs" / "img"


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db, _ = _serve.build_store(Path(tmp))
        server = _serve.start_server(db, Path(tmp) / "serve.log")
        try:
            with sync_playwright() as p:
                b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
                page = b.new_page(viewport={"width": 1100, "height": 640})
                page.goto(f"{server.url}/documents/{_serve.STATEMENT_ID}")
                page.locator("mark.act").nth(3).click()
                page.screenshot(path=str(OUT / "document.png"))
                page.goto(f"{server.url}/compare?news={_serve.NEWS_ID}")
                page.wait_for_timeout(300)  # the lines between the columns are drawn after load
                page.screenshot(path=str(OUT / "compare.png"))
                b.close()
        finally:
            server.proc.terminate()
            server.proc.wait(10)
    for f in sorted(OUT.glob("*.png")):
        print(f"{f.relative_to(REPO)}  {f.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
