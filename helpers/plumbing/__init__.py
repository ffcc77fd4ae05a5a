"""Plumbing every layer may use: the project's paths, the one error type (`SeedError`, which names
file, line and problem) and the catalog lines that fix an error (`fixes`), reading the hand-made CSV
and TOML files with checks, users' regular expressions compiled only when bounded (`patterns`),
files written inside a folder and never through a link (`safefiles`), and the checked NLTK data. It
knows nothing of interviews.

Returns to the layers above: paths, `SeedError`, `Fix`, checked rows, bounded patterns. A contributor may change it only
with care: every layer stands on it, and its messages are what users read when input is wrong.
"""
