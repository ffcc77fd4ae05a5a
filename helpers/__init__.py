"""Helpers for the study, in layers that follow its arc: `plumbing` (paths, errors, checked data
files), `reading` (the catalog and the splitter), `annotating` (tokens, codings and their export),
`comparing` (statistics, word lists, key words, conversation) and `sharing` (style, bibliography,
book, workbench). Each layer imports only the layers before it (`tests/test_layers.py`).

Notebooks import the short names here: `import helpers`, then `helpers.load_tokens()`, or a
module by name, `from helpers import keyness`. The command-line modules (the book, the
reference list, the workbench) are imported from `helpers.sharing`, so that `python -m` does not
find them already loaded. Importing this package has no side effects."""

from .annotating import coding, entities, secondcoder, sentences, speech, tagcheck, tokencache, tokens, viewer, webanno
from .annotating.coding import (
    agreement,
    code_matrix,
    coding_units,
    cohen_kappa,
    disagreements,
    landis_koch,
    load_codebook,
    load_hand_coding,
    load_rules,
    rule_coding,
)
from .annotating.entities import (
    entity_pairs,
    find_mentions,
    in_mentions,
    load_gazetteer,
    load_ignored,
    proper_noun_runs,
    uncovered_runs,
)
from .annotating.speech import SPEECH, counted, select_speech, speech_of
from .annotating.tagcheck import confusions, draw_pos_sample, load_pos_sample, tagger_against_gold, wilson_interval
from .annotating.tokens import load_tokens, normalise
from .annotating.viewer import code_colors, show_passage
from .annotating.webanno import export_study
from .comparing import concordance, conversation, counts, framing, keyness, sentiment, stats, vocabulary
from .comparing.counts import MODALS, PRONOUNS, per_thousand
from .plumbing import datafiles, errors, nltk_data, paths
from .plumbing.errors import SeedError
from .plumbing.nltk_data import use_nltk_data
from .reading import blocks, catalog, exchange, markup, passages, repeats, seedtext, segment, standoff
from .reading.catalog import Interview, Person, catalog_table, load_catalog, people_table
from .reading.exchange import quote, read_exchange
from .reading.passages import KINDS, PART_OF_KIND, SPEECH_KINDS, count_words, load_passages, load_turns, split_report
from .sharing import page, style
from .sharing.style import interview_palette, speaker_palette, use_house_style

__all__ = [
    "KINDS",
    "MODALS",
    "PART_OF_KIND",
    "PRONOUNS",
    "SPEECH",
    "SPEECH_KINDS",
    "Interview",
    "Person",
    "SeedError",
    "agreement",
    "blocks",
    "catalog",
    "catalog_table",
    "code_colors",
    "code_matrix",
    "coding",
    "coding_units",
    "cohen_kappa",
    "concordance",
    "confusions",
    "conversation",
    "count_words",
    "counted",
    "counts",
    "datafiles",
    "disagreements",
    "draw_pos_sample",
    "entities",
    "entity_pairs",
    "errors",
    "exchange",
    "export_study",
    "find_mentions",
    "framing",
    "in_mentions",
    "interview_palette",
    "keyness",
    "landis_koch",
    "load_catalog",
    "load_codebook",
    "load_gazetteer",
    "load_hand_coding",
    "load_ignored",
    "load_passages",
    "load_pos_sample",
    "load_rules",
    "load_tokens",
    "load_turns",
    "markup",
    "nltk_data",
    "normalise",
    "page",
    "passages",
    "paths",
    "people_table",
    "per_thousand",
    "proper_noun_runs",
    "quote",
    "read_exchange",
    "repeats",
    "rule_coding",
    "secondcoder",
    "seedtext",
    "segment",
    "select_speech",
    "sentences",
    "sentiment",
    "show_passage",
    "speaker_palette",
    "speech",
    "speech_of",
    "split_report",
    "standoff",
    "stats",
    "style",
    "tagcheck",
    "tagger_against_gold",
    "tokencache",
    "tokens",
    "uncovered_runs",
    "use_house_style",
    "use_nltk_data",
    "viewer",
    "vocabulary",
    "webanno",
    "wilson_interval",
]
