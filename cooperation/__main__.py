"""Command line.

``python -m cooperation validate [DATA_DIR]`` prints every problem at once and
exits 1 if there is any; on success it prints the counts and the coverage of
each source and exits 0. Never a traceback.

``python -m cooperation dictionary [DATA_DIR]`` prints the data dictionary as
Markdown, generated from datapackage.json (docs/data-dictionary.md is its output).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from cooperation import descriptor
from cooperation.data import data_dir
from cooperation.schema import DESCRIPTOR, Schema, markdown_dictionary
from cooperation.validate import validate
from cooperation.vocabulary import plural


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
    describe = commands.add_parser("dictionary", help="print the data dictionary as Markdown")
    describe.add_argument("data_dir", nargs="?", type=Path)
    args = parser.parse_args(argv)
    path = args.data_dir or data_dir()
    if args.command == "dictionary":
        return _dictionary(path)
    return _validate(path)


def _dictionary(path: Path) -> int:
    try:
        parsed = Schema.parse((path / DESCRIPTOR).read_bytes())
    except (OSError, ValueError) as exc:
        print(f"{path}: cannot read the data package descriptor: {exc}", file=sys.stderr)
        return 1
    problems = descriptor.check(parsed)
    if problems:
        return _problems(path, problems)
    print(markdown_dictionary(Schema(parsed)), end="")
    return 0


def _problems(path: Path, problems) -> int:
    print(f"{plural(len(problems), 'problem')} in {path}:", file=sys.stderr)
    for problem in problems:
        print(f"- {problem}", file=sys.stderr)
    return 1


def _validate(path: Path) -> int:
    try:
        report = validate(path)
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        print(f"{path}: validation failed unexpectedly: {exc!r}", file=sys.stderr)
        return 2
    if report.problems:
        return _problems(path, report.problems)
    for name, table in report.tables.items():
        print(f"{report.schema.path(name)}: {plural(len(table), 'row')}")
    for coverage in report.coverage:
        print(f"coverage {coverage}")
    total = sum(c.sentences for c in report.coverage)
    accounted = sum(c.accounted for c in report.coverage)
    print(f"OK: no problems; {accounted} of {total} source sentences accounted for")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Everything is said: skip the interpreter's teardown of pandas, pyarrow and
    # pandera, a noticeable share of a short run (see docs/performance.md).
    os._exit(code)
