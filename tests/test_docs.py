"""Tests that keep the docs honest: README, codebook and citation agree with the data and the code."""

from __future__ import annotations

import json
import re

import yaml

from cooperation import load, memo
from tests.helpers import DATA, ROOT, rows

README = (ROOT / "README.md").read_text(encoding="utf-8")
CODEBOOK = (DATA / "CODEBOOK.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
PACKAGE = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))


def _quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1]
    block = re.search(r"```[^\n]*\n(.*?)```", section, re.S).group(1)
    return [line.strip() for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_quick_start_has_two_commands_that_exist():
    """The Quick start block holds exactly two commands: make targets that serve and test."""
    commands = _quick_start()
    assert commands == ["make run", "make test"]
    for command in commands:
        target = command.split()[1]
        assert re.search(rf"^{target}:", MAKEFILE, re.M), target


def test_ci_runs_the_readme_test_command():
    """CI calls the README's test command and requires the browser tests."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)
    assert "CI=true" in ci


def test_every_make_target_in_the_readme_exists():
    """Each `make X` the README mentions is a target of the Makefile."""
    for target in set(re.findall(r"`make (\w+)`", README)):
        assert re.search(rf"^{target}:", MAKEFILE, re.M), target


def test_readme_states_no_count_the_data_decides():
    """The README says what the data covers, never how many rows it has: a curator adding a row edits no prose."""
    counted = re.findall(
        r"\b\d[\d,]* (?:statements|sectors|themes|accounts|events|contacts|claims)\b", README
    )
    assert counted == [], counted


def test_codebook_covers_every_sector_theme_and_strength():
    """The codebook names every sector id, theme id and commitment strength."""
    for row in rows(DATA, "sectors"):
        assert f"`{row['sector_id']}`" in CODEBOOK, row["sector_id"]
    for row in rows(DATA, "themes"):
        assert f"`{row['theme_id']}`" in CODEBOOK, row["theme_id"]
    for strength in load(DATA).strengths:
        assert f"| `{strength}` |" in CODEBOOK, strength


def test_codebook_examples_are_real_rows():
    """Each example of the commitment scale is a statement with that strength, quoted word for word."""
    statements = {r["statement_id"]: r for r in rows(DATA, "statements")}
    examples = re.findall(r"^\| `(\w+)` \|.*\| `([a-z0-9-]+)`: (.*) \|$", CODEBOOK, re.M)
    assert len(examples) == len(load(DATA).strengths)
    for strength, statement_id, text in examples:
        row = statements[statement_id]
        assert row["strength"] == strength
        assert row["quote"] in text


def test_codebook_coverage_figures_match_the_data():
    """The codebook's coverage sentence for the text held matches what the validator computes."""
    (coverage,) = load(DATA).coverage
    words = " ".join(CODEBOOK.split())
    assert (
        f"{coverage.accounted} of {coverage.sentences} sentences are accounted for, "
        f"{coverage.quoted} by statements and {coverage.narration} by narration" in words
    )


def test_citation_matches_the_data_package():
    """CITATION.cff names the data package's title, version, licence and source."""
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["title"] == PACKAGE["title"]
    assert cff["version"] == PACKAGE["version"]
    assert cff["license"] == PACKAGE["licenses"][0]["name"]
    assert [r["title"] for r in cff["references"]] == [s["title"] for s in PACKAGE["sources"]]
    assert [r.get("url") for r in cff["references"]] == [
        s["path"] if s.get("path", "").startswith("http") else None for s in PACKAGE["sources"]
    ]  # a path within the package (the curators' notes) is no URL
    assert {a["name"] for a in cff["authors"]} == {c["title"] for c in PACKAGE["contributors"]}


def test_source_facts_match_the_sources_table():
    """The seed accounts' URLs are in ACCOUNTS.md; no account or copy is published before its event."""
    accounts = (DATA / "ACCOUNTS.md").read_text(encoding="utf-8")
    dates = {e["event_id"]: e["date"] for e in rows(DATA, "events")}
    sources = rows(DATA, "sources")
    for source in sources:
        if source["ref"].startswith("E15/"):
            assert source["url"] in accounts, source["source_id"]
        assert (source["published"] or dates[source["event_id"]]) >= dates[source["event_id"]], source
    event_of = {s["source_id"]: s["event_id"] for s in sources}
    for copy in rows(DATA, "copies"):
        assert (copy["published"] or "9999") >= dates[event_of[copy["source_id"]]], copy


def test_data_dictionary_doc_is_generated_from_the_descriptor(capsys):
    """docs/data-dictionary.md is exactly what the descriptor generates today."""
    from cooperation.__main__ import main

    assert main(["dictionary", str(DATA)]) == 0
    assert capsys.readouterr().out == (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")


def test_security_doc_names_tests_that_exist():
    """Every test file and test named in SECURITY.md's coverage table exists."""
    security = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", security)
    assert len(named) >= 8
    for path, test in named:
        assert (ROOT / path).is_file(), path
        if test:
            assert re.search(rf"^def {test}\(", (ROOT / path).read_text(encoding="utf-8"), re.M), test


def test_readme_gives_the_cache_defaults_and_variables_of_the_code():
    """The cache's defaults and the variables that set them, as the README gives them, are the code's."""
    assert f"at most {memo.MAX_ENTRIES} entries and {memo.MAX_MB} MiB by default" in " ".join(README.split())
    for variable in (memo.ENTRIES_VAR, memo.MB_VAR):
        assert f"`{variable}`" in README
