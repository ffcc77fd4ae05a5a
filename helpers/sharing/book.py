"""The shared book: `make html` (`python -m helpers.sharing.book [folder]`) builds `site/` with Sphinx,
MyST-NB and the book theme, as Jupyter Book 1 does, from the committed notebooks and the project's
documents, offline, with nothing loaded from another host.

Sphinx reads one source folder, and the study's files live in several (`notebooks/`, `METHODS.md`,
`annotations/`, `seeds/`), so this module stages them into `build/book/` beside `book/conf.py`. It
does only what the book's tools do not: it rewrites the notebooks' links between project files
(`../METHODS.md#dunning1993`, `03-coding.ipynb`) into links between pages, which work in JupyterLab
and in the book alike; it writes the page of the seeds' provenance from the catalog, every text
escaped; and it lists the files to download.
"""

from __future__ import annotations

import html
import re
import shutil
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import nbformat

from ..plumbing.paths import ANNOTATIONS_DIR, EXPORT_DIR, NOTEBOOKS_DIR, PROJECT_ROOT, SEEDS_DIR, shown
from ..reading.catalog import load_catalog
from . import staging

BOOK_DIR = PROJECT_ROOT / "book"
STAGE_DIR = PROJECT_ROOT / "build" / "book"
SITE_DIR = PROJECT_ROOT / "site"
DOCUMENTS = {PROJECT_ROOT / "METHODS.md": "methods.md",
             ANNOTATIONS_DIR / "question-readings.md": "question-readings.md",
             ANNOTATIONS_DIR / "stance.md": "stance.md",
             ANNOTATIONS_DIR / "we.md": "we.md"}
"""The project's Markdown documents that become pages, and their page names."""
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
PAGE_OF = [
    (re.compile(r"^(?:\.\./)*METHODS\.md"), "methods.html"),
    (re.compile(r"^(?:\.\./)*(?:annotations/)?question-readings\.md"), "question-readings.html"),
    (re.compile(r"^(?:\.\./)*(?:annotations/)?stance\.md"), "stance.html"),
    (re.compile(r"^(?:\.\./)*(?:annotations/)?we\.md"), "we.html"),
    (re.compile(r"^(?:\.\./)*(?:notebooks/)?(?P<nb>(?:\d\d-[\w-]+|workbench))\.ipynb"), r"\g<nb>.html"),
    (re.compile(r"^(?:\.\./)*(?:annotations/(?:second-coder/|export/)?)?(?P<f>[\w.-]+\.(?:csv|toml|bib|jsonld))$"),
     r"files/\g<f>"),
]


def page_link(target: str) -> str:
    """A link between project files (`../METHODS.md#dunning1993`) as a link between pages
    (`methods.html#dunning1993`); any other link as it is."""
    for pattern, page in PAGE_OF:
        if pattern.match(target):
            return pattern.sub(page, target, count=1)
    return target


def relink(markdown: str) -> str:
    """Every Markdown link of a text rewritten by `page_link`."""
    return LINK.sub(lambda m: f"]({page_link(m.group('target'))})", markdown)


def seeds_page() -> str:
    """The seeds' provenance, from the catalog: outlet, date (and how it is known), speakers, the
    source, and the checksum of the copy read. Every text is escaped: catalog and seed text are data."""
    rows = []
    for i in load_catalog():
        speakers = ", ".join(f"{p.name} ({p.role})" for p in i.people if p.role != "author")
        date = f"{i.date} (inferred: {i.date_evidence})" if i.date_inferred else i.date
        url = html.escape(i.source_url)
        source = f'<a href="{url}">{url}</a>' if i.source_url else "not given"
        cells = [i.id, i.title, i.outlet, date, speakers]
        rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + f"<td>{source}</td>"
                    f'<td><a href="files/{html.escape(i.file)}"><code>{html.escape(i.sha256)}</code></a></td></tr>')
    return ("# The seeds\n\nThe two interviews, byte for byte as received, and what the catalog "
            "(`seeds/catalog.toml`) knows of each. The checksum links to the file.\n\n"
            '<table class="study-seeds">\n<tr><th>id</th><th>title</th><th>outlet</th><th>date</th><th>speakers</th>'
            "<th>source</th>"
            "<th>sha256 of the copy read</th></tr>\n" + "\n".join(rows) + "\n</table>\n")


def downloads() -> list[Path]:
    """The files a reader can download: the seeds and their catalog, the annotation layers and the
    codebook, the second coder's files, the exports, and the bibliography."""
    return [*sorted(SEEDS_DIR.glob("*.*")), *sorted(ANNOTATIONS_DIR.glob("*.csv")),
            *sorted(ANNOTATIONS_DIR.glob("*.toml")), *sorted((ANNOTATIONS_DIR / "second-coder").glob("*.*")),
            *sorted(EXPORT_DIR.glob("*.*")), PROJECT_ROOT / "references.bib"]


def downloads_page(files: list[Path]) -> str:
    """The Markdown of the book's downloads page, one link per file with what it holds."""
    lines = ["# Downloads", "", "The seeds, the annotation layers (stand-off: they point into the seeds), the second "
             "coder's files, the exports and the bibliography. Each notebook can be downloaded from the button at "
             "the top of its page.", ""]
    lines += [f"- [{f.name}](files/{f.name}) ({shown(f)}){_opens_in(f)}" for f in files]
    return "\n".join(lines) + "\n"


def _opens_in(path: Path) -> str:
    """For the study's exports to other tools (`make exports`), what opens the file."""
    from .opens import opens_in

    return f": {opens_in(path)}" if path.parent == EXPORT_DIR and path.name.startswith("study") else ""


def stage(folder: Path = STAGE_DIR) -> Path:
    """Copy everything the book is built from into `folder` (emptied first), links rewritten."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(BOOK_DIR, folder)
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "markdown":
                cell.source = relink(cell.source)
        staging.stage_cells(notebook.cells)  # check cells collapsed, alt text, readable tables
        nbformat.write(notebook, folder / path.name)
    for source, page in DOCUMENTS.items():
        (folder / page).write_text(relink(source.read_text(encoding="utf-8")), encoding="utf-8")
    (folder / "seeds.md").write_text(seeds_page(), encoding="utf-8")
    files = downloads()
    (folder / "downloads.md").write_text(downloads_page(files), encoding="utf-8")
    shutil.copyfile(PROJECT_ROOT / "references.bib", folder / "references.bib")
    extra = folder / "_extra" / "files"
    extra.mkdir(parents=True)
    for path in files:
        shutil.copyfile(path, extra / path.name)
    return folder


def build(out: Path = SITE_DIR) -> Path:
    """Stage and build the book into `out` (emptied first); return its index page. A Sphinx
    warning is an error: a broken link or an unknown citation stops the build."""
    from sphinx.cmd.build import build_main

    staged = stage()
    # MyST-NB writes its notebooks beside the output folder, so Sphinx builds inside build/ (ignored
    # by git) and the finished book is moved to `out`.
    html = staged.parent / "html"
    for folder in (html, out):
        if folder.exists():
            shutil.rmtree(folder)
    status = build_main(["-b", "html", "-q", "-W", "--keep-going", "-D", "html_extra_path=_extra",
                         "-d", str(staged.parent / "doctrees"), str(staged), str(html)])
    if status:
        raise SystemExit(f"the book did not build (sphinx exit status {status})")
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(html), str(out))
    write_search_pages(out)
    return out / "index.html"


class _MainText(HTMLParser):
    """The text of a page's main content, with its sections' ids: what Sphinx's search quotes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []  # the tags open inside the main content, and whether skipped
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        """Open a tag inside the main content; a section keeps its id."""
        attrs = dict(attrs)
        if (not self.open and attrs.get("role") != "main") or tag in VOID:
            return
        classes = (attrs.get("class") or "").split()
        skipped = tag in ("script", "style") or bool(SKIPPED & set(classes))
        self.open.append((tag, skipped or any(s for _, s in self.open)))
        if tag == "section" and attrs.get("id"):
            self.parts.append(f'<section id="{html.escape(attrs["id"])}">')

    def handle_endtag(self, tag: str) -> None:
        """Close a tag inside the main content."""
        if self.open and tag not in VOID:
            closed, _ = self.open.pop()
            if closed == "section":
                self.parts.append("</section>")

    def handle_data(self, data: str) -> None:
        """Keep text that is not a script, a style or a heading's link mark."""
        if self.open and not self.open[-1][1]:
            self.parts.append(html.escape(data))


SKIPPED = {"headerlink", "bd-header-article", "bd-sidebar-secondary", "prev-next-area"}
"""Parts of a page's main content that are the theme's, not the page's: left out of snippets."""
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def search_page_text(page: str) -> str:
    """A built page reduced to what Sphinx's search reads for a snippet: `<div role="main">`
    with the text of its main content and the ids of its sections."""
    parser = _MainText()
    parser.feed(page)
    return '<div role="main">' + re.sub(r"\s+", " ", "".join(parser.parts)) + "</div>"


def write_search_pages(out: Path) -> Path:
    """Write `_static/search-pages.js`, the text of every page for the search's snippets from
    `file://` (see `book/_static/file-search.js`)."""
    import json

    pages = {p.name: search_page_text(p.read_text(encoding="utf-8")) for p in sorted(out.glob("*.html"))
             if p.name not in ("search.html", "genindex.html")}
    target = out / "_static" / "search-pages.js"
    target.write_text("window.STUDY_SEARCH_PAGES = " + json.dumps(pages, ensure_ascii=False) + ";\n",
                      encoding="utf-8")
    return target


def main(argv: list[str]) -> None:
    """Build the book into the folder given (default `site/`) and print where it is and how long it took."""
    out = Path(argv[1]) if len(argv) > 1 else SITE_DIR
    began = time.perf_counter()
    index = build(out)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"wrote {shown(index)} ({size / 1e6:.1f} MB) in {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main(sys.argv)
