"""The published data as a service: the last valid version stays while the files change, and each reload is logged."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import time
import zipfile

import pytest

from cooperation import export, routes, service
from cooperation.service import Publisher
from tests.helpers import entry, md_unescape, metric, page, replace_in, rewrite, rows


@pytest.fixture
def log(caplog) -> list[dict]:
    """The cooperation logger's lines, parsed."""
    caplog.set_level(logging.INFO, logger="cooperation")
    return lambda: [json.loads(r.getMessage()) for r in caplog.records if r.name == "cooperation"]


def _settled(path) -> None:
    """Date every file a minute back, as if the last edit were long done."""
    past = time.time() - 60
    for file in path.rglob("*"):
        os.utime(file, (past, past))


def _count(state) -> int:
    return len(state.dataset.statements)


def _remove_one(data) -> None:
    """A valid change: remove a paraphrased statement that quotes nothing and that no link names."""
    statements = rows(data, "statements")
    linked = {s["answers"] for s in statements} | {s["same_claim_as"] for s in statements}
    gone = next(
        s["statement_id"]
        for s in reversed(statements)
        if s["evidence"] == "paraphrase" and s["statement_id"] not in linked
    )
    rewrite(data / "statements.csv", lambda i, r: None if r["statement_id"] == gone else r)


def test_a_valid_package_is_published_and_logged(data_copy, log):
    """The first load publishes the data, with no pending update, and logs one valid reload with its counts."""
    state = Publisher(data_copy).current()
    assert _count(state) == len(rows(data_copy, "statements"))
    assert state.pending is None
    (line,) = log()
    assert line["event"] == "data.reload"
    assert line["valid"] is True
    assert line["statements"] == len(rows(data_copy, "statements"))


def test_a_bad_edit_keeps_the_last_valid_version(data_copy, log):
    """An invalid change is never published: the last valid data stays, with the problems pending and logged."""
    publisher = Publisher(data_copy, settle=0)
    before = _count(publisher.current())
    replace_in(data_copy / "statements.csv", ",offshore-wind;logistics,", ",offshore-wind;logistic,")
    state = publisher.current()
    assert _count(state) == before
    assert state.pending is not None
    assert not state.pending.writing
    assert any(p.value == "logistic" for p in state.pending.problems)
    reload, *problems = log()[1:]
    assert (reload["event"], reload["valid"], reload["problems"]) == ("data.reload", False, len(problems))
    assert {p["event"] for p in problems} == {"data.problem"}
    assert any(p["file"] == "statements.csv" and p["value"] == "logistic" and p["line"] for p in problems)
    assert publisher.current() is state  # nothing changed: nothing read, nothing logged
    assert len(log()) == 2 + len(problems)


def test_a_fixed_edit_is_published_on_the_next_load(data_copy, log):
    """Once the files validate again, the next load shows them, with no notice and a valid reload logged."""
    publisher = Publisher(data_copy, settle=0)
    before = _count(publisher.current())
    good = (data_copy / "statements.csv").read_bytes()
    (data_copy / "statements.csv").write_text("broken", encoding="utf-8")
    assert publisher.current().pending is not None
    (data_copy / "statements.csv").write_bytes(good)
    state = publisher.current()
    assert state.pending is None
    assert _count(state) == before
    assert [line["valid"] for line in log() if line["event"] == "data.reload"] == [True, False, True]


def test_a_statement_removed_is_the_new_version(data_copy, log):
    """A valid change replaces the published data at once (with no settling time asked)."""
    publisher = Publisher(data_copy, settle=0)
    before = _count(publisher.current())
    _remove_one(data_copy)
    state = publisher.current()
    assert _count(state) == before - 1
    assert state.pending is None
    assert log()[-1]["valid"] is True


def test_files_still_being_written_are_not_read(data_copy):
    """Within the settling time after a change, the published data stays and the update is said to be written."""
    publisher = Publisher(data_copy, settle=60)
    before = _count(publisher.current())
    _remove_one(data_copy)
    state = publisher.current()
    assert _count(state) == before
    assert state.pending.writing
    _settled(data_copy)
    assert _count(publisher.current()) == before - 1


def test_never_valid_data_gives_the_problems(data_copy):
    """A server that has never had valid data has no dataset to show, only the problems."""
    (data_copy / "narration.csv").unlink()
    state = Publisher(data_copy).current()
    assert state.dataset is None
    assert any(p.file == "narration.csv" for p in state.problems)


def test_a_torn_read_is_never_published(data_copy, monkeypatch):
    """A snapshot whose files changed while it was read is not published, however valid it looks."""
    publisher = Publisher(data_copy, settle=0)
    before = _count(publisher.current())
    real = service.snapshot.take

    def torn(root):
        files = real(root)
        return type(files)(files.root, files.files, files.stamp, torn=True)

    _remove_one(data_copy)
    monkeypatch.setattr(service.snapshot, "take", torn)
    state = publisher.current()
    assert _count(state) == before
    assert state.pending.writing
    monkeypatch.setattr(service.snapshot, "take", real)
    assert _count(publisher.current()) == before - 1


def test_visitors_see_a_calm_notice_not_the_problems(data_copy, monkeypatch):
    """After a bad edit, the page still shows the last valid counts, with a notice in the sidebar, and no error table."""
    monkeypatch.setenv(service.SETTLE_VAR, "0")
    at = entry(monkeypatch, data_copy)
    count = metric(at, "Statements")
    assert not at.sidebar.info
    replace_in(data_copy / "statements.csv", ",offshore-wind;logistics,", ",offshore-wind;logistic,")
    at.run()
    assert not at.exception
    assert not at.error
    assert metric(at, "Statements") == count
    (notice,) = at.sidebar.info
    assert "The data shown was published on" in notice.value
    assert "waiting to be checked" in notice.value


def test_the_data_page_says_which_version_is_served(data_copy, monkeypatch):
    """The data page names the version served and when its files changed, and a newer invalid version waiting."""
    monkeypatch.setenv(service.SETTLE_VAR, "0")
    at = page(monkeypatch, routes.DATA, data=data_copy)
    version = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))["version"]
    lines = [md_unescape(m.value) for m in at.markdown if "Version served" in m.value]
    assert lines == [lines[0]]
    assert f"Version served: {version}" in lines[0]
    assert "It is the version on disk." in lines[0]
    (data_copy / "narration.csv").unlink()
    at.run()
    (line,) = [md_unescape(m.value) for m in at.markdown if "Version served" in m.value]
    assert re.search(r"does not validate \(\d+ problems?\)", line), line
    assert "python -m cooperation validate" in line


@pytest.mark.parametrize(("given", "seconds"), [(None, 1.0), ("", 1.0), ("0", 0.0), ("2.5", 2.5)])
def test_the_settling_time_comes_from_the_environment(given, seconds):
    """COOPERATION_SETTLE_SECONDS gives the settling time in seconds; unset or empty, the default."""
    environ = {} if given is None else {service.SETTLE_VAR: given}
    assert service.settle_seconds(environ) == seconds


@pytest.mark.parametrize("given", ["1s", "-1", "inf", "nan", "soon"])
def test_a_settling_time_that_is_no_number_of_seconds_is_named_and_ignored(given, caplog):
    """A value that is not a number of seconds, 0 or more, falls back to the default with a warning naming the variable."""
    caplog.set_level(logging.WARNING, logger="cooperation")
    assert service.settle_seconds({service.SETTLE_VAR: given}) == service.SETTLE_SECONDS
    (warning,) = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert f"{service.SETTLE_VAR}={given!r}" in warning


def test_a_failure_while_loading_is_one_more_invalid_version(data_copy, monkeypatch, log):
    """An unforeseen exception while loading never takes the published data down: it is a pending, invalid version."""
    publisher = Publisher(data_copy, settle=0)
    before = _count(publisher.current())
    _remove_one(data_copy)

    def broken(files):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(service, "load", broken)
    state = publisher.current()
    assert _count(state) == before
    (problem,) = state.pending.problems
    assert "could not be loaded" in problem.message
    assert "disk on fire" in problem.message
    assert log()[-2]["valid"] is False


def test_files_that_never_stop_changing_give_a_problem_not_a_hang(data_copy, monkeypatch):
    """With nothing published yet, a snapshot torn every time is read a bounded number of times, then reported."""
    real = service.snapshot.take
    reads = []

    def torn(root):
        reads.append(root)
        files = real(root)
        return type(files)(files.root, files.files, files.stamp, torn=True)

    monkeypatch.setattr(service.snapshot, "take", torn)
    monkeypatch.setattr(service.time, "sleep", lambda _: None)
    state = Publisher(data_copy).current()
    assert state.dataset is None
    assert len(reads) == service.TORN_RETRIES
    (problem,) = state.problems
    assert "kept changing" in problem.message


def test_a_session_keeps_the_old_data_while_another_reads_the_new(data_copy):
    """While one session holds the publisher reading new files, another is served the published data, said to be pending."""
    publisher = Publisher(data_copy, settle=0)
    published = publisher.current()
    _remove_one(data_copy)
    with publisher._lock:  # another session is reading the new files
        state = publisher.current()
    assert state.dataset is published.dataset
    assert state.pending.writing
    assert _count(publisher.current()) == _count(published) - 1


def test_only_what_the_descriptor_names_is_published(data_copy, log):
    """A stray file beside the package starts no reload and is neither published nor zipped; a named document is."""
    publisher = Publisher(data_copy, settle=0)
    state = publisher.current()
    for stray in ("bench.db", "probe.txt", "sources/export.csv", "notes/draft.md"):
        (data_copy / stray).parent.mkdir(exist_ok=True)
        (data_copy / stray).write_text("not part of the package", encoding="utf-8")
    assert publisher.current() is state
    files = set(state.dataset.snapshot.files)
    assert not files & {"bench.db", "probe.txt", "sources/export.csv", "notes/draft.md"}
    named = {"datapackage.json", "CODEBOOK.md", *(f"{r}.csv" for r in state.dataset.schema.resource_names)}
    named |= {s["text_path"] for s in rows(data_copy, "sources") if s["text_path"]}
    assert files == named
    zipped = zipfile.ZipFile(io.BytesIO(export.package_zip(state.dataset.snapshot))).namelist()
    assert {name.split("/", 1)[1] for name in zipped} == named
    with (data_copy / "CODEBOOK.md").open("a", encoding="utf-8") as handle:
        handle.write("\nOne more line.\n")
    assert publisher.current() is not state  # a document of the package is part of it
    assert log()[-1]["valid"] is True
