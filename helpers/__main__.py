"""The project's commands: `python -m helpers check DIR` (every problem of every text of a folder, with
the catalog lines that fix them) and `python -m helpers catalog DIR [--refresh]` (draft the catalog
entries of the texts that have none; with `--refresh`, record the new sha256 of texts that changed)."""

from __future__ import annotations

import sys

USAGE = "usage: python -m helpers check DIR | python -m helpers catalog DIR [--refresh]"


def main(argv: list[str]) -> int:
    """Run the command named by the first argument; 2 and the usage on anything else."""
    if argv[:1] == ["check"]:
        from helpers.reading.check import main as check

        return check(argv[1:])
    if argv[:1] == ["catalog"]:
        from helpers.reading.draft import main as catalog

        return catalog(argv[1:])
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
