"""Annotating the seeds: whose speech a table holds, the token table (cached) and its sentences,
the tagger check, the gazetteer, the codebook and codings with agreement between coders, the
second coder's files, the passage viewer and the W3C Web Annotation export. It imports reading and
the plumbing.

Returns to comparing: token tables that say whose speech they hold, sentences, codings and their
matrices. A contributor may add an annotation layer here (a loader that checks every row and names
file and line, and its export), without touching the comparisons.
"""
