"""The spreadsheet export: one `.xlsx` workbook (a README sheet, then a sheet per table) and a CSV
file per table, with plain column names and rounded numbers, each table counted from the loaders;
and the study's committed exports, which must be what its annotations build."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

import helpers
from helpers.plumbing.paths import EXPORT_DIR
from helpers.sharing import exports, spreadsheets


@pytest.fixture(scope="module")
def written(study_layers, tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    return folder, exports.write_all(study_layers, folder, "study")


@pytest.fixture(scope="module")
def workbook(written):
    folder, _ = written
    return load_workbook(io.BytesIO((folder / "study-tables.xlsx").read_bytes()), read_only=True)


def sheet_frame(workbook, name: str) -> pd.DataFrame:
    rows = list(workbook[name].iter_rows(values_only=True))
    return pd.DataFrame(rows[1:], columns=rows[0])


def test_the_workbook_has_a_readme_sheet_then_one_sheet_per_table(workbook):
    assert workbook.sheetnames == ["README", *spreadsheets.SHEETS]
    readme = [row for row in workbook["README"].iter_rows(values_only=True)]
    listed = {row[0]: row[1] for row in readme if row and row[0] in spreadsheets.SHEETS}
    assert listed == {name: workbook[name].max_row - 1 for name in spreadsheets.SHEETS}


def test_each_sheet_is_its_csv_file(written, workbook):
    folder, _ = written
    for name in spreadsheets.SHEETS:
        csv = pd.read_csv(folder / f"study-{name}.csv", dtype=str, keep_default_na=False)
        sheet = sheet_frame(workbook, name).astype(str).replace({"None": "", "nan": ""})
        assert list(csv.columns) == list(sheet.columns), name
        assert len(csv) == len(sheet), name
        numeric = [c for c in csv.columns if pd.to_numeric(csv[c], errors="coerce").notna().all() and len(csv)]
        for column in numeric:
            assert pd.to_numeric(csv[column]).tolist() == pytest.approx(pd.to_numeric(sheet[column]).tolist())


def test_column_names_are_plain_words_and_numbers_are_rounded(written):
    folder, _ = written
    for name in spreadsheets.SHEETS:
        table = pd.read_csv(folder / f"study-{name}.csv", keep_default_na=False)
        assert not [c for c in table.columns if "_" in c or c != c.strip()], name
        for column in table.select_dtypes("float").columns:
            decimals = table[column].map(lambda v: len(repr(v).split(".")[1]) if "." in repr(v) else 0)
            assert decimals.max() <= 2, f"{name}.{column}"


def test_the_tables_count_what_the_loaders_read(written, passages, study_layers):
    folder, _ = written
    table = {name: pd.read_csv(folder / f"study-{name}.csv", keep_default_na=False, dtype={"interview": str})
             for name in spreadsheets.SHEETS}
    turns = helpers.load_turns()
    assert table["turns"]["turn"].tolist() == turns["passage_id"].tolist()
    assert table["codebook"]["code"].tolist() == helpers.load_codebook()["code"].tolist()
    first = helpers.load_hand_coding(passages)
    second = helpers.secondcoder.load_second_coding(passages)
    codings = table["codings"]
    assert (codings["coder"] == "first coder").sum() == len(first)
    assert (codings["coder"] == "second coder").sum() == (0 if second is None else len(second))
    counts = table["code-counts"]
    mine = counts[counts["coder"] == "first coder"].groupby("code")["paragraphs"].sum()
    assert mine.to_dict() == first.drop_duplicates(["passage_id", "code"]).groupby("code").size().to_dict()
    assert len(table["readings"]) == len(study_layers.readings)
    key = table["key-words"]
    assert set(key["interview"]) == set(turns["interview"]) and key["key"].dtype == bool
    assert (key.groupby("interview").size() <= spreadsheets.KEY_WORDS).all()
    assert table["speakers"]["words"].sum() == helpers.load_tokens(speech="speech")["is_word"].sum()


def test_the_committed_exports_are_what_the_annotations_build(written):
    folder, files = written
    committed = sorted(p.name for p in EXPORT_DIR.glob("study*"))
    assert committed == sorted(files["file"]), "run `make exports` to refresh annotations/export/"
    stale = [name for name in committed if (folder / name).read_bytes() != (EXPORT_DIR / name).read_bytes()]
    assert stale == [], f"run `make exports` to refresh {', '.join(stale)}"

