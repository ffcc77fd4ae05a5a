"""Helpers for the study: load the seed interviews, split them into passages and turns,
and the few functions the notebooks share. Importing this package has no side effects."""

from .catalog import Interview, Person, catalog_table, load_catalog, people_table
from .errors import SeedError
from .nltk_data import use_nltk_data
from .passages import KINDS, PART_OF_KIND, SPEECH_KINDS, count_words, load_passages, load_turns
from .reading import quote, read_exchange
from .style import interview_palette, speaker_palette, use_house_style

__all__ = [
    "KINDS", "PART_OF_KIND", "SPEECH_KINDS", "Interview", "Person", "SeedError", "catalog_table", "count_words",
    "interview_palette", "load_catalog", "load_passages", "load_turns", "people_table", "quote",
    "read_exchange", "speaker_palette", "use_house_style", "use_nltk_data",
]
