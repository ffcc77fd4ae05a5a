"""The workbench: the generic analyses on any catalog folder, run as a new user runs them."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import FIXTURE_CORPUS

import helpers
from helpers import keyness
from helpers.plumbing.paths import PROJECT_ROOT
from helpers.sharing import spreadsheets, workbench


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
