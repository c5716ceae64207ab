"""report.html in real headless Chromium: headline, map and every council render, offline, with a screenshot."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .publishing import publish_example

pytestmark = pytest.mark.browser
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=1"]
# Chromium fetches for itself too (component updates, account checks) whatever the flags; those requests have no
# initiating origin in the net log, while everything a page loads names the page's origin ("null" for a file).
BROWSER_ITSELF = "not an origin"
FETCHING = {"script": "src", "img": "src", "iframe": "src", "link": "href", "source": "src", "video": "src",
            "audio": "src", "embed": "src", "object": "data", "image": "href", "use": "href"}


def find_chromium() -> str | None:
    """Return the path of a Chromium binary, if one is installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium, installed with apt-get when it is missing and this user may install it."""
    found = find_chromium()
    if found:
        return found
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        pytest.skip("chromium is not installed and cannot be installed here (needs apt-get as root)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], capture_output=True, env=env, timeout=600, check=False)
    done = subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], capture_output=True, text=True, env=env,
                          timeout=900, check=False)
    found = find_chromium()
    if not found:
        pytest.skip(f"apt-get could not install chromium: {done.stderr.strip()[-300:]}")
    return found


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """The example survey's report.html, published through the plain stages."""
    folder = tmp_path_factory.mktemp("browser") / "rhi-2026"
    publish_example(folder, "publish")
    return folder / "publish" / "report.html"


def browse(chromium: str, page: Path, work: Path, *extra: str) -> tuple[str, list[str]]:
    """Given a page, open it in headless Chromium; return what it printed and the http(s) URLs the page requested."""
    work.mkdir(parents=True, exist_ok=True)
    netlog = work / "netlog.json"
    done = subprocess.run([chromium, *FLAGS, f"--user-data-dir={work / 'profile'}", f"--log-net-log={netlog}",
                           *extra, page.as_uri()], capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, page_requests(netlog)


def page_requests(netlog: Path) -> list[str]:
    """Given Chromium's net log, return the http(s) URLs that a page (not the browser itself) asked for."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [e["params"]["url"] for e in log["events"]
            if e["type"] == start and e["params"].get("url", "").startswith(("http://", "https://"))
            and e["params"].get("initiator") != BROWSER_ITSELF]


class Fetches(HTMLParser):
    """Collects every URL an element would fetch by itself (scripts, styles, images, frames, media)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Given a start tag, keep the URL it would load."""
        wanted = FETCHING.get(tag)
        self.urls += [v or "" for k, v in attrs if k in (wanted, "xlink:href", "srcset", "poster")]


def test_report_renders_headline_map_and_every_council_without_the_network(chromium, report, tmp_path):
    dom, requested = browse(chromium, report, tmp_path / "dom", "--dump-dom")
    summary = json.loads((report.parent / "summary.json").read_text(encoding="utf-8"))
    assert summary["headline"]["policies"][0]["sentence"] in dom.replace("&amp;", "&")
    assert "20 of 24 councils that answered offer a return home interview" in dom
    maps = re.findall(r'<svg class="map".*?</svg>', dom, re.S)
    assert maps and all(m.count('<circle class="council"') == 153 for m in maps)
    table = re.search(r'<table id="councils"[^>]*>.*?</table>', dom, re.S).group(0)
    assert 'data-ready="true"' in table  # the sort and filter script ran
    assert len(re.findall(r'<tr id="c-E\d{8}"', table)) == 153
    assert requested == []


def test_report_loads_nothing_from_outside(report):
    html_text = report.read_text(encoding="utf-8")
    parser = Fetches()
    parser.feed(html_text)
    assert [u for u in parser.urls if re.match(r"\s*(?:https?:)?//", u)] == []
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//|@import", html_text)


def test_the_network_check_sees_a_page_that_fetches(chromium, tmp_path):
    page = tmp_path / "fetches.html"
    page.write_text('<!DOCTYPE html><img src="https://example.invalid/x.png"><p>outside</p>', encoding="utf-8")
    _, requested = browse(chromium, page, tmp_path / "control", "--dump-dom")
    assert requested == ["https://example.invalid/x.png"]


def test_report_screenshot(chromium, report, tmp_path, capsys):
    shot = tmp_path / "report.png"
    browse(chromium, report, tmp_path / "shot", f"--screenshot={shot}", "--window-size=1280,2000")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    with capsys.disabled():
        print(f"\nreport screenshot: {shot}")
