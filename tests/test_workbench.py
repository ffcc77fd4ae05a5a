"""The workbench: the generic analyses on any catalog folder, run as a new user runs them; its
exports come from the archive, the same as from the token table, and it never loads the token table."""

from __future__ import annotations

import dataclasses
import json
import shutil
import sys

import nbformat
import pandas as pd
import pytest
from conftest import CATALOGS, FIXTURE_CORPUS

import helpers
from helpers import keyness
from helpers.annotating import tokens as tokens_module
from helpers.plumbing.paths import PROJECT_ROOT
from helpers.sharing import exports, layers, spreadsheets, workbench


def test_key_words_of_every_interview_at_once_match_one_comparison_at_a_time():
    tokens = helpers.load_tokens(FIXTURE_CORPUS)
    each = workbench.key_words_each(tokens, "interview", top=8)
    for interview, mine in each.groupby("interview"):
        one = keyness.against_rest(tokens, "interview", interview).set_index("word")
        assert mine["g2"].round(9).tolist() == one.loc[mine["word"], "g2"].round(9).tolist()
        assert mine["log_ratio"].round(9).tolist() == one.loc[mine["word"], "log_ratio"].round(9).tolist()
        assert (one.loc[mine["word"], "more_in"] == interview).all()
    assert each.attrs["threshold"] == pytest.approx(one.attrs["threshold"])


def test_the_summary_counts_each_interview_s_turns_and_words():
    turns, speech = helpers.load_turns(FIXTURE_CORPUS), helpers.load_tokens(FIXTURE_CORPUS, speech="speech")
    table = workbench.summary(turns, speech)
    assert table[["questions", "answers", "interviewees", "answer_words"]].values.tolist() == [
        [5, 5, 1, 239], [3, 6, 2, 165]]
    assert table["interviewer_share"].tolist() == [12.8, 7.3]


def test_output_goes_outside_the_tracked_files(tmp_path):
    assert workbench.default_out(PROJECT_ROOT / "seeds") == PROJECT_ROOT / "workbench" / "seeds"
    assert workbench.default_out(tmp_path) == tmp_path.resolve() / "workbench"


@pytest.fixture(scope="module")
def one_interview(tmp_path_factory):
    """A folder with one interview that splits, the garden, and one that does not (the library,
    changed since it was catalogued): the workbench analyses the first and names the second."""
    folder = tmp_path_factory.mktemp("one")
    shutil.copy(FIXTURE_CORPUS / "201_garden.txt", folder)
    library = (FIXTURE_CORPUS / "202_library.md").read_text(encoding="utf-8")
    (folder / "202_library.md").write_text(library.replace("homework club", "chess club"), encoding="utf-8")
    shutil.copy(FIXTURE_CORPUS / "catalog.toml", folder)
    return folder


@pytest.mark.e2e
@pytest.mark.parametrize("which", ["fixtures", "one interview"])
def test_the_workbench_runs_on_a_folder_of_one_or_more_interviews(tmp_path, one_interview, which):
    seeds = FIXTURE_CORPUS if which == "fixtures" else one_interview
    executed, page = workbench.run(seeds, tmp_path / "out")
    notebook = json.loads(executed.read_text(encoding="utf-8"))
    outputs = [o for c in notebook["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
    assert not [o for o in outputs if o["output_type"] == "error" or o.get("name") == "stderr"]
    printed = "".join("".join(o.get("text", "")) for o in outputs)
    assert ("one interview: no comparison" in printed) == (which == "one interview")
    assert ("202_library.md" in page.read_text(encoding="utf-8")) == (which == "one interview")
    assert {p.name for p in (tmp_path / "out").iterdir()} == {
        "workbench.ipynb", "workbench.html", "web-annotations.jsonld", "summary.csv", "split-report.csv",
        "key-words.csv", "speaker-key-words.csv", "corpus.qdpx", "corpus-convokit.zip", "corpus-tables.xlsx",
        *(f"corpus-{name}.csv" for name in spreadsheets.SHEETS)}
    assert "<script src=\"http" not in page.read_text(encoding="utf-8")


def test_a_folder_without_a_catalog_is_refused_with_what_to_do(tmp_path, capsys):
    assert workbench.main(["workbench", str(tmp_path)]) == 2
    assert "no catalog.toml in this folder" in capsys.readouterr().err


def folder_read(folder):
    """A folder as the workbench reads it: passages, turns, and the rule matches with their codebook."""
    _, passages, turns, _ = workbench.load(folder)
    files = workbench.codebook_files(folder)
    codebook, rules = helpers.load_codebook(files[0]), helpers.load_rules(files[1])
    matches = helpers.coding.rule_spans(helpers.coding_units(passages), rules, helpers.standoff.texts_of(folder))
    return passages, turns, matches, codebook


@pytest.mark.parametrize("folder", CATALOGS, ids=["seeds", "fixtures"])
def test_a_folder_s_exports_from_the_archive_are_those_from_the_token_table(folder, tmp_path):
    passages, turns, matches, codebook = folder_read(folder)
    with workbench.open_archive(folder) as archive:
        from_archive = layers.folder_layers(folder, passages, turns, archive, matches, codebook)
    speech = helpers.load_tokens(folder, speech="speech")
    talk, keys = layers.token_tables(speech)
    from_tokens = dataclasses.replace(from_archive, talk_share=talk, key_words=keys)
    assert len(from_archive.key_words) == layers.KEY_WORDS * speech["interview"].nunique()
    mine, theirs = spreadsheets.tables(from_archive), spreadsheets.tables(from_tokens)
    for name in spreadsheets.SHEETS:  # the same tables, cell by cell
        assert mine[name].columns.tolist() == theirs[name].columns.tolist(), name
        assert mine[name].astype(object).values.tolist() == theirs[name].astype(object).values.tolist(), name
    written = {}
    for which, read in [("archive", from_archive), ("tokens", from_tokens)]:
        files = exports.write_all(read, tmp_path / which, "corpus")["file"].tolist()
        written[which] = {name: (tmp_path / which / name).read_bytes() for name in files}
    assert written["archive"] == written["tokens"]  # and the same files, byte for byte


def notebook_code() -> list[str]:
    """The workbench notebook's code cells, in order."""
    notebook = nbformat.read(workbench.NOTEBOOK, as_version=4)
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


@pytest.mark.parametrize("folder", CATALOGS, ids=["seeds", "fixtures"])
def test_the_workbench_never_loads_the_token_table(folder, tmp_path, monkeypatch):
    """`workbench.load` and every code cell of the notebook run with `load_tokens` and `tokens_of`
    made to fail, wherever a module holds them: the analyses and the exports use the archive."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    real = {tokens_module.load_tokens, tokens_module.tokens_of}

    def refuse(*args, **kwargs):
        raise AssertionError("the workbench loaded the whole token table")

    for module in [m for name, m in list(sys.modules.items()) if name.split(".")[0] == "helpers"]:
        for name in ("load_tokens", "tokens_of"):
            if getattr(module, "__dict__", {}).get(name) in real:
                monkeypatch.setattr(module, name, refuse)
    for name in ("load_tokens", "tokens_of"):  # the source, so a module imported later binds the refusal too
        monkeypatch.setattr(tokens_module, name, refuse)
    monkeypatch.setattr(helpers, "load_tokens", refuse, raising=False)
    with pytest.raises(AssertionError, match="token table"):
        helpers.load_tokens(folder)
    monkeypatch.setenv(workbench.SEEDS_VARIABLE, str(folder))
    monkeypatch.setenv(workbench.OUT_VARIABLE, str(tmp_path))
    monkeypatch.setattr(plt, "show", lambda *args, **kwargs: plt.close("all"))
    assert len(workbench.load(folder)) == 4
    namespace: dict = {}
    for source in notebook_code():
        exec(compile(source, "workbench.ipynb", "exec"), namespace)
    assert {f"corpus-{name}.csv" for name in spreadsheets.SHEETS} <= {p.name for p in tmp_path.iterdir()}
    assert not pd.read_csv(tmp_path / "corpus-speakers.csv").empty


def test_every_block_set_aside_is_listed_by_kind_with_its_lines():
    passages = helpers.load_passages(FIXTURE_CORPUS)
    aside = workbench.set_aside(passages)
    assert aside["blocks"].sum() == (~passages["kind"].isin(workbench.SPOKEN)).sum()
    assert not set(aside["kind"]) & set(workbench.SPOKEN)
    seeds = workbench.set_aside(helpers.load_passages())
    quotes = seeds[(seeds["interview"] == "004") & (seeds["kind"] == "pull_quote")].iloc[0]
    assert (quotes["blocks"], quotes["lines"]) == (3, "37, 45, 65")


def test_a_paragraph_cut_by_a_stray_blank_line_is_found_as_two_segments():
    assert workbench.broken_segments(helpers.coding_units(helpers.load_passages())) == ["004:q2.a1.p2", "004:q8.a2"]
    assert workbench.broken_segments(helpers.coding_units(helpers.load_passages(FIXTURE_CORPUS))) == []
