"""Helpers for the study: load the seed interviews, split them into passages and turns,
and the few functions the notebooks share. Importing this package has no side effects."""

from .catalog import Interview, Person, catalog_table, load_catalog, people_table
from .coding import (
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
from .counts import MODALS, PRONOUNS, per_thousand
from .entities import (
    entity_pairs,
    find_mentions,
    in_mentions,
    load_gazetteer,
    load_ignored,
    proper_noun_runs,
    uncovered_runs,
)
from .errors import SeedError
from .nltk_data import use_nltk_data
from .passages import KINDS, PART_OF_KIND, SPEECH_KINDS, count_words, load_passages, load_turns, split_report
from .reading import quote, read_exchange
from .speech import SPEECH, counted, select_speech, speech_of
from .style import interview_palette, speaker_palette, use_house_style
from .tagcheck import confusions, draw_pos_sample, load_pos_sample, tagger_against_gold, wilson_interval
from .tokens import load_tokens, normalise
from .viewer import code_colors, show_passage
from .webanno import export_study

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
    "catalog_table",
    "code_colors",
    "code_matrix",
    "coding_units",
    "cohen_kappa",
    "confusions",
    "count_words",
    "counted",
    "disagreements",
    "draw_pos_sample",
    "entity_pairs",
    "export_study",
    "find_mentions",
    "in_mentions",
    "interview_palette",
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
    "normalise",
    "people_table",
    "per_thousand",
    "proper_noun_runs",
    "quote",
    "read_exchange",
    "rule_coding",
    "select_speech",
    "show_passage",
    "speaker_palette",
    "speech_of",
    "split_report",
    "tagger_against_gold",
    "uncovered_runs",
    "use_house_style",
    "use_nltk_data",
    "wilson_interval",
]
