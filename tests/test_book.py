"""The shared book: built with Sphinx, MyST-NB and the book theme from the committed notebooks,
complete, offline, safe, and checked in headless Chromium (Debian's `chromium` and
`chromium-driver`, driven by selenium): every page and link, the search, and a screenshot."""

from __future__ import annotations

import getpass
import json
import os
import re
import shutil
import socket
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import write_seeds
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

import helpers
from helpers import page
from helpers.annotating.viewer import highlight_html
from helpers.sharing import book, references

NOTEBOOKS = sorted(helpers.paths.NOTEBOOKS_DIR.glob("*.ipynb"))
ATTACK = "<script>alert('seed')</script>"
IMAGE_ATTACK = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("book")
    book.build(out)
    return out, sorted(out.glob("*.html"))


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


def parsed(path: Path) -> Loads:
    parser = Loads()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_the_book_has_a_page_per_notebook_and_document(built):
    _, pages = built
    names = {p.name for p in pages}
    assert {f"{p.stem}.html" for p in NOTEBOOKS} | {
        "index.html", "methods.html", "question-readings.html", "stance.html", "we.html", "bibliography.html",
        "seeds.html", "downloads.html", "search.html"} <= names


def test_the_sidebar_lists_every_chapter_in_order(built):
    out, _ = built
    links = [link for link in parsed(out / "index.html").links if re.fullmatch(r"\d\d-[\w-]+\.html", link)]
    assert list(dict.fromkeys(links)) == [f"{p.stem}.html" for p in NOTEBOOKS if p.stem[:2].isdigit()]


def test_no_page_loads_anything_from_another_host(built):
    out, _ = built
    for path in sorted(out.rglob("*.html")):
        external = [u for u in parsed(path).loads if re.match(r"(?i)(https?:)?//", u)]
        assert external == [], f"{path.name} loads {external}"


def test_every_local_link_and_download_resolves(built):
    out, pages = built
    for path in pages:
        for link in parsed(path).links:
            if re.match(r"(?i)(https?:|mailto:|#|javascript:)", link):
                continue
            assert (out / link.split("#")[0].split("?")[0]).is_file(), f"{path.name} links to missing {link}"
    downloads = parsed(out / "downloads.html").links
    assert "files/coding.csv" in downloads and "files/web-annotations.jsonld" in downloads
    assert "files/000_f9e212dc11d7c8a9.txt" in downloads and "files/references.bib" in downloads


def test_every_citation_lands_on_its_reference_and_the_bibliography_lists_every_entry(built):
    out, _ = built
    anchors = set(re.findall(r'<a id="([\w-]+)"></a>', (out / "methods.html").read_text(encoding="utf-8")))
    link = re.compile(r'href="methods\.html#([\w-]+)"')
    cited = {m for p in out.glob("*.html") for m in link.findall(p.read_text(encoding="utf-8"))}
    assert cited and cited <= anchors == set(references.bibliography().entries)
    listed = (out / "bibliography.html").read_text(encoding="utf-8")
    assert listed.count('role="doc-biblioentry"') == len(references.bibliography().entries)


def test_links_between_project_files_become_links_between_pages():
    assert book.relink("[D](../METHODS.md#dunning1993), [M](../METHODS.md), [03](03-coding.ipynb#2.-The), "
                       "[Q](../annotations/question-readings.md), [c](../annotations/coding.csv), "
                       "[x](https://a.b)") == (
        "[D](methods.html#dunning1993), [M](methods.html), [03](03-coding.html#2.-The), "
        "[Q](question-readings.html), [c](files/coding.csv), [x](https://a.b)")


def test_the_seeds_page_escapes_what_the_catalog_says(tmp_path, monkeypatch):
    folder = write_seeds(tmp_path / "seeds", {"100_t.txt": ("Title\n\nWW: Why?\n\nMC: Because.\n", "plain")})
    catalog = (folder / "catalog.toml").read_text(encoding="utf-8").replace('"A test interview"', f'"{ATTACK}"')
    (folder / "catalog.toml").write_text(catalog, encoding="utf-8")
    monkeypatch.setattr(book, "load_catalog", lambda: helpers.load_catalog(folder))
    text = book.seeds_page()
    assert ATTACK not in text and "&lt;script&gt;alert(" in text


def test_no_absolute_path_user_or_host_name_in_committed_outputs_or_the_book(built):
    out, _ = built
    needles = {str(helpers.paths.PROJECT_ROOT), str(Path.home()), f"/{getpass.getuser()}/", socket.gethostname()}
    files = [*NOTEBOOKS, *sorted(out.glob("*.html")), *sorted((out / "files").iterdir())]
    for path in files:
        if zipfile.is_zipfile(path):  # the exports for other tools (.qdpx, .xlsx, .zip): every member read
            with zipfile.ZipFile(path) as archive:
                text = "".join(archive.read(name).decode("utf-8") for name in archive.namelist())
        else:
            text = path.read_text(encoding="utf-8")
        found = [n for n in needles if len(n) > 3 and n in text]
        assert found == [], f"{path.name} contains {found}"


def seed_with_markup(tmp_path: Path) -> Path:
    text = f"Title\n\nIntro.\n\nWW: What about {ATTACK}?\n\nMC: We answer {IMAGE_ATTACK} and <b>that</b>.\n"
    return write_seeds(tmp_path / "seeds", {"100_attack.txt": (text, "plain")})


def test_seed_markup_is_escaped_in_the_notebooks_displays_and_in_a_page(tmp_path):
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
    html = page.export_page(new_notebook(cells=[new_markdown_cell("# 99 · Attack\n\nA test."), cell]))
    assert ATTACK not in html and IMAGE_ATTACK not in html
    assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=alert(1)&gt;" in html


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


def test_every_page_the_index_reaches_loads_cleanly(built, browser):
    from selenium.webdriver.common.by import By

    out, _ = built
    seen, queue = set(), ["index.html"]
    while queue:
        name = queue.pop(0)
        if name in seen:
            continue
        seen.add(name)
        browser.get((out / name).as_uri())
        errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == [], f"{name}: console errors {errors}"
        assert network_problems(browser) == [], name
        broken = browser.execute_script(
            "return [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
        assert broken == [], f"{name}: images that did not load {broken}"
        assert any(h.text for h in browser.find_elements(By.TAG_NAME, "h1")), f"{name}: no title shown"
        for link in parsed(out / name).links:
            target = link.split("#")[0].split("?")[0]
            if target.endswith(".html") and not re.match(r"(?i)https?:", target) and target not in seen:
                queue.append(target)
    assert {f"{p.stem}.html" for p in NOTEBOOKS} <= seen and "methods.html" in seen


def test_the_search_finds_a_word_offline(built, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    out, _ = built
    browser.get((out / "search.html").as_uri() + "?q=Chalenko")
    results = (By.CSS_SELECTOR, "#search-results li")
    WebDriverWait(browser, 20).until(expected_conditions.presence_of_element_located(results))
    links = browser.find_elements(By.CSS_SELECTOR, "#search-results li a")
    hits = [a.get_attribute("href").rsplit("/", 1)[-1] for a in links]
    assert "01-reading.html" in hits
    assert [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    assert network_problems(browser) == []


def test_a_chapter_shows_its_quotes_and_a_screenshot_of_it_is_not_blank(built, browser, tmp_path):
    from PIL import Image
    from selenium.webdriver.common.by import By

    out, _ = built
    browser.set_window_size(1300, 1600)
    browser.get((out / "06-naming.html").as_uri())
    text = browser.find_element(By.TAG_NAME, "body").text
    assert "the invasion and colonisation" in text and "(004:q4.a1)" in text
    shot = tmp_path / "06-naming.png"
    browser.save_screenshot(str(shot))
    image = Image.open(shot).convert("L")
    colours = image.getcolors(maxcolors=1 << 16) or []
    assert image.size[0] >= 1200 and len(colours) > 50  # text, a sidebar and figures, not a blank page
    browser.get((out / "methods.html").as_uri())
    text = browser.find_element(By.TAG_NAME, "body").text
    assert "Dunning 1993." in text and "Accurate methods for the statistics of surprise" in text
