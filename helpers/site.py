"""The shared site: `make html` writes `site/`, one self-contained HTML page per notebook from its
committed outputs (the ones nbval checks), a page for the methods (with the bibliography) and for
the question-reading manual, and an index, with nothing loaded from another host.

Run it as `python -m helpers.site [folder]`.
"""

from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

import nbformat

from .catalog import load_catalog
from .paths import ANNOTATIONS_DIR, EXPORT_DIR, NOTEBOOKS_DIR, PROJECT_ROOT, shown

SITE_DIR = PROJECT_ROOT / "site"
TEMPLATES = Path(__file__).resolve().parent / "site_template"
NOTEBOOK_LINK = re.compile(r'href="(?:notebooks/)?(\d\d-[\w-]+)\.ipynb(#[^"]*)?"')
DOWNLOADS = "downloads"
DOCUMENTS = {"METHODS.md": "methods.html", "annotations/question-readings.md": "question-readings.html"}
"""The project's Markdown documents that the site renders as pages, by path."""
DOCUMENT_LINK = re.compile(r'href="(?:\.\./)*(METHODS\.md|(?:annotations/)?question-readings\.md)(#[^"]*)?"')
FILE_LINK = re.compile(r'href="(?:\.\./)*(?:annotations/)?(references\.bib|codebook\.toml|[\w-]+\.csv)"')


def notebook_paths(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The study's notebooks, in reading order."""
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def title_and_summary(notebook: nbformat.NotebookNode) -> tuple[str, str]:
    """The notebook's title (its first heading, without "# ") and summary (the first sentence of
    the paragraph that follows it), both taken from its first cell."""
    lines = notebook.cells[0].source.splitlines()
    if not lines or not lines[0].startswith("# "):
        raise ValueError("the first cell of a notebook must open with its '# ' title")
    paragraph = " ".join(line.strip() for line in lines[2:] if line.strip()).split("**Sections**")[0]
    first = re.match(r"(.+?[.!?])(?:\s|$)", paragraph)
    return lines[0][2:].strip(), (first.group(1) if first else paragraph).strip()


def local_links(page: str) -> str:
    """Links to notebooks (`03-coding.ipynb`, `notebooks/03-coding.ipynb`), to the methods and the
    manual (`../METHODS.md#dunning1993`) and to annotation files made into links within the site."""
    page = NOTEBOOK_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', page)
    page = DOCUMENT_LINK.sub(lambda m: f'href="{_document_page(m.group(1))}{m.group(2) or ""}"', page)
    return FILE_LINK.sub(lambda m: f'href="{DOWNLOADS}/{m.group(1)}"', page)


def _document_page(path: str) -> str:
    return DOCUMENTS["METHODS.md" if path == "METHODS.md" else "annotations/question-readings.md"]


def document_page(path: Path, nav: str) -> str:
    """One of the project's own Markdown documents as a page (rendered with mistune, which
    nbconvert uses; the documents are the project's text, not seed text)."""
    import mistune

    body = local_links(mistune.html(path.read_text(encoding="utf-8")))
    title = html.escape(path.read_text(encoding="utf-8").splitlines()[0].lstrip("# "))
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}</title>
<style>body {{ font-family: sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.5; }}
table {{ border-collapse: collapse; font-size: 0.9em; }} td, th {{ border: 1px solid #ccc; padding: 0.3em; }}
code {{ font-size: 0.9em; }} nav {{ margin-bottom: 1em; }}</style>
</head>
<body>
<nav>{nav}</nav>
{body}
</body>
</html>
"""


def _nav(names: list[str], k: int) -> str:
    links = ['<a href="index.html">Index</a>']
    if k > 0:
        links.append(f'<a href="{names[k - 1]}.html">← {html.escape(names[k - 1])}</a>')
    if k + 1 < len(names):
        links.append(f'<a href="{names[k + 1]}.html">{html.escape(names[k + 1])} →</a>')
    return " · ".join(links)


def export_page(notebook: nbformat.NotebookNode, nav: str = "") -> str:
    """One notebook as a self-contained HTML page (figures are embedded in the outputs)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="study", extra_template_basedirs=[str(TEMPLATES)])
    page, _ = exporter.from_notebook_node(notebook, resources={"study_nav": nav})
    return local_links(page)


def _downloads(out: Path) -> list[Path]:
    folder = out / DOWNLOADS
    folder.mkdir()
    files = [*sorted(EXPORT_DIR.glob("*.*")), *sorted(ANNOTATIONS_DIR.glob("*.csv")),
             *sorted(ANNOTATIONS_DIR.glob("*.toml")), PROJECT_ROOT / "references.bib"]
    for path in files:
        shutil.copyfile(path, folder / path.name)
    return [folder / path.name for path in files]


def _seed_rows() -> str:
    rows = []
    for i in load_catalog():
        speakers = ", ".join(f"{p.name} ({p.role})" for p in i.people if p.role != "author")
        url = html.escape(i.source_url)
        source = f'<a href="{url}">{url}</a>' if i.source_url else "not given"
        date = f"{i.date} (inferred: {i.date_evidence})" if i.date_inferred else i.date
        cells = [i.id, i.title, i.outlet, date, speakers]
        rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells)
                    + f"<td>{source}</td><td><code>{html.escape(i.sha256)}</code></td></tr>")
    return "\n".join(rows)


def index_page(entries: list[tuple[str, str, str]], downloads: list[Path]) -> str:
    """The index: what the study is, its notebooks (page name, title, summary), the provenance of
    its seeds, and the files to download. Every text is escaped."""
    notebooks = "\n".join(f'<li><a href="{name}.html">{html.escape(title)}</a>: {html.escape(summary)}</li>'
                          for name, title, summary in entries)
    files = "\n".join(f'<li><a href="{DOWNLOADS}/{p.name}">{html.escape(p.name)}</a></li>' for p in downloads)
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Two interviews about the war in and around Ukraine: a close reading</title>
<style>body {{ font-family: sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.5; }}
table {{ border-collapse: collapse; font-size: 0.9em; }}
td, th {{ border: 1px solid #ccc; padding: 0.3em; vertical-align: top; }}
code {{ font-size: 0.8em; word-break: break-all; }}</style>
</head>
<body>
<h1>Two interviews about the war in and around Ukraine: a close reading</h1>
<p>A reproducible, computational close reading of two published interviews given by left-wing activists
on opposite sides of the war: Workers World's interview with Maxim Chalenko, a communist in Lugansk
(about 2015), and an interview with Vasylyna (Sotsialnyi Rukh, Ukraine) and Mia (Russian Socialist
Movement), 2023. The notebooks read, annotate and compare the two texts; every figure is computed from
the texts and every quote carries its passage id. The study describes both texts in their speakers' own
words and takes no side.</p>
<h2>The notebooks</h2>
<ol>
{notebooks}
</ol>
<p>How every measure is computed, with its source and caveats, what is counted, the naming
convention of the study's own voice, and the bibliography: <a href="methods.html">Methods</a>. The
coding manual for the question and answer readings: <a href="question-readings.html">Question
readings</a>.</p>
<h2>The seeds</h2>
<table>
<tr><th>id</th><th>title</th><th>outlet</th><th>date</th><th>speakers</th><th>source</th>
<th>sha256 of the copy read</th></tr>
{_seed_rows()}
</table>
<h2>Downloads</h2>
<p>The annotation layers (stand-off, pointing into the seeds) and the study's exports:</p>
<ul>
{files}
</ul>
</body>
</html>
"""


def build_site(out: Path = SITE_DIR, notebooks: list[Path] | None = None) -> list[Path]:
    """Write the site into `out` (emptied first): index.html, one page per notebook, and the
    downloads. Returns the pages written, index first."""
    paths = notebook_paths() if notebooks is None else notebooks
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    names = [p.stem for p in paths]
    entries, pages = [], []
    for k, path in enumerate(paths):
        notebook = nbformat.read(path, as_version=4)
        title, summary = title_and_summary(notebook)
        entries.append((path.stem, title, summary))
        page = out / f"{path.stem}.html"
        page.write_text(export_page(notebook, _nav(names, k)), encoding="utf-8")
        pages.append(page)
    for source, name in DOCUMENTS.items():
        page = out / name
        page.write_text(document_page(PROJECT_ROOT / source, '<a href="index.html">Index</a>'), encoding="utf-8")
        pages.append(page)
    index = out / "index.html"
    index.write_text(index_page(entries, _downloads(out)), encoding="utf-8")
    return [index, *pages]


def main(argv: list[str]) -> None:
    out = Path(argv[1]) if len(argv) > 1 else SITE_DIR
    pages = build_site(out)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"wrote {len(pages)} pages to {shown(out)}/ ({size / 1e6:.1f} MB with downloads)")


if __name__ == "__main__":
    main(sys.argv)
