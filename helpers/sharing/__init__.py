"""Sharing the study: the house style of figures, the bibliography and the reference list of
METHODS.md, the book (`python -m helpers.sharing.book`), a one-page export, the workbench
(`python -m helpers.sharing.workbench`), and the exports for other tools: REFI-QDA, ConvoKit and
spreadsheets (`python -m helpers.sharing.exports`). It may import every layer below; nothing imports it but
the notebooks.

A contributor may change how the study is presented here without touching what it computes.
"""
