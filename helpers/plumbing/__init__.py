"""Plumbing every layer may use: the project's paths, the one error type (`SeedError`, which names
file, line and problem), reading the hand-made CSV and TOML files with checks, and the checked NLTK
data. It knows nothing of interviews.

Returns to the layers above: paths, `SeedError`, checked rows. A contributor may change it only
with care: every layer stands on it, and its messages are what users read when input is wrong.
"""
