"""The published data as a service: the last valid version stays while the files change, and each reload is logged."""

from __future__ import annotations

import json
import logging
import os
import re
import time

import pytest

from cooperation import routes, service, ui
from cooperation.service import Publisher
from tests.helpers import entry, metric, page, replace_in, rewrite, rows


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
    monkeypatch.setenv(ui.SETTLE_VAR, "0")
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
    monkeypatch.setenv(ui.SETTLE_VAR, "0")
    at = page(monkeypatch, routes.DATA, data=data_copy)
    version = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))["version"]
    lines = [m.value.replace("\\", "") for m in at.markdown if "Version served" in m.value]
    assert lines == [lines[0]]
    assert f"Version served: {version}" in lines[0]
    assert "It is the version on disk." in lines[0]
    (data_copy / "narration.csv").unlink()
    at.run()
    (line,) = [m.value.replace("\\", "") for m in at.markdown if "Version served" in m.value]
    assert re.search(r"does not validate \(\d+ problems?\)", line), line
    assert "python -m cooperation validate" in line
