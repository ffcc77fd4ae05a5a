"""The REFI-QDA export (`.qdpx`) and its way back: the project XML validates against the REFI-QDA
schema (QDA-XML 1.0, `tests/data/refi-qda/`), holds every coded span and every reading by its
coder or reader (counted from the loaders), and a coding read back from it is the coding exported,
row for row; a returned project that differs from the study is refused with file and line."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from conftest import FIXTURE_CORPUS, fixture_layers
from lxml import etree

import helpers
from helpers.annotating.coding import CODING_COLUMNS
from helpers.comparing import conversation
from helpers.plumbing.paths import ANNOTATIONS_DIR, PROJECT_ROOT
from helpers.sharing import exports, layers, qdpx

SCHEMA = PROJECT_ROOT / "tests" / "data" / "refi-qda" / "Project-mrt2019.xsd"
NS = {"q": qdpx.NS}


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


@pytest.fixture(scope="module")
def exported(study_layers, tmp_path_factory):
    path = qdpx.write_qdpx(study_layers, tmp_path_factory.mktemp("qdpx") / "study.qdpx")
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read(qdpx.PROJECT_FILE))
    return path, root


def selections_by(root, user: str, group: str) -> list:
    """The selections coded by `user` with a code of the top-level group `group`."""
    codes = qdpx._codes_by_guid(root)
    user_guid = qdpx.guid("user", user)
    return [s for s in root.iterfind(".//q:PlainTextSelection", NS) if s.get("creatingUser") == user_guid
            and codes[s.find("q:Coding/q:CodeRef", NS).get("targetGUID")][1] == group]


def test_the_study_s_project_validates_against_the_refi_qda_schema(exported, schema):
    _, root = exported
    assert schema.validate(root), schema.error_log
    assert {m.split("/")[0] for m in zipfile.ZipFile(exported[0]).namelist()} == {qdpx.PROJECT_FILE, "sources"}


def test_each_source_is_its_seed_byte_for_byte(exported):
    path, root = exported
    archive = zipfile.ZipFile(path)
    for interview in helpers.load_catalog():
        source = root.find(f"q:Sources/q:TextSource[@guid='{qdpx.guid('source', interview.id)}']", NS)
        member = "sources/" + source.get("plainTextPath").removeprefix("internal://")
        assert archive.read(member) == interview.path.read_bytes()


def test_every_coded_span_and_every_reading_is_there_by_its_coder_or_reader(exported, passages, first_readings):
    _, root = exported
    users = [u.get("name") for u in root.iterfind("q:Users/q:User", NS)]
    assert users[:3] == [qdpx.SPLIT_USER, "first coder", "second coder"] and "first reader" in users
    assert len(selections_by(root, "first coder", qdpx.THEMES)) == len(helpers.load_hand_coding(passages))
    second = helpers.secondcoder.load_second_coding(passages)
    assert len(selections_by(root, "second coder", qdpx.THEMES)) == len(second)
    groups = {group: sum(n for reading, n in first_readings.items() if layers.GROUPS[reading] == group)
              for group in set(layers.GROUPS.values())}
    assert {group: len(selections_by(root, "first reader", group)) for group in groups} == groups
    assert len(selections_by(root, qdpx.SPLIT_USER, qdpx.SPEAKERS)) == len(helpers.load_turns())


def test_every_speaker_is_a_case_with_its_turns(exported):
    _, root = exported
    all_turns = helpers.load_turns()
    cases = root.findall("q:Cases/q:Case", NS)
    assert len(cases) == len(all_turns.drop_duplicates(["interview", "speaker"]))
    for case in cases:
        names = [qdpx.speaker_code(i, s) for i, s in zip(all_turns["interview"], all_turns["speaker"], strict=True)]
        mine = all_turns[[name == case.get("name") for name in names]]
        refs = [r.get("targetGUID") for r in case.findall("q:SelectionRef", NS)]
        assert refs == [qdpx.guid("turn", t) for t in mine["passage_id"]]


def in_catalog_order(coding, seeds=None):
    """A coding sorted as a coding read back from a project is: by interview in catalog order, then
    start and end, ties in the coding's own order."""
    rank = {i.id: k for k, i in enumerate(helpers.load_catalog(seeds))}
    keys = coding["passage_id"].str.split(":").str[0].map(rank)
    return coding.assign(_rank=keys).sort_values(["_rank", "start", "end"], kind="stable")[CODING_COLUMNS] \
        .reset_index(drop=True)


@pytest.mark.parametrize("coder", list(layers.CODERS))
def test_a_coding_read_back_is_the_coding_exported_row_for_row(exported, passages, coder):
    path, _ = exported
    file = ANNOTATIONS_DIR / layers.CODERS[coder]
    if not file.is_file():
        pytest.skip(f"no {file.name}")
    back = qdpx.read_coding(path, coder, passages=passages)
    original = helpers.load_hand_coding(passages, file)[CODING_COLUMNS]
    assert back.equals(in_catalog_order(original))
    assert back.attrs["left_aside"] == 0


def test_the_command_line_writes_a_coder_s_file_the_second_coder_machinery_reads(exported, passages, tmp_path, capsys):
    path, _ = exported
    out = tmp_path / "coding-returned.csv"
    assert exports.main(["exports", "import", str(path), str(out), "--coder", "second coder"]) == 0
    assert f"{len(helpers.secondcoder.load_second_coding(passages))} coded spans" in capsys.readouterr().out
    back = helpers.secondcoder.load_second_coding(passages, out)[CODING_COLUMNS]
    assert back.equals(in_catalog_order(helpers.secondcoder.load_second_coding(passages)))


def returned(path, tmp_path, change) -> object:
    """A copy of the exported project with its XML changed by `change(root)`."""
    archive = zipfile.ZipFile(path)
    root = etree.fromstring(archive.read(qdpx.PROJECT_FILE))
    change(root)
    copy = tmp_path / "returned.qdpx"
    with zipfile.ZipFile(copy, "w") as out:
        for name in archive.namelist():
            out.writestr(name, etree.tostring(root) if name == qdpx.PROJECT_FILE else archive.read(name))
    return copy


def first_theme_selection(root, coder="second coder"):
    return selections_by(root, coder, qdpx.THEMES)[0]


def rename_code(root):
    code = root.find(f".//q:Code[@name='{helpers.load_codebook()['code'][0]}']", NS)
    code.set("name", "a new theme")


def widen(root):
    first_theme_selection(root).set("endPosition", str(10 ** 6))


def code_a_question(root):
    question = helpers.load_turns().iloc[0]
    selection = first_theme_selection(root)
    selection.set("startPosition", str(question["start"]))
    selection.set("endPosition", str(question["start"] + 5))


def edit_source(root):
    content = etree.SubElement(root.find("q:Sources/q:TextSource", NS), f"{{{qdpx.NS}}}PlainTextContent")
    content.text = "an edited text"


@pytest.mark.parametrize(("change", "problem"), [
    (rename_code, "code 'a new theme' is not in the codebook"),
    (widen, "does not lie inside one answer paragraph or list item"),
    (code_a_question, "does not lie inside one answer paragraph or list item"),
    (edit_source, "is not one of the seeds as received"),
])
def test_a_returned_project_that_differs_from_the_study_is_refused_with_its_line(exported, passages, tmp_path,
                                                                                 change, problem):
    copy = returned(exported[0], tmp_path, change)
    with pytest.raises(helpers.SeedError, match=problem) as error:
        qdpx.read_coding(copy, "second coder", passages=passages)
    assert error.value.file.endswith(f"returned.qdpx/{qdpx.PROJECT_FILE}") and error.value.line


def test_the_coder_must_be_named_when_several_coded_and_must_exist(exported, passages, tmp_path):
    with pytest.raises(helpers.SeedError, match="name the coder to read: the users who coded themes are"):
        qdpx.read_coding(exported[0], passages=passages)
    with pytest.raises(helpers.SeedError, match="0 users are named 'nobody'"):
        qdpx.read_coding(exported[0], "nobody", passages=passages)
    not_a_zip = tmp_path / "coding.qdpx"
    not_a_zip.write_text("passage_id,code\n", encoding="utf-8")
    with pytest.raises(helpers.SeedError, match="not a REFI-QDA project"):
        qdpx.read_coding(not_a_zip, passages=passages)
    assert exports.main(["exports", "import", str(not_a_zip), str(tmp_path / "out.csv")]) == 2


def test_a_second_reader_s_files_join_the_project_as_a_second_reader(tmp_path, schema):
    folder = tmp_path / "annotations"
    shutil.copytree(ANNOTATIONS_DIR, folder, ignore=shutil.ignore_patterns("*-second.csv", "export", "second-coder"))
    uptake = (folder / "uptake.csv").read_text(encoding="utf-8").splitlines()
    first_label = uptake[1].split(",")[1]
    other = next(label for label in conversation.UPTAKES if label != first_label)
    uptake[1] = uptake[1].replace(f",{first_label},", f",{other},", 1)
    (folder / "uptake-second.csv").write_text("\n".join(uptake) + "\n", encoding="utf-8")
    shutil.copy(folder / "we.csv", folder / "we-second.csv")
    read = layers.study_layers(folder)
    assert read.readers() == ["first reader", "second reader"]
    root = etree.fromstring(qdpx.project_xml(read))
    assert schema.validate(root), schema.error_log
    answers = len(conversation.load_uptake(helpers.load_turns()))
    assert len(selections_by(root, "second reader", "answer readings")) == answers
    assert len(selections_by(root, "second reader", "we")) == len(selections_by(root, "first reader", "we"))
    second = read.readings[read.readings["reader"] == "second reader"]
    assert (second["label"] == other).sum() >= 1 and set(second["reading"]) == {"uptake", "we"}


def test_a_folder_of_interviews_gives_a_valid_project_with_its_rule_codes(tmp_path, schema):
    read, matches = fixture_layers()
    root = etree.fromstring(qdpx.project_xml(read))
    assert schema.validate(root), schema.error_log
    assert len(selections_by(root, "keyword rules", qdpx.THEMES)) == len(matches)
    assert len(root.findall("q:Sources/q:TextSource", NS)) == len(helpers.load_catalog(FIXTURE_CORPUS))
    path = qdpx.write_qdpx(read, tmp_path / "corpus.qdpx")
    back = qdpx.read_coding(path, seeds=FIXTURE_CORPUS, codebook=read.codebook, passages=read.passages)
    assert back.equals(in_catalog_order(layers.rule_codings(matches, helpers.standoff.texts_of(FIXTURE_CORPUS))
                                         [CODING_COLUMNS], FIXTURE_CORPUS))
