"""The shared book: built with Sphinx, MyST-NB and the book theme from the committed notebooks,
complete, offline, safe, and checked in headless Chromium (Debian's `chromium` and
`chromium-driver`, driven by selenium): every page and link, the search, and a screenshot."""

from __future__ import annotations

import getpass
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
from browsers import chromium, console_errors, network_problems
from conftest import write_seeds
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

import helpers
from helpers import page
from helpers.annotating.viewer import highlight_html
from helpers.plumbing.paths import PROJECT_ROOT
from helpers.sharing import book, references, staging

NOTEBOOKS = sorted(helpers.paths.NOTEBOOKS_DIR.glob("*.ipynb"))
ATTACK = "<script>alert('seed')</script>"
IMAGE_ATTACK = "<img src=x onerror=alert(1)>"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`make serve` into a folder of the test's own: it builds the book there and serves it on
    localhost. Every test of the built book reads that one build; the server is stopped by its PID."""
    out, port = tmp_path_factory.mktemp("book") / "site", free_port()
    server = subprocess.Popen(["make", "--no-print-directory", "serve", f"SITE={out}", f"SERVE_PORT={port}"],
                              cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    try:
        deadline, url = time.monotonic() + 240, f"http://127.0.0.1:{port}/"
        while True:
            assert server.poll() is None, "make serve stopped:\n" + server.stdout.read()[-3000:]
            assert time.monotonic() < deadline, "make serve did not answer"
            try:
                with urllib.request.urlopen(url + "index.html", timeout=5) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        yield out, url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


@pytest.fixture(scope="module")
def built(served):
    out, _ = served
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


@pytest.mark.e2e
def test_the_book_has_a_page_per_notebook_and_document(built):
    _, pages = built
    names = {p.name for p in pages}
    assert {f"{p.stem}.html" for p in NOTEBOOKS} | {
        "index.html", "methods.html", "question-readings.html", "stance.html", "we.html", "bibliography.html",
        "seeds.html", "downloads.html", "search.html"} <= names


@pytest.mark.e2e
def test_the_sidebar_lists_every_chapter_in_order(built):
    out, _ = built
    links = [link for link in parsed(out / "index.html").links if re.fullmatch(r"\d\d-[\w-]+\.html", link)]
    assert list(dict.fromkeys(links)) == [f"{p.stem}.html" for p in NOTEBOOKS if p.stem[:2].isdigit()]


@pytest.mark.e2e
def test_no_page_loads_anything_from_another_host(built):
    out, _ = built
    for path in sorted(out.rglob("*.html")):
        external = [u for u in parsed(path).loads if re.match(r"(?i)(https?:)?//", u)]
        assert external == [], f"{path.name} loads {external}"


@pytest.mark.e2e
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


@pytest.mark.e2e
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


@pytest.mark.e2e
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


# --- the browser check: Chromium as a reader's (no --allow-file-access-from-files) -----------------

@pytest.fixture(scope="module")
def browser():
    driver = chromium()
    yield driver
    driver.quit()


@pytest.mark.e2e
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
        errors = console_errors(browser)
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


def search_results(browser, url: str) -> list[tuple[str, str]]:
    """(page, snippet) of each result the search page lists for `url`'s query."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url)
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li p.context"))
    time.sleep(0.5)  # every result's snippet is fetched on its own
    return [(li.find_element(By.TAG_NAME, "a").get_attribute("href").rsplit("/", 1)[-1].split("#")[0],
             " ".join(p.text for p in li.find_elements(By.CSS_SELECTOR, "p.context")))
            for li in browser.find_elements(By.CSS_SELECTOR, "#search-results li")]


@pytest.mark.e2e
def test_the_search_shows_snippets_from_file_without_file_access(built, browser):
    out, _ = built
    results = search_results(browser, (out / "search.html").as_uri() + "?q=Chalenko")
    snippets = dict(results)
    assert "01-reading.html" in snippets and "Chalenko" in snippets["01-reading.html"]
    assert sum("Chalenko" in text for text in snippets.values()) >= len(snippets) // 2
    assert console_errors(browser) == [] and network_problems(browser) == []


@pytest.mark.e2e
def test_the_search_shows_snippets_from_make_serve(served, browser):
    _, url = served
    snippets = dict(search_results(browser, url + "search.html?q=Vasylyna"))
    assert "Vasylyna" in snippets.get("04-words.html", "")
    assert console_errors(browser) == []
    assert network_problems(browser, local=(url, "data:", "about:", "blob:")) == []


@pytest.mark.e2e
def test_the_sidebar_opens_at_phone_width(built, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    out, _ = built
    browser.set_window_size(390, 844)
    browser.get((out / "04-words.html").as_uri())
    button = [b for b in browser.find_elements(By.CSS_SELECTOR, ".primary-toggle") if b.is_displayed()]
    assert len(button) == 1, "one visible menu button"
    button[0].click()
    chapters = WebDriverWait(browser, 10).until(lambda d: [
        a for a in d.find_elements(By.CSS_SELECTOR, "#pst-primary-sidebar-modal a.reference") if a.is_displayed()])
    assert {"01 · Reading the two interviews", "08 · Findings, and what two short texts cannot show"} <= {
        a.text for a in chapters}
    chapters[0].click()  # and the chapter list leads somewhere
    WebDriverWait(browser, 10).until(lambda d: not d.current_url.endswith("04-words.html"))
    browser.set_window_size(1300, 900)
    browser.get((out / "04-words.html").as_uri())
    sidebar = browser.find_element(By.ID, "pst-primary-sidebar")
    assert sidebar.is_displayed()
    next(b for b in browser.find_elements(By.CSS_SELECTOR, ".primary-toggle") if b.is_displayed()).click()
    WebDriverWait(browser, 10).until(lambda d: "pst-sidebar-hidden" in sidebar.get_attribute("class"))
    assert console_errors(browser) == []


@pytest.mark.e2e
def test_at_phone_width_nothing_overflows_the_page_and_figures_keep_their_size(built, browser):
    out, _ = built
    browser.set_window_size(390, 844)
    for name in ("04-words.html", "05-keyness.html", "07-conversation.html", "seeds.html"):
        browser.get((out / name).as_uri())
        wide = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 1, f"{name} scrolls sideways by {wide} px at 390 px"
    browser.get((out / "04-words.html").as_uri())
    sizes = browser.execute_script("""return [...document.querySelectorAll('div.cell_output img')]
        .map(i => [i.getBoundingClientRect().width, i.naturalWidth])""")
    assert sizes and all(shown >= 0.95 * natural for shown, natural in sizes), sizes
    browser.set_window_size(1400, 900)
    browser.get((out / "seeds.html").as_uri())
    assert browser.execute_script("""const t = document.querySelector('table.study-seeds');
        return t.getBoundingClientRect().right <= t.parentElement.getBoundingClientRect().right + 1""")


@pytest.mark.e2e
def test_check_cells_are_collapsed_figures_have_alt_text_and_tables_read_well(built):
    out, _ = built
    words = (out / "04-words.html").read_text(encoding="utf-8")
    check = words.index("every figure of the summary holds")
    collapsed = max(m.start() for m in re.finditer(r'<details class="[^"]*\bhide above-input\b', words[:check]))
    assert collapsed > words.rfind('<div class="cell docutils container">', 0, check), "the check cell's input is shown"
    assert 'alt="Figure: Where chosen terms occur in each interview' in words
    for path in out.glob("0*.html"):
        images = re.findall(r'<img[^>]*src="_images/[^"]*"[^>]*>', path.read_text(encoding="utf-8"))
        assert all('alt="Figure: ' in i for i in images), path.name
    assert "<th>MATTR (50)</th>" in words and "<th>mattr_50</th>" not in words and "<td>1,814</td>" in words
    keys = (out / "05-keyness.html").read_text(encoding="utf-8")
    assert "<th>G²</th>" in keys and "<td>30.72</td>" in keys and "30.716250" not in keys


def test_the_staging_rules_by_hand():
    check = {"cell_type": "code", "source": "x = 1\nassert x == 1\nprint('holds')",
             "outputs": [{"output_type": "stream", "name": "stdout", "text": "holds\n"}]}
    shown = {**check, "outputs": [{"output_type": "execute_result", "data": {"text/plain": "1"}}]}
    assert staging.is_check(check) and not staging.is_check(shown)
    assert staging.alt_text('ax.set(title=f"Rates of {word}", xlabel="per 1,000")\nax.set_ylabel("who")') == (
        "Figure: Rates of …. Horizontal axis: per 1,000. Vertical axis: who.")
    assert staging.alt_text("plt.plot([1])", "The words per turn, by speaker:") == (
        "Figure: The words per turn, by speaker.")
    table = ('<table border="1" class="dataframe"><thead><tr><th></th><th>g2</th><th>start</th><th>words</th></tr>'
             "</thead><tbody><tr><th>0</th><td>30.716250</td><td>12345</td><td>1814</td></tr></tbody></table>")
    assert staging.readable_table(table) == table.replace("<th>g2</th>", "<th>G²</th>").replace(
        "30.716250", "30.72").replace("<td>1814</td>", "<td>1,814</td>")
    assert staging._number("0.0001234", True) == "0.000123" and staging._number("0.76812", True) == "0.768"


@pytest.mark.e2e
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
