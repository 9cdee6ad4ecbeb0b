"""Command line: ``python -m cooperation validate [DATA_DIR]``.

Prints every problem at once and exits 1 if there is any; on success prints
the counts and the coverage of each source and exits 0. Never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cooperation.data import data_dir
from cooperation.validate import validate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cooperation")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check a data directory")
    check.add_argument(
        "data_dir",
        nargs="?",
        type=Path,
        help="the data directory (default: $COOPERATION_DATA, else data/)",
    )
    args = parser.parse_args(argv)
    return _validate(args.data_dir or data_dir())


def _validate(path: Path) -> int:
    try:
        report = validate(path)
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        print(f"{path}: validation failed unexpectedly: {exc!r}", file=sys.stderr)
        return 2
    if report.problems:
        print(f"{len(report.problems)} problem(s) in {path}:", file=sys.stderr)
        for problem in report.problems:
            print(f"- {problem}", file=sys.stderr)
        return 1
    for name, table in report.tables.items():
        print(f"{report.schema.path(name)}: {len(table)} rows")
    for coverage in report.coverage:
        print(f"coverage {coverage}")
    total = sum(c.sentences for c in report.coverage)
    accounted = sum(c.accounted for c in report.coverage)
    print(f"OK: no problems; {accounted} of {total} source sentences accounted for")
    return 0


if __name__ == "__main__":
    sys.exit(main())
