"""`make export NB=04`: one notebook as one self-contained page that travels alone. Nothing is
loaded from another host, the figures are inside it, and a citation lands on its reference in
the same file, checked from `file://` in headless Chromium with the network cut off; with the
book's address, the links go to the book's pages instead."""

from __future__ import annotations

import re
import subprocess

import pytest
from browsers import chromium, console_errors, network_problems

from helpers.plumbing.paths import NOTEBOOKS_DIR, PROJECT_ROOT
from helpers.sharing import page

LOADS = re.compile(r"<(?:script|link|img|iframe|source|video|audio|embed)\b[^>]*?\b(?:src|href)=\"([^\"]+)\"")


@pytest.fixture(scope="module")
def exported():
    done = subprocess.run(["make", "--no-print-directory", "export", "NB=04"], cwd=PROJECT_ROOT, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("wrote build/export/04-words.html (")
    return PROJECT_ROOT / "build" / "export" / "04-words.html"


@pytest.mark.e2e
def test_the_page_loads_nothing_from_another_host_and_every_anchor_exists(exported):
    html = exported.read_text(encoding="utf-8")
    assert [u for u in LOADS.findall(html) if not u.startswith(("data:", "#"))] == []
    assert "require.min.js" not in html and "MathJax" not in html
    anchors = set(re.findall(r'\bid="([^"]+)"', html))
    targets = {t for t in re.findall(r'href="#([^"]+)"', html)}
    assert {"dunning1993", "methods"} <= targets or "methods" in targets
    assert targets - anchors == set()
    assert "../METHODS.md" not in html and 'href="../' not in html  # no link that breaks once sent
    assert html.count("data:image/png;base64,") >= 1


@pytest.mark.e2e
def test_project_links_go_to_the_book_when_it_has_an_address(tmp_path):
    out = page.export(NOTEBOOKS_DIR / "05-keyness.ipynb", "https://study.example/book", tmp_path)
    html = out.read_text(encoding="utf-8")
    assert 'href="https://study.example/book/methods.html#dunning1993"' in html
    assert 'id="methods"' not in html  # nothing appended: the book holds the methods
    assert page.relink("[03](03-coding.ipynb#2), [c](../annotations/coding.csv)", None) == (
        "03 (`03-coding.ipynb#2`), c (`annotations/coding.csv`)")
    assert page.relink("[M](../METHODS.md), [x](https://a.b)", None) == "[M](#methods), [x](https://a.b)"


def test_a_name_that_is_not_one_notebook_is_refused_with_the_choices():
    with pytest.raises(SystemExit, match="NB='0' names 8 notebooks; choose one of 01-reading"):
        page.find_notebook("0")
    assert page.find_notebook("04") == NOTEBOOKS_DIR / "04-words.ipynb"


@pytest.mark.e2e
def test_the_page_opens_offline_from_file_with_its_figures_and_its_citations_working(exported):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser = chromium(offline=True)
    try:
        browser.set_window_size(1200, 900)
        browser.get(exported.as_uri())
        images = browser.execute_script("return [...document.images].map(i => [i.complete, i.naturalWidth])")
        assert images and all(done and width > 0 for done, width in images)
        link = browser.find_elements(By.CSS_SELECTOR, 'a[href="#covington2010"]')[0]
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
        link.click()
        WebDriverWait(browser, 10).until(lambda d: d.execute_script(
            "const r = document.getElementById('covington2010').getBoundingClientRect();"
            "return window.scrollY > 0 && r.top >= -1 && r.top < window.innerHeight;"))  # scrolled to it
        assert browser.execute_script("return location.hash") == "#covington2010"
        assert network_problems(browser) == [] and console_errors(browser) == []
    finally:
        browser.quit()
