"""The shared site: built from the committed notebooks, complete, offline, safe, and checked in
headless Chromium (Debian's `chromium` and `chromium-driver`, driven by selenium)."""

from __future__ import annotations

import getpass
import html
import json
import os
import re
import shutil
import socket
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import nbformat
import pytest
from conftest import write_seeds
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

import helpers
from helpers import site
from helpers.viewer import highlight_html

NOTEBOOKS = site.notebook_paths()
ATTACK = "<script>alert('seed')</script>"
IMAGE_ATTACK = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    return out, site.build_site(out)


class Loads(HTMLParser):
    """Every URL a page would load by itself (scripts, styles, images, frames, media, CSS url()),
    and every link."""

    LOADING: ClassVar[dict[str, str]] = {
        "script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src",
        "embed": "src", "object": "data", "link": "href"}

    def __init__(self):
        super().__init__()
        self.loads, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.LOADING and attrs.get(self.LOADING[tag]):
            self.loads.append(attrs[self.LOADING[tag]])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_data(self, data):
        self.loads.extend(re.findall(r"url\(\s*['\"]?([^'\")]+)", data))


def parsed(page: Path) -> Loads:
    parser = Loads()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_the_site_has_an_index_and_a_page_per_notebook(built):
    _, pages = built
    assert [p.name for p in pages] == ["index.html"] + [f"{p.stem}.html" for p in NOTEBOOKS] + [
        "methods.html", "question-readings.html"]


def test_the_index_lists_every_notebook_with_the_title_and_summary_from_its_first_cell(built):
    out, _ = built
    index = (out / "index.html").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        title, summary = site.title_and_summary(nbformat.read(path, as_version=4))
        assert f'<a href="{path.stem}.html">' in index
        assert html.escape(title) in index and html.escape(summary) in index
    for interview in helpers.load_catalog():
        assert interview.sha256 in index and html.escape(interview.title) in index


def test_no_page_loads_anything_from_another_host(built):
    _, pages = built
    for page in pages:
        external = [u for u in parsed(page).loads if re.match(r"(?i)(https?:)?//", u)]
        assert external == [], f"{page.name} loads {external}"


def test_every_local_link_and_download_resolves(built):
    out, pages = built
    for page in pages:
        for link in parsed(page).links:
            if re.match(r"(?i)(https?:|mailto:|#)", link):
                continue
            assert (out / link.split("#")[0]).is_file(), f"{page.name} links to missing {link}"
    downloads = [link for link in parsed(out / "index.html").links if link.startswith("downloads/")]
    assert "downloads/web-annotations.jsonld" in downloads and "downloads/coding.csv" in downloads


def test_links_to_notebooks_become_links_to_their_pages():
    page = '<a href="03-coding.ipynb">03</a> <a href="notebooks/05-keyness.ipynb#2.-How-many">05</a>'
    assert site.local_links(page) == '<a href="03-coding.html">03</a> <a href="05-keyness.html#2.-How-many">05</a>'


def test_links_to_the_methods_manual_and_files_become_links_within_the_site():
    page = ('<a href="../METHODS.md#dunning1993">D</a> <a href="../METHODS.md">M</a> '
            '<a href="../annotations/question-readings.md">Q</a> <a href="references.bib">B</a>')
    assert site.local_links(page) == ('<a href="methods.html#dunning1993">D</a> <a href="methods.html">M</a> '
                                      '<a href="question-readings.html">Q</a> <a href="downloads/references.bib">B</a>')


def test_every_citation_in_a_notebook_page_lands_on_its_reference(built):
    out, _ = built
    anchors = set(re.findall(r'<a id="([\w-]+)"></a>', (out / "methods.html").read_text(encoding="utf-8")))
    link = re.compile(r'href="methods\.html#([\w-]+)"')
    cited = {m for page in out.glob("0*.html") for m in link.findall(page.read_text(encoding="utf-8"))}
    assert cited and cited <= anchors


def test_a_notebook_without_a_title_is_refused():
    with pytest.raises(ValueError, match="'# ' title"):
        site.title_and_summary(new_notebook(cells=[new_markdown_cell("No heading here.")]))


def test_no_absolute_path_user_or_host_name_in_committed_outputs_or_the_site(built):
    out, pages = built
    needles = {str(helpers.paths.PROJECT_ROOT), str(Path.home()), f"/{getpass.getuser()}/", socket.gethostname()}
    files = [*NOTEBOOKS, *pages, *sorted((out / "downloads").iterdir())]
    for path in files:
        text = path.read_text(encoding="utf-8")
        found = [n for n in needles if len(n) > 3 and n in text]
        assert found == [], f"{path.name} contains {found}"


def seed_with_markup(tmp_path: Path) -> Path:
    text = f"Title\n\nIntro.\n\nWW: What about {ATTACK}?\n\nMC: We answer {IMAGE_ATTACK} and <b>that</b>.\n"
    return write_seeds(tmp_path / "seeds", {"100_attack.txt": (text, "plain")})


def test_seed_markup_is_escaped_in_the_notebooks_displays_and_in_the_site(tmp_path):
    passages = helpers.load_passages(seed_with_markup(tmp_path))
    answer = passages[passages["kind"] == "answer"].iloc[0]
    viewer = highlight_html(answer["clean"], list(range(len(answer["clean"]))), [(3, 9, "x")], {"x": "#eee"})
    table = passages[["passage_id", "clean"]].to_html()
    for shown in (viewer, table):
        assert ATTACK not in shown and IMAGE_ATTACK not in shown and "&lt;script&gt;" in table
    cell = new_code_cell("passages", execution_count=1, outputs=[
        new_output("execute_result", {"text/html": table, "text/plain": repr(passages["clean"].tolist())},
                   execution_count=1),
        new_output("display_data", {"text/html": viewer, "text/plain": "viewer"})])
    page = site.export_page(new_notebook(cells=[new_markdown_cell("# 99 · Attack\n\nA test."), cell]))
    assert ATTACK not in page and IMAGE_ATTACK not in page
    assert "&lt;script&gt;alert(" in page and "&lt;img src=x onerror=alert(1)&gt;" in page


# --- the browser check ------------------------------------------------------------------------

def chromium_paths() -> tuple[str, str]:
    browser, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (browser and driver):
        message = "headless Chromium is missing: apt-get install -y chromium chromium-driver (.ci/run does this)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return browser, driver


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver

    binary, driver_path = chromium_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver_path))
    yield driver
    driver.quit()


def network_problems(driver) -> list[str]:
    """Requests that failed or went to another host, from Chromium's performance log."""
    problems = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.loadingFailed":
            problems.append(f"failed: {params.get('errorText')}")
        elif message["method"] == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if not url.startswith(("file://", "data:", "about:")):
                problems.append(f"request to {url}")
    return problems


def test_every_page_loads_cleanly_in_headless_chromium(built, browser):
    from selenium.webdriver.common.by import By

    _, pages = built
    for page in pages:
        browser.get(page.as_uri())
        errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == [], f"{page.name}: console errors {errors}"
        assert network_problems(browser) == [], page.name
        broken = browser.execute_script(
            "return [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
        assert broken == [], f"{page.name}: images that did not load {broken}"
        assert browser.find_element(By.TAG_NAME, "h1").text


def test_the_browser_shows_every_notebook_in_the_index_and_quotes_on_their_pages(built, browser):
    from selenium.webdriver.common.by import By

    out, _ = built
    browser.get((out / "index.html").as_uri())
    listed = [a.get_attribute("href").rsplit("/", 1)[-1] for a in browser.find_elements(By.CSS_SELECTOR, "ol li a")]
    assert listed == [f"{p.stem}.html" for p in NOTEBOOKS]
    browser.get((out / "06-naming.html").as_uri())
    text = browser.find_element(By.TAG_NAME, "body").text
    assert "the invasion and colonisation" in text and "(004:q4.a1)" in text
    browser.get((out / "04-words.html").as_uri())
    assert "a people 's [war] for national liberation" in browser.find_element(By.TAG_NAME, "body").text
    browser.get((out / "methods.html").as_uri())
    text = browser.find_element(By.TAG_NAME, "body").text
    assert "Dunning 1993." in text and "Accurate methods for the statistics of surprise" in text
