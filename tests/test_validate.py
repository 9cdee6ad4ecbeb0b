"""Each class of bad input is reported with its file and offending value, and exit code 1."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cooperation import DataError, load
from cooperation.__main__ import main
from tests.conftest import ROOT, replace_in

STATEMENTS = "statements.csv"
SOURCES = "sources.csv"


def _sub(file, old, new):
    return lambda d: replace_in(d / file, old, new)


def _write(file, content: bytes):
    return lambda d: (d / file).write_bytes(content)


def _remove(file):
    return lambda d: (d / file).unlink()


# (id, how to break the data, file named, value named, hint expected or None)
CASES = [
    ("type-date", _sub(SOURCES, ",2021-12-07,Video", ",2021-13-07,Video"), SOURCES, "2021-13-07", "YYYY-MM-DD"),
    ("date-not-iso", _sub(SOURCES, "2021-12-07,sources/", "07/12/2021,sources/"), SOURCES, "07/12/2021", "YYYY-MM-DD"),
    ("url-scheme", _sub(SOURCES, "https://en.imsilkroad.com", "javascript:alert(1)//x"), SOURCES, "javascript:alert(1)", "https"),
    ("url-ftp", _sub(SOURCES, "https://en.imsilkroad.com", "ftp://en.imsilkroad.com"), SOURCES, "ftp://", "https"),
    ("enum", _sub(STATEMENTS, ",pledge,will strengthen", ",pledged,will strengthen"), STATEMENTS, "pledged", "did you mean 'pledge'?"),
    ("required", _sub(STATEMENTS, "China will strengthen the protection of intellectual property rights.", ""), STATEMENTS, "", "summary"),
    ("unique", _sub(STATEMENTS, "li-importance,", "li-anniversary,"), STATEMENTS, "li-anniversary", None),
    ("foreign-key-speaker", _sub(STATEMENTS, "li-importance,xinhua-2021-12-07,li-keqiang,", "li-importance,xinhua-2021-12-07,li-keqiangg,"), STATEMENTS, "li-keqiangg", "did you mean 'li-keqiang'?"),
    ("foreign-key-source", _sub(STATEMENTS, "li-importance,xinhua-2021-12-07,", "li-importance,xinhua-2021,"), STATEMENTS, "xinhua-2021", "did you mean 'xinhua-2021-12-07'?"),
    ("foreign-key-theme", _sub("sectors.csv", ",diplomacy,", ",diplomcy,"), "sectors.csv", "diplomcy", "did you mean 'diplomacy'?"),
    ("unknown-sector", _sub(STATEMENTS, "investment;trade;biomedicine;", "investment;trade;biomedicin;"), STATEMENTS, "biomedicin", "did you mean 'biomedicine'?"),
    ("sector-with-space", _sub(STATEMENTS, "investment;trade;", "investment; trade;"), STATEMENTS, " trade", "remove the spaces"),
    ("quote-not-verbatim", _sub(STATEMENTS, ",expand cultural exchanges,", ",broaden cultural exchanges,"), STATEMENTS, "broaden cultural exchanges", "closest passage"),
    ("narration-not-verbatim", _sub("narration.csv", "Li made the remarks", "Li gave the remarks"), "narration.csv", "Li gave the remarks", "closest passage"),
    ("sentence-unaccounted", lambda d: _drop_line(d / "narration.csv", "eu-context,"), "sources/xinhua-2021-12-07-li-keqiang-de-croo.txt", "Belgium is an important member", "narration"),
    ("text-file-missing", _remove("sources/xinhua-2021-12-07-li-keqiang-de-croo.txt"), SOURCES, "sources/xinhua-2021-12-07-li-keqiang-de-croo.txt", "sources/"),
    ("text-file-outside", _sub(SOURCES, ",sources/xinhua", ",../sources/xinhua"), SOURCES, "../sources/xinhua", None),
    ("not-utf8", _write("speakers.csv", "speaker_id,name,role,country,country_code\nx,Jos\xe9,PM,Belgium,BE\n".encode("latin-1")), "speakers.csv", "0xe9", "UTF-8"),
    ("empty-file", _write("themes.csv", b""), "themes.csv", None, "header"),
    ("missing-column", lambda d: _drop_column(d / "speakers.csv", "country_code"), "speakers.csv", None, None),
    ("missing-file", _remove("narration.csv"), "narration.csv", None, None),
    ("bad-integer", _sub("themes.csv", ",1\n", ",first\n"), "themes.csv", "first", None),
    ("reserved-theme-id", lambda d: _rename_theme(d, "people", "source"), "themes.csv", "source", None),
]  # fmt: skip


def _drop_line(path: Path, prefix: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith(prefix)), encoding="utf-8")


def _drop_column(path: Path, column: str) -> None:
    import csv

    rows = list(csv.reader(path.open(encoding="utf-8")))
    index = rows[0].index(column)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([r[:index] + r[index + 1 :] for r in rows])


def _rename_theme(d: Path, old: str, new: str) -> None:
    replace_in(d / "themes.csv", f"\n{old},", f"\n{new},")
    replace_in(d / "sectors.csv", f",{old},", f",{new},")


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported(case, data_copy, capsys):
    """The problem names the file and the offending value, with a hint, and exits 1."""
    _, breaks, file, value, hint = case
    breaks(data_copy)
    assert main(["validate", str(data_copy)]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith(f"- {file}")]
    assert lines, err
    if value is not None:
        lines = [line for line in lines if repr(value)[1:-1] in line or repr(value) in line]
        assert lines, err
    if hint is not None:
        assert any(hint in line for line in lines), err
    assert "Traceback" not in err


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_load_raises_one_data_error(case, data_copy):
    """load() raises a single DataError carrying the problems, never another exception."""
    case[1](data_copy)
    with pytest.raises(DataError) as info:
        load(data_copy)
    assert info.value.problems


def test_missing_data_directory(tmp_path, capsys):
    """A data directory that does not exist is one problem, exit 1."""
    assert main(["validate", str(tmp_path / "nowhere")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_missing_descriptor(data_copy, capsys):
    """A data directory without datapackage.json is reported."""
    (data_copy / "datapackage.json").unlink()
    assert main(["validate", str(data_copy)]) == 1
    assert "datapackage.json" in capsys.readouterr().err


def test_broken_descriptor(data_copy, capsys):
    """A descriptor that is not JSON is reported with its line."""
    (data_copy / "datapackage.json").write_text('{\n  "name": oops\n}', encoding="utf-8")
    assert main(["validate", str(data_copy)]) == 1
    assert "datapackage.json, line 2" in capsys.readouterr().err


def test_every_problem_is_reported_at_once(data_copy, capsys):
    """Several problems in several files are all printed in one run."""
    for _, breaks, *_ in (CASES[0], CASES[4], CASES[9], CASES[12]):
        breaks(data_copy)
    assert main(["validate", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n- ") >= 4
    for value in ("2021-13-07", "pledged", "diplomcy", "broaden cultural exchanges"):
        assert value in err


def test_bom_and_crlf_are_accepted(data_copy):
    """A UTF-8 byte order mark and CRLF line endings are fine."""
    for path in data_copy.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    ds = load(data_copy)
    assert len(ds.statements) == 19
    assert ds.themes["theme_id"].iloc[0] == "diplomacy"


def test_success_prints_counts_and_coverage(capsys):
    """On the shipped data the command prints counts and coverage and exits 0."""
    assert main(["validate", str(ROOT / "data")]) == 0
    out = capsys.readouterr().out
    assert "statements.csv: 19 rows" in out
    assert "11 of 11 sentences accounted for" in out


def test_command_line_never_prints_a_traceback(tmp_path):
    """The real command exits 1 without a traceback on a broken directory."""
    shutil.copytree(ROOT / "data", tmp_path / "d")
    (tmp_path / "d" / "statements.csv").write_bytes(b"\x00\xff\xfe garbage")
    result = subprocess.run(
        [sys.executable, "-m", "cooperation", "validate", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "statements.csv" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
