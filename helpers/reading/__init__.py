"""Reading the seeds: the catalog, each seed's text checked against it, the splitter (blocks,
structure from a Markdown parser, markup, labels, pull quotes), the passage and turn tables with
their split report, stand-off offsets into the seeds, quoting an exchange, checking a whole folder
(`check`) and drafting catalog entries from raw texts (`draft`). It imports only the plumbing.

Returns to annotating: `load_passages`, `load_turns`, `split_report`, the seed texts and offsets;
to the workbench, `check.check_folder`.
A contributor may change the splitter's rules here (with a test text and its exact split in
`tests/test_markup_kinds.py`); passage ids and offsets are a contract, held by
`tests/data/passage_ids.csv`.
"""
