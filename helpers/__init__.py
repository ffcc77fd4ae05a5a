"""Helpers for the study, in layers that follow its arc: `plumbing` (paths, errors, checked data
files), `reading` (the catalog and the splitter), `annotating` (tokens, codings and their export),
`comparing` (statistics, word lists, key words, conversation) and `sharing` (style, bibliography,
book, workbench, the try-it controls). Each layer imports only the layers before it
(`tests/test_layers.py`).

Notebooks import the short names here: `import helpers`, then `helpers.load_tokens()`, or a
module by name, `from helpers import keyness`. The command-line modules (the book, the
reference list, the workbench, the lab) are imported from `helpers.sharing`, so that `python -m`
does not find them already loaded. Importing this package has no side effects.

Why the names are looked up lazily: `import helpers` runs in every notebook kernel. Importing
every module at once cost 2.4 s of a kernel's 5.3 s start, nearly all of it `helpers.sharing.page`
loading nbformat, which no study notebook uses (`python -X importtime`, issue 23). So this file
imports nothing: each short name below says which module holds it, and the module is imported
the first time a notebook reads the name (PEP 562's module `__getattr__`); a notebook pays only
for what it uses. `bench/run.py` measures the import against pandas, seaborn, nltk and matplotlib.
"""

from __future__ import annotations

import importlib
from typing import Any

MODULES = {
    "plumbing": ("datafiles", "errors", "nltk_data", "paths"),
    "reading": ("blocks", "catalog", "exchange", "markup", "passages", "repeats", "seedtext", "segment",
                "standoff"),
    "annotating": ("coding", "entities", "secondcoder", "sentences", "speech", "tagcheck", "tokencache",
                   "tokens", "viewer", "webanno"),
    "comparing": ("concordance", "conversation", "counts", "framing", "keyness", "sentiment", "stats",
                  "vocabulary"),
    "sharing": ("page", "style"),
}
"""The modules `helpers.NAME` (and `from helpers import NAME`) gives, by layer; `helpers.LAYER` gives
the layer's package."""

NAMES = {
    "annotating.coding": ("agreement", "code_matrix", "coding_units", "cohen_kappa", "disagreements",
                          "landis_koch", "load_codebook", "load_hand_coding", "load_rules", "rule_coding"),
    "annotating.entities": ("entity_pairs", "find_mentions", "in_mentions", "load_gazetteer", "load_ignored",
                            "proper_noun_runs", "uncovered_runs"),
    "annotating.speech": ("SPEECH", "counted", "select_speech", "speech_of"),
    "annotating.tagcheck": ("confusions", "draw_pos_sample", "load_pos_sample", "tagger_against_gold",
                            "wilson_interval"),
    "annotating.tokens": ("load_tokens", "normalise"),
    "annotating.viewer": ("code_colors", "show_passage"),
    "annotating.webanno": ("export_study",),
    "comparing.counts": ("MODALS", "PRONOUNS", "per_thousand"),
    "plumbing.errors": ("SeedError",),
    "plumbing.nltk_data": ("use_nltk_data",),
    "reading.catalog": ("Interview", "Person", "catalog_table", "load_catalog", "people_table"),
    "reading.exchange": ("quote", "read_exchange"),
    "reading.passages": ("KINDS", "PART_OF_KIND", "SPEECH_KINDS", "count_words", "load_passages", "load_turns",
                         "split_report"),
    "sharing.style": ("interview_palette", "speaker_palette", "use_house_style"),
}
"""The functions and constants `helpers.NAME` gives, by the module that holds them."""

_WHERE = {module: (f"{__name__}.{layer}.{module}", None) for layer, modules in MODULES.items() for module in modules}
_WHERE |= {layer: (f"{__name__}.{layer}", None) for layer in MODULES}
_WHERE |= {name: (f"{__name__}.{module}", name) for module, names in NAMES.items() for name in names}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    """Import the module that holds `name` on first use, and keep the name here for next time."""
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module_name, attribute = _WHERE[name]
    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The short names, with the package's own attributes."""
    return sorted({*globals(), *__all__})
