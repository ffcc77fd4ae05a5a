"""Sphinx configuration of the shared book: MyST-NB renders the committed notebooks (never executes
them), the book theme gives the sidebar, search, in-page contents, download buttons and the light
and dark themes, and sphinxcontrib-bibtex builds the bibliography from `references.bib`.

`python -m helpers.sharing.book` stages the project's files beside this one and builds; see README,
"Sharing the study"."""

project = "Two interviews about the war in and around Ukraine: a computational close reading"
author = "the study's authors"
copyright = "the study's authors"
extensions = ["myst_nb", "sphinxcontrib.bibtex"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]

# Pages show the outputs nbval checks; a build never runs a kernel.
nb_execution_mode = "off"
nb_ipywidgets_js = {}  # no notebook holds a widget, and the loader would come from a CDN
myst_all_links_external = True  # staging rewrites the notebooks' links to the pages they name
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
suppress_warnings = ["mystnb.unknown_mime_type"]

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "unsrt"
bibtex_reference_style = "author_year"

html_theme = "sphinx_book_theme"
html_title = "Two interviews: a close reading"
html_theme_options = {
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "show_toc_level": 2,
    "navigation_with_keys": False,
}
html_context = {"default_mode": "auto"}  # light or dark as the reader's system prefers
html_copy_source = True
html_show_sourcelink = False
html_last_updated_fmt = None
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"  # two speech boxes; without one a served book logs a 404 for /favicon.ico
html_css_files = ["study-book.css"]  # tables and figures at phone width, the seeds table
html_js_files = ["study-book.js"]  # the menu buttons the theme's scripts leave unhooked
mathjax_path = "no-mathjax.js"  # no page has mathematics, and MathJax would come from a CDN


def _search_snippets_from_files(app, pagename, templatename, context, doctree):
    """The search page only: the page texts and the script that answers its fetches from them,
    so that results show snippets from file:// too (book/_static/file-search.js)."""
    if pagename == "search":
        app.add_js_file("search-pages.js")
        app.add_js_file("file-search.js")


def setup(app):
    app.connect("html-page-context", _search_snippets_from_files)
