"""Helpers for the study: load the seed interviews, split them into passages and turns,
and the few functions the notebooks share. Importing this package has no side effects."""

from .catalog import Interview, Person, catalog_table, load_catalog, people_table
from .errors import SeedError
from .passages import KINDS, SPEECH_KINDS, count_words, load_passages, load_turns

__all__ = [
    "KINDS", "SPEECH_KINDS", "Interview", "Person", "SeedError", "catalog_table", "count_words",
    "load_catalog", "load_passages", "load_turns", "people_table",
]
