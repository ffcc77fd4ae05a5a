"""Comparing the texts: corpus statistics (G², Log Ratio, DP, Fightin' Words, bootstrap
intervals; `chance`: what chance gives a discrete test on many words, and Tarone's correction;
`diversity`: MATTR and MTLD; `checks`: the arguments they refuse), counts and rates, word lists
and clusters, the concordance, key words, the naming table, sentiment and the conversation
readings. It imports annotating, reading and the plumbing.

Returns to the notebooks and to sharing: plain pandas tables, each saying in `attrs` what it
counts. A contributor may add a measure here, with a test whose expected value is worked by hand.
"""
