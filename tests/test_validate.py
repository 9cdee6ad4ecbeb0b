"""Each class of bad input is reported with its file, line, column and offending value, and exit code 1."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cooperation import DataError, load
from cooperation.__main__ import main
from tests.helpers import MEETING, ROOT, replace_in, rewrite, rows

STATEMENTS = "statements.csv"
SOURCES = "sources.csv"
TEXT = "sources/gazette-2031-03-03.txt"


@dataclass(frozen=True)
class Case:
    """One way to break the meeting fixture, and the problem that must be reported."""

    breaks: Callable[[Path], None]
    file: str
    message: str  # words the problem's message holds
    column: str | None = None
    value: str | None = None  # None: the problem names no value
    hint: str | None = None


def _sub(file: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda d: replace_in(d / file, old, new)


def _set(statement_id: str, **cells: str) -> Callable[[Path], None]:
    """Set some cells of one statement."""
    return lambda d: rewrite(
        d / STATEMENTS, lambda i, r: r.update(cells) or r if r["statement_id"] == statement_id else r
    )


def _drop_row(file: str, key: str, value: str) -> Callable[[Path], None]:
    return lambda d: rewrite(d / file, lambda i, r: None if r[key] == value else r)


def _drop_row_where(file: str, **cells: str) -> Callable[[Path], None]:
    return lambda d: rewrite(d / file, lambda i, r: None if all(r[k] == v for k, v in cells.items()) else r)


def _drop_column(file: str, column: str) -> Callable[[Path], None]:
    def drop(d: Path) -> None:
        with (d / file).open(encoding="utf-8", newline="") as handle:
            table = list(csv.reader(handle))
        index = table[0].index(column)
        with (d / file).open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([r[:index] + r[index + 1 :] for r in table])

    return drop


def _rename_theme(old: str, new: str) -> Callable[[Path], None]:
    def rename(d: Path) -> None:
        replace_in(d / "themes.csv", f"\n{old},", f"\n{new},")
        replace_in(d / "sectors.csv", f",{old},", f",{new},", count=10)

    return rename


CASES = {
    "type-date": Case(_sub(SOURCES, ",2031-03-03,complete,,on Monday,", ",2031-13-03,complete,,on Monday,"), SOURCES, "not a valid date", "published", "2031-13-03", "YYYY-MM-DD"),
    "date-not-iso": Case(_sub("events.csv", ",2031-03-03,Video call between heads", ",03/03/2031,Video call between heads"), "events.csv", "not a valid date", "date", "03/03/2031", "YYYY-MM-DD"),
    "url-scheme": Case(_sub(SOURCES, "https://example.org/gazette", "javascript:alert(1)//x"), SOURCES, "pattern", "url", "javascript:alert(1)//x/2031-03-03", "https"),
    "url-ftp": Case(_sub(SOURCES, "https://example.org/gazette", "ftp://example.org/gazette"), SOURCES, "pattern", "url", "ftp://example.org/gazette/2031-03-03", "https"),
    "enum": Case(_set("vell-ports", strength="pledged"), STATEMENTS, "is not one of", "strength", "pledged", "did you mean 'pledge'?"),
    "required": Case(_sub(STATEMENTS, "Norland will open its ports to Suderian ships.,", ","), STATEMENTS, "is required but empty", "summary", hint="summary"),
    "unique": Case(_sub(STATEMENTS, "\nvell-ports,", "\nvell-wind,"), STATEMENTS, "duplicate", "statement_id", "vell-wind"),
    "foreign-key-speaker": Case(_set("vell-ports", speaker_id="ana-vel"), STATEMENTS, "is not a speaker_id", "speaker_id", "ana-vel", "did you mean 'ana-vell'?"),
    "foreign-key-source": Case(_sub(STATEMENTS, "vell-ports,gazette-2031-03-03,", "vell-ports,gazette-2031-03,"), STATEMENTS, "is not a source_id", "source_id", "gazette-2031-03", "did you mean 'gazette-2031-03-03'?"),
    "foreign-key-theme": Case(_sub("sectors.csv", ",energy,Wind", ",enrgy,Wind"), "sectors.csv", "is not a theme_id", "theme_id", "enrgy", "did you mean 'energy'?"),
    "unknown-sector": Case(_sub(STATEMENTS, ",offshore-wind;logistics,", ",offshore-wind;logistic,"), STATEMENTS, "is not a sector_id", "sectors", "logistic", "did you mean 'logistics'?"),
    "sector-with-space": Case(_sub(STATEMENTS, ",offshore-wind;logistics,", ",offshore-wind; logistics,"), STATEMENTS, "is not a sector_id", "sectors", " logistics", "remove the spaces"),
    "sector-twice": Case(_sub(STATEMENTS, ",offshore-wind;logistics,", ",logistics;logistics,"), STATEMENTS, "listed twice", "sectors", "logistics"),
    "quote-not-verbatim": Case(_sub(STATEMENTS, ",is willing to expand student exchanges,", ",is keen to expand student exchanges,"), STATEMENTS, "not verbatim", "quote", "is keen to expand student exchanges", "closest passage"),
    "narration-not-verbatim": Case(_sub("narration.csv", "Vell made the remarks", "Vell gave the remarks"), "narration.csv", "not verbatim", "text", "Vell gave the remarks in a video call with Suderian Prime Minister Tomas Brand.", "closest passage"),
    "sentence-unaccounted": Case(_drop_row("narration.csv", "narration_id", "border"), TEXT, "neither quoted", value="The two countries share a border of 300 kilometres.", hint="narration"),
    "text-file-missing": Case(lambda d: (d / TEXT).unlink(), SOURCES, "does not exist", "text_path", TEXT, "sources/"),
    "text-file-outside": Case(_sub(SOURCES, ",sources/gazette", ",../sources/gazette"), SOURCES, "outside the data directory", "text_path", "../" + TEXT),
    "not-utf8": Case(lambda d: (d / "speakers.csv").write_bytes("speaker_id,name,role,country,country_code\nx,Jos\xe9,PM,Norland,XN\n".encode("latin-1")), "speakers.csv", "not UTF-8", value="0xe9", hint="UTF-8"),
    "empty-file": Case(lambda d: (d / "themes.csv").write_bytes(b""), "themes.csv", "empty", hint="header"),
    "missing-column": Case(_drop_column("speakers.csv", "country_code"), "speakers.csv", "missing from the header", "country_code"),
    "missing-file": Case(lambda d: (d / "narration.csv").unlink(), "narration.csv", "missing"),
    "bad-integer": Case(_sub("themes.csv", ",1\n", ",first\n"), "themes.csv", "not a valid integer", "order", "first"),
    "below-minimum": Case(_sub("themes.csv", ",1\n", ",0\n"), "themes.csv", "minimum", "order", "0"),
    "reserved-theme-id": Case(_rename_theme("people", "source"), "themes.csv", "reserved", "theme_id", "source"),
    "missing-cell": Case(_sub(STATEMENTS, ",Norland and Suderia are old friends,,,", ",,,"), STATEMENTS, "missing cell"),
    "extra-cell": Case(_sub(STATEMENTS, ",Reported speech.,\n", ",Reported speech.,,x\n"), STATEMENTS, "extra cell"),
    "blank-row": Case(_sub(STATEMENTS, "\nvell-ports,", "\n\nvell-ports,"), STATEMENTS, "blank row"),
    "paraphrase-with-quote": Case(_set("ministry-vell-hydrogen", quote="Norland proposes a hydrogen pipeline"), STATEMENTS, "must be empty for a paraphrase", "quote", "Norland proposes a hydrogen pipeline", "not held"),
    "quote-missing": Case(_set("vell-ports", quote=""), STATEMENTS, "is required when evidence is quote", "quote"),
    "quote-from-a-source-without-text": Case(_set("ministry-vell-hydrogen", evidence="quote"), STATEMENTS, "is quote, but the text", "evidence", "quote", "paraphrase"),
    "paraphrase-of-a-source-with-text": Case(_set("vell-ports", evidence="paraphrase", quote=""), STATEMENTS, "is paraphrase, but the text", "evidence", "paraphrase", "quote"),
    "narration-quote-without-text": Case(lambda d: rewrite(d / "narration.csv", lambda i, r: r.update(evidence="quote") or r if r["narration_id"] == "ministry-setting" else r), "narration.csv", "is quote, but the text", "evidence", "quote"),
    "no-text-no-url": Case(lambda d: rewrite(d / SOURCES, lambda i, r: r.update(url="") or r if r["text_path"] == "" else r), SOURCES, "is required when the text is not held", "url", ""),
    "speaker-missing": Case(_set("vell-ports", speaker_id=""), STATEMENTS, "is required when attribution is speaker", "speaker_id"),
    "meeting-with-speaker": Case(_set("courier-fishing", speaker_id="ana-vell"), STATEMENTS, "must be empty when attribution is meeting", "speaker_id", "ana-vell", "meeting"),
    "same-claim-same-account": Case(_set("vell-ports", same_claim_as="vell-wind"), STATEMENTS, "is a statement of the same account", "same_claim_as", "vell-wind", "two different accounts"),
    "same-claim-other-event": Case(_set("herald-vell-grids", same_claim_as="ministry-vell-hydrogen"), STATEMENTS, "is in an account of another event", "same_claim_as", "ministry-vell-hydrogen", "same event"),
    "same-claim-itself": Case(_set("vell-ports", same_claim_as="vell-ports"), STATEMENTS, "links the statement to itself", "same_claim_as", "vell-ports"),
    "same-claim-unknown": Case(_set("vell-ports", same_claim_as="vell-prots"), STATEMENTS, "is not a statement_id", "same_claim_as", "vell-prots", "did you mean 'vell-ports'?"),
    "answers-unknown": Case(_set("brand-cooperate", answers="vell-wnd"), STATEMENTS, "is not a statement_id", "answers", "vell-wnd", "did you mean 'vell-wind'?"),
    "answers-other-account": Case(_set("courier-brand-cooperate", answers="vell-wind"), STATEMENTS, "is a statement of another account", "answers", "vell-wind", "same account"),
    "event-unknown": Case(_sub(SOURCES, "gazette-2031-03-03,call-2031-03-03,", "gazette-2031-03-03,call-2031-3-03,"), SOURCES, "is not an event_id", "event_id", "call-2031-3-03", "did you mean 'call-2031-03-03'?"),
    "gap-unknown-speaker": Case(lambda d: rewrite(d / "gaps.csv", lambda i, r: r.update(speaker_id="tomas-brnd") or r), "gaps.csv", "is not a speaker_id", "speaker_id", "tomas-brnd", "did you mean 'tomas-brand'?"),
    "restates-unknown": Case(lambda d: rewrite(d / "narration.csv", lambda i, r: r.update(restates="vell-wnd") or r), "narration.csv", "is not a statement_id", "restates", "vell-wnd", "did you mean 'vell-wind'?"),
    "participant-role-missing": Case(lambda d: rewrite(d / "participants.csv", lambda i, r: r.update(role="") or r if r["speaker_id"] == "tomas-brand" and r["event_id"] == "summit-2031-06-09" else r), "participants.csv", "is required but empty", "role", "", "office"),
    "speaker-absent-from-the-event": Case(_drop_row_where("participants.csv", event_id="summit-2031-06-09", speaker_id="tomas-brand"), STATEMENTS, "is not a participant of event 'summit-2031-06-09'", "speaker_id", "tomas-brand", "participants.csv"),
    "gap-speaker-absent": Case(lambda d: (d / "gaps.csv").open("a", encoding="utf-8").write("herald-2031-06-09,mira-sol,Cut off.\n"), "gaps.csv", "is not a participant of event 'summit-2031-06-09'", "speaker_id", "mira-sol", "participants.csv"),
    "follow-up-forward": Case(_set("herald-vell-grids", follows_up="g33-vell-grids"), STATEMENTS, "is a statement of a later event ('talks-2033-09-12', 2033-09-12)", "follows_up", "g33-vell-grids", "points back in time"),
    "follow-up-same-event": Case(_set("vell-ports", follows_up="vell-wind"), STATEMENTS, "is a statement of the same event", "follows_up", "vell-wind", "earlier event"),
    "follow-up-unknown": Case(_set("g33-vell-grids", follows_up="herald-vell-grid"), STATEMENTS, "is not a statement_id", "follows_up", "herald-vell-grid", "did you mean 'herald-vell-grids'?"),
    "copy-of-no-account": Case(lambda d: rewrite(d / "copies.csv", lambda i, r: r.update(source_id="courier-2033-9-13") or r), "copies.csv", "is not a source_id", "source_id", "courier-2033-9-13", "did you mean 'courier-2033-09-13'?"),
    "side-unknown": Case(_sub(SOURCES, ",Courier 2033,Suderia,", ",Courier 2033,Suderja,"), SOURCES, "is not one of Norland, Suderia, third party", "side", "Suderja", "did you mean 'Suderia'?"),
    "both-with-a-speaker": Case(_set("g33-joint-wind", speaker_id="ana-vell"), STATEMENTS, "must be empty when attribution is both", "speaker_id", "ana-vell", "both sides together"),
    "completeness-unknown": Case(_sub(SOURCES, ",cut off,before the Foreign", ",partial,before the Foreign"), SOURCES, "is not one of complete, cut off, excerpt, not recorded", "completeness", "partial"),
}  # fmt: skip


def _problem_lines(err: str, case: Case) -> list[str]:
    """The printed problems that name the case's file, and its column and value where it has them."""
    lines = [line for line in err.splitlines() if line.startswith(f"- {case.file}")]
    if case.column is not None:
        lines = [line for line in lines if f", column {case.column}:" in line]
    if case.value is not None:
        shown = repr(case.value if len(case.value) <= 80 else case.value[:79] + "…")
        lines = [line for line in lines if shown in line]
    return [line for line in lines if case.message in line]


@pytest.mark.parametrize("name", CASES)
def test_bad_input_is_reported(name, data_copy, capsys):
    """The problem names the file, column and offending value, with a hint, and the command exits 1."""
    case = CASES[name]
    case.breaks(data_copy)
    assert main(["validate", str(data_copy)]) == 1
    err = capsys.readouterr().err
    lines = _problem_lines(err, case)
    assert lines, err
    if case.hint is not None:
        assert any(case.hint in line.partition("(hint: ")[2] for line in lines), err
    assert "Traceback" not in err


@pytest.mark.parametrize("name", ["type-date", "missing-file", "not-utf8", "quote-not-verbatim"])
def test_load_raises_one_data_error(name, data_copy):
    """load() raises a single DataError carrying the validator's problems, never another exception."""
    CASES[name].breaks(data_copy)
    with pytest.raises(DataError) as info:
        load(data_copy)
    assert _problem_lines("\n".join(f"- {p}" for p in info.value.problems), CASES[name])


def test_lines_are_the_rows_of_the_file(data_copy):
    """A problem's line is its row in the file, header first, counting rows that are blank or broken."""
    replace_in(
        data_copy / STATEMENTS, "\nvell-ports,", "\n\nvell-ports,"
    )  # a blank row 3 pushes the rest down
    replace_in(
        data_copy / STATEMENTS, ",offer,,quote,is willing to expand", ",offered,,quote,is willing to expand"
    )
    with pytest.raises(DataError) as info:
        load(data_copy)
    lines = {(p.line, p.column) for p in info.value.problems}
    assert lines == {(3, None), (5, "strength")}


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
    names = ("type-date", "enum", "foreign-key-theme", "quote-not-verbatim")
    for name in names:
        CASES[name].breaks(data_copy)
    assert main(["validate", str(data_copy)]) == 1
    err = capsys.readouterr().err
    for name in names:
        assert _problem_lines(err, CASES[name]), name


def test_bom_and_crlf_are_accepted(data_copy):
    """A UTF-8 byte order mark and CRLF line endings are fine."""
    for path in data_copy.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    ds = load(data_copy)
    assert list(ds.statements["statement_id"]) == [r["statement_id"] for r in rows(MEETING, "statements")]


def test_success_prints_counts_and_coverage(capsys):
    """On valid data the command prints each table's rows and each source's coverage, and exits 0."""
    assert main(["validate", str(MEETING)]) == 0
    out = capsys.readouterr().out
    assert f"statements.csv: {len(rows(MEETING, 'statements'))} rows" in out
    assert "sentences accounted for" in out
    assert out.splitlines()[-1].startswith("OK: no problems")


@pytest.mark.parametrize(
    ("file", "content", "named"),
    [
        (STATEMENTS, b"\x00\xff\xfe garbage", "statements.csv"),
        ("datapackage.json", b'{"resources": [{"schema": 3}]}', "datapackage.json, key resources[0]"),
    ],
    ids=["a table of garbage", "a descriptor of the wrong shape"],
)
def test_command_line_never_prints_a_traceback(data_copy, file, content, named):
    """The real command exits 1 without a traceback, naming where the problem is."""
    (data_copy / file).write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "cooperation", "validate", str(data_copy)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert named in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
