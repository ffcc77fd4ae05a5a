"""The tables a reader wants in a spreadsheet: turns, speakers' talk share, the codebook, every coded
span and how many paragraphs each code has, key words, and every reading; as CSV files with plain
column names and rounded numbers, and as one `.xlsx` workbook with a sheet each and a README sheet
(openpyxl) that says what each sheet holds.

Numbers are rounded for reading (two decimals, shares one): the notebooks hold the full precision.
The workbook is the same byte for byte when its tables are: its dates are fixed, not the time it
was written.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pandas as pd

from .archive import repacked
from .layers import KEY_WORDS, Layers

FIXED_DATE = dt.datetime(2019, 3, 18)
"""The date the workbook says it was made and changed (fixed, so it changes only with its tables)."""
SHEETS = {
    "turns": "one row per speaker turn (a question or an answer): its id, who speaks, the question an answer "
             "replies to, paragraphs, words and the text as read",
    "speakers": "per interview and speaker: turns, words (word tokens of questions and answers, editor's "
                "insertions left out) and share of the interview's words (%)",
    "codebook": "the themes: code, label, definition, what to include and exclude, an example passage",
    "codings": "every coded span of every coding: coder, passage, code, the words as read, and the seed offsets",
    "code-counts": "per coder, code, interview and speaker: the number of paragraphs given the code",
    "key-words": f"the {KEY_WORDS} strongest words each interview's answers use more than the other interviews': "
                 "counts, rates per 1,000 words, G2 (log-likelihood) and Log Ratio; 'key' when G2 passes the "
                 "Bonferroni threshold over every word tested",
    "readings": "every label a reader gave: the reading, the reader, the question, answer, stance marker or "
                "'we' read, the label and the reader's note",
}
"""Each table's name (the sheet, and the CSV file's ending) and what it holds."""


def turns_table(layers: Layers) -> pd.DataFrame:
    """One row per turn, in source order."""
    t = layers.turns
    return pd.DataFrame({"interview": t["interview"], "turn": t["passage_id"], "kind": t["kind"],
                         "speaker": t["speaker"], "role": t["role"], "replies to": t["reply_to"],
                         "paragraphs": t["paragraphs"], "words": t["words"], "text": t["clean"]})


def speakers_table(layers: Layers) -> pd.DataFrame:
    """Talk share per interview and speaker."""
    share = layers.talk_share.reset_index()
    return share.rename(columns={"share": "share of words (%)"})


def codebook_table(layers: Layers) -> pd.DataFrame:
    """The codebook as it is (empty without one)."""
    columns = ["code", "label", "definition", "include", "exclude", "example"]
    return pd.DataFrame(columns=columns) if layers.codebook is None else layers.codebook[columns].copy()


def codings_table(layers: Layers) -> pd.DataFrame:
    """Every coded span of every coding, in each coder's order."""
    c = layers.codings
    return pd.DataFrame({"coder": c["coder"], "interview": c["interview"], "speaker": c["speaker"],
                         "passage": c["passage_id"], "code": c["code"], "words": c["quote"],
                         "seed start": c["start"], "seed end": c["end"]})


def code_counts_table(layers: Layers) -> pd.DataFrame:
    """Per coder, code, interview and speaker: the paragraphs given the code (once each)."""
    pairs = layers.codings.drop_duplicates(["coder", "passage_id", "code"])
    counts = pairs.groupby(["coder", "code", "interview", "speaker"], sort=False).size()
    return counts.rename("paragraphs").reset_index()


def key_words_table(layers: Layers) -> pd.DataFrame:
    """Key words of each interview's answers against the others' (none with one interview)."""
    columns = ["interview", "word", "count", "count in the rest", "per 1,000 words", "per 1,000 words in the rest",
               "G2", "log ratio", "key"]
    table = layers.key_words.rename(columns={"a": "count", "b": "count in the rest", "per_1000": "per 1,000 words",
                                  "per_1000_rest": "per 1,000 words in the rest", "g2": "G2", "log_ratio": "log ratio"})
    return table[columns]


def readings_table(layers: Layers) -> pd.DataFrame:
    """Every reading, first reader's and second reader's, as the loaders read them."""
    r = layers.readings
    return pd.DataFrame({"reading": r["reading"], "reader": r["reader"], "interview": r["interview"],
                         "speaker": r["speaker"], "turn": r["turn_id"], "item": r["item"], "words": r["words"],
                         "label": r["label"], "note": r["note"]})


def tables(layers: Layers) -> dict[str, pd.DataFrame]:
    """Every table of `SHEETS`, rounded for reading."""
    built = {"turns": turns_table(layers), "speakers": speakers_table(layers), "codebook": codebook_table(layers),
             "codings": codings_table(layers), "code-counts": code_counts_table(layers),
             "key-words": key_words_table(layers), "readings": readings_table(layers)}
    return {name: table.round(2).reset_index(drop=True) for name, table in built.items()}


def readme(layers: Layers, built: dict[str, pd.DataFrame]) -> list[list[str | int]]:
    """The README sheet's rows: what the workbook is, and each sheet with its rows and what it holds."""
    coders = ", ".join(layers.coders()) or "none"
    readers = ", ".join(layers.readers()) or "none"
    return [[layers.title], [],
            ["Each sheet is one table of these interviews; the same tables are CSV files beside this workbook."],
            ["Numbers are rounded for reading (two decimals); the notebooks hold the full precision."],
            [f"Coders of the themes: {coders}. Readers of the conversation layers: {readers}."],
            ["Passage ids name a place in the conversation: 004:q3.a1.p2 is interview 004, the first answer to "
             "question 3, its second paragraph. Seed offsets count characters of the seed file from 0."],
            [], ["sheet", "rows", "what it holds"],
            *[[name, len(built[name]), SHEETS[name]] for name in SHEETS]]


def workbook_bytes(layers: Layers, built: dict[str, pd.DataFrame]) -> bytes:
    """The `.xlsx` workbook: the README sheet first, then a sheet per table, each with a bold,
    frozen header row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    book.properties.creator = "helpers.sharing.spreadsheets"
    book.properties.created = book.properties.modified = FIXED_DATE
    sheet = book.active
    sheet.title = "README"
    for row in readme(layers, built):
        sheet.append(row)
    sheet["A1"].font = Font(bold=True, size=13)
    for cell in sheet[8]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width, sheet.column_dimensions["C"].width = 14, 100
    for name, table in built.items():
        sheet = book.create_sheet(name)
        sheet.append(list(table.columns))
        for row in table.itertuples(index=False):
            sheet.append([None if pd.isna(v) else v.item() if hasattr(v, "item") else v for v in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()  # save_workbook would stamp the time
    return repacked(buffer.getvalue())


def write_tables(layers: Layers, folder: Path, stem: str) -> list[Path]:
    """Write every table as `<stem>-<table>.csv` and the workbook as `<stem>-tables.xlsx` in
    `folder`; return the paths, the workbook first."""
    folder.mkdir(parents=True, exist_ok=True)
    built = tables(layers)
    workbook = folder / f"{stem}-tables.xlsx"
    workbook.write_bytes(workbook_bytes(layers, built))
    written = [workbook]
    for name, table in built.items():
        path = folder / f"{stem}-{name}.csv"
        table.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    return written
