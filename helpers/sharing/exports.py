"""The exports for the tools people already use, written in one step: a REFI-QDA project (`.qdpx`),
a ConvoKit corpus (zipped), and the spreadsheet tables (one `.xlsx` workbook and a CSV file each);
and the way back, a coder's `.qdpx` read into a coding file for the second-coder machinery.

    make exports                                   # the study's, into annotations/export/
    python -m helpers.sharing.exports study [OUT]  # the same, or into OUT
    python -m helpers.sharing.exports import CODED.qdpx OUT.csv [--coder NAME]

The workbench writes the same exports for any folder of interviews (`write_folder`). The study's
exports are committed, and a test fails when they differ from what the annotations build: after
changing an annotation file, run `make exports`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..annotating.coding import load_hand_coding
from ..annotating.secondcoder import write_coding
from ..plumbing.errors import SeedError
from ..plumbing.paths import ANNOTATIONS_DIR, EXPORT_DIR, shown
from ..reading.passages import load_passages
from .convokit_corpus import write_corpus_zip
from .layers import Layers, folder_layers, study_layers
from .opens import opens_in
from .qdpx import read_coding, write_qdpx
from .spreadsheets import write_tables

if TYPE_CHECKING:
    from ..comparing.archive import Archive


def write_all(layers: Layers, folder: Path, stem: str) -> pd.DataFrame:
    """Write the `.qdpx` project, the zipped ConvoKit corpus and the tables of a corpus into
    `folder`, each named after `stem`; return the files written with what opens each."""
    written = [write_qdpx(layers, folder / f"{stem}.qdpx"), write_corpus_zip(layers, folder / f"{stem}-convokit.zip"),
               *write_tables(layers, folder, stem)]
    return pd.DataFrame({"file": [p.name for p in written], "opens in": [opens_in(p) for p in written]})


def write_study(folder: Path = EXPORT_DIR, annotations: Path = ANNOTATIONS_DIR) -> pd.DataFrame:
    """The study's exports (`study.qdpx`, `study-convokit.zip`, `study-tables.xlsx`, `study-*.csv`)
    from every annotation file in `annotations`, written into `folder`."""
    return write_all(study_layers(annotations), folder, "study")


def write_folder(seeds: Path, out: Path, passages: pd.DataFrame, turns: pd.DataFrame, archive: Archive,
                 matches: pd.DataFrame | None = None, codebook: pd.DataFrame | None = None) -> pd.DataFrame:
    """The same exports for any folder of interviews, as the workbench has read it (passages,
    turns, its archive for the talk share and key words, and the keyword rules' matches with their
    codebook, if any), written into `out` as `corpus.qdpx`, `corpus-convokit.zip`,
    `corpus-tables.xlsx`, `corpus-*.csv`. No token table is loaded."""
    return write_all(folder_layers(seeds, passages, turns, archive, matches, codebook), out, "corpus")


def import_coding(project: Path, out: Path, coder: str | None = None) -> pd.DataFrame:
    """A coder's coding of the themes in a `.qdpx` project (`qdpx.read_coding`), written to `out`
    in the study's coding format and read back with the study's loader, which checks every row."""
    coding = read_coding(project, coder)
    write_coding(coding, out)
    checked = load_hand_coding(load_passages(), out)
    checked.attrs["left_aside"] = coding.attrs["left_aside"]
    return checked


def main(argv: list[str]) -> int:
    """The command line (see the module's docstring); the exit status, 2 on an error in the input."""
    parser = argparse.ArgumentParser(prog="python -m helpers.sharing.exports", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    study = commands.add_parser("study", help="write the study's exports")
    study.add_argument("out", nargs="?", type=Path, default=EXPORT_DIR)
    back = commands.add_parser("import", help="read a coder's coding of the themes from a .qdpx project")
    back.add_argument("project", type=Path)
    back.add_argument("out", type=Path)
    back.add_argument("--coder", help="the user whose coding to read (default: the only user who coded themes)")
    args = parser.parse_args(argv[1:])
    try:
        if args.command == "study":
            written = write_study(args.out)
            print(f"wrote into {shown(args.out)}:")
            print(written.to_string(index=False))
        else:
            coding = import_coding(args.project, args.out, args.coder)
            aside = coding.attrs["left_aside"]
            print(f"wrote {shown(args.out)}: {len(coding)} coded spans of {coding['passage_id'].nunique()} "
                  f"paragraphs" + (f"; {aside} codings of other layers left aside" if aside else ""))
    except SeedError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
