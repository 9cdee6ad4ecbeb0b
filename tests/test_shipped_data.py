"""The shipped data package: valid by our validator and by Frictionless, complete, and coded as the codebook says.

These tests read data/ on purpose; every other test of the code runs on fixtures.
"""

from __future__ import annotations

import re

import pytest
from frictionless import Package

from cooperation import compare, load
from cooperation.validate import validate
from tests.helpers import DATA, rows

CODEBOOK = (DATA / "CODEBOOK.md").read_text(encoding="utf-8")
# The kinds of block in the curators' notes besides accounts, by the start of their heading.
BLOCKS = {"Related Belgian official document": "document", "Related": "related", "Belgian-side material": "material",
          "Other cop": "copies", "Third-party rewrites": "rewrites", "Context read": "context"}  # fmt: skip
TAG = re.compile(r"`\[[^\]`]*·[^\]`]*\]`")  # a claim's tag: [speaker · sectors · strength]


@pytest.fixture(scope="module")
def ds():
    return load(DATA)


def test_shipped_data_has_no_problems():
    """The shipped data validates with zero problems."""
    assert validate(DATA).problems == ()


def test_shipped_descriptor_is_a_valid_data_package():
    """Frictionless, the Data Package standard's reference library, finds the package valid, rows included."""
    report = Package(str(DATA / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_every_sentence_is_accounted_for(ds):
    """Every sentence of every source text is quoted by a statement or listed as narration."""
    for coverage in ds.coverage:
        assert coverage.unaccounted == (), coverage.source_id
        assert coverage.sentences > 0


SEED = "li-de-croo-2021-12-07"  # the meeting coded from the full text of Xinhua's report and FACTS.md


def test_both_leaders_name_the_areas_both_named(ds):
    """Areas both leaders named share one sector id, so that convergence can be counted."""
    seed = ds.tidy[ds.tidy["event_id"] == SEED]
    by_sector = seed.groupby("sector_id")["speaker_id"].nunique()
    both = set(by_sector[by_sector == 2].index)
    assert {"biomedicine", "intellectual-property", "free-trade", "eu-relations"} <= both


def test_every_area_a_leader_named_is_tagged_on_that_leader(ds):
    """Each cooperation field named in Xinhua's report is a sector on a statement of its speaker."""
    named = {
        "li-keqiang": {"biomedicine", "microelectronics", "modern-agriculture", "intellectual-property",
                       "free-trade", "multilateralism", "pandemic-response", "people-to-people",
                       "political-relations", "economic-cooperation", "eu-relations"},
        "alexander-de-croo": {"investment", "trade", "biomedicine", "scientific-research",
                              "intellectual-property", "free-trade", "eu-relations",
                              "political-relations", "pandemic-response", "people-to-people"},
    }  # fmt: skip
    seed = ds.tidy[ds.tidy["event_id"] == SEED]
    for speaker, sectors in named.items():
        tagged = set(seed.loc[seed["speaker_id"] == speaker, "sector_id"])
        assert sectors <= tagged, sectors - tagged


def _accounts_md() -> dict[str, str]:
    """ACCOUNTS.md's sections by heading."""
    text = (DATA / "ACCOUNTS.md").read_text(encoding="utf-8")
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


@pytest.mark.parametrize(
    ("heading", "source_id"),
    [
        ("China's foreign ministry readout", "mfa-readout-2021-12-07"),
        ("The Belgian Prime Minister's office news item", "premier-be-2021-12-07"),
    ],
)
def test_every_point_of_an_account_without_text_is_coded(heading, source_id):
    """Each point of ACCOUNTS.md names what codes it; those rows are the account's, and every row has a point."""
    section = _accounts_md()[heading]
    points = re.split(r"^\s*- ", section, flags=re.M)[1:]
    assert points
    for point in points:
        assert "→" in point or point.rstrip().endswith(":"), (
            point
        )  # each point, but a heading of points, says what codes it
    named = set(re.findall(r"→ `([a-z0-9-]+)`", section))
    rows_of_account = {s["statement_id"] for s in rows(DATA, "statements") if s["source_id"] == source_id} | {
        n["narration_id"] for n in rows(DATA, "narration") if n["source_id"] == source_id
    }
    assert named == rows_of_account


def test_the_comparison_finds_what_the_accounts_say_alone(ds):
    """Human rights and a level playing field only in the Belgian item, commemorations only in the readout,
    opposing protectionism only in Xinhua's report (unknown in the readout)."""
    event = SEED
    alone = {r.statement["statement_id"]: r for r in compare.only_in(ds, event)}
    assert {"pm-dc-human-rights", "pm-meeting-level-playing-field"} <= alone.keys()
    assert "mfa-li-commemorations" in alone
    assert alone["dc-free-trade"].unknown_in == ("mfa-readout-2021-12-07",)
    assert "pm-meeting-covid" not in alone  # its topic is in the other accounts too


def test_the_comparison_finds_healthy_and_sound(ds):
    """The same claim in Xinhua's report and the readout differs by one word: healthy, sound."""
    event = SEED
    (claim,) = [c for c in compare.same_claims(ds, event) if "li-healthy-relations" in set(c["statement_id"])]
    kind, texts = compare.compared_texts(claim)
    marked = compare.differing_words(texts)
    assert kind == "summary"  # the readout's text is not held
    assert [[w.strip(",") for w, differs in words if differs] for words in marked] == [["healthy"], ["sound"]]


def test_what_each_account_says_of_each_leader(ds):
    """The readout's De Croo is unknown throughout; the Belgian item reports nothing of Li."""
    event = SEED
    frame = compare.matrix(ds, event)
    dc_in_readout = frame[
        (frame["speaker_id"] == "alexander-de-croo") & (frame["source_id"] == "mfa-readout-2021-12-07")
    ]
    assert set(dc_in_readout["state"]) == {compare.UNKNOWN}
    li_in_item = frame[
        (frame["speaker_id"] == "li-keqiang") & (frame["source_id"] == "premier-be-2021-12-07")
    ]
    assert set(li_in_item["state"]) == {compare.NOT_MENTIONED}


def _notes() -> dict[str, list[str]]:
    """Each block of the curators' notes (an account, or related material) and its tagged claims, by ref.

    An account is ``E2/2a``, its claims ``E2/2a/1``, ``E2/2a/2``…; other blocks are named by kind
    (``E5/material``). E15, the seed meeting, is coded from FACTS.md and ACCOUNTS.md instead.
    """
    text = (DATA / "EVENTS.md").read_text(encoding="utf-8").split("## Summary table")[0]
    found: dict[str, list[str]] = {}
    event = block = None
    for line in text.splitlines():
        if heading := re.match(r"^## (E\d+)\. ", line):
            event, block = heading.group(1), None
            continue
        if event in (None, "E15"):
            continue
        if account := re.match(r"^(?:### |\*\*)Account (\d+[a-z](?:-\d+)?):", line):
            block = f"{event}/{account.group(1)}"
        elif line.startswith("**Belgian material:**"):
            block = f"{event}/material"
        elif line.startswith("### "):
            kind = next((v for k, v in BLOCKS.items() if line[4:].startswith(k)), None)
            block = kind and f"{event}/{kind}"
        elif line.startswith("---"):
            block = None
        if block is None:
            continue
        claims = found.setdefault(block, [])
        if TAG.search(line):
            claims.append(f"{block}/{len(claims) + 1}")
    return found


def _refs() -> set[str]:
    """Every ref the data gives, in every table that has one."""
    return {
        r["ref"]
        for name in ("events", "sources", "copies", "statements", "narration")
        for r in rows(DATA, name)
        if r["ref"]
    }


def _not_coded() -> dict[str, str]:
    """The codebook's table of what is not coded: ref, and why."""
    section = CODEBOOK.split("## Claims in the notes that are not coded", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^\| `([^`]+)` \| (.+) \|$", section, re.M))


def test_the_notes_describe_every_block_the_test_reads():
    """The parser of the notes finds the accounts and claims they hold (so the tests below can fail)."""
    notes = _notes()
    assert len([b for b in notes if re.search(r"/\d", b)]) > 80
    assert sum(map(len, notes.values())) > 300
    assert notes["E2/2a"] == [f"E2/2a/{i}" for i in range(1, 7)]


def test_every_event_of_the_notes_has_its_row():
    """Every contact of the notes, E15 included, is an event of the data, named by its ref."""
    events = set(re.findall(r"^## (E\d+)\. ", (DATA / "EVENTS.md").read_text(encoding="utf-8"), re.M))
    subevents = set(
        re.findall(r"^### (E\d+[a-d])\. ", (DATA / "EVENTS.md").read_text(encoding="utf-8"), re.M)
    )
    refs = {r["ref"] for r in rows(DATA, "events")}
    parents = {e for e in events if any(s.startswith(e) for s in subevents)}
    assert (events - parents) | subevents <= refs


def test_every_account_and_claim_of_the_notes_is_accounted_for():
    """Each account is a source or a copy (or listed as not coded); each claim a statement, a narration row or a listed reason."""
    refs, skipped = _refs(), _not_coded()
    for block, claims in _notes().items():
        assert block in refs | skipped.keys() or any(r.startswith(block + "/") for r in refs), block
        for claim in claims:
            assert claim in refs or claim in skipped, claim


def test_every_ref_points_into_the_notes():
    """No row and no line of the codebook names a claim or an account that the notes do not have."""
    notes = _notes()
    known = set(notes) | {c for claims in notes.values() for c in claims}
    events = {r["ref"] for r in rows(DATA, "events")}
    for ref in _refs() | _not_coded().keys():
        if ref in events or ref.startswith("E15/"):
            continue
        assert ref in known, ref


def test_what_is_coded_is_not_also_said_to_be_left_out():
    """A claim the codebook lists as not coded has no row of its own."""
    assert not (
        _not_coded().keys() & {r["ref"] for name in ("statements", "narration") for r in rows(DATA, name)}
    )


def test_every_statement_the_codebook_cites_exists():
    """Each statement id the codebook names as an example is a row of the data."""
    ids = {r["statement_id"] for r in rows(DATA, "statements")} | {
        r["source_id"] for r in rows(DATA, "sources")
    }
    ids |= {r["copy_id"] for r in rows(DATA, "copies")} | {r["event_id"] for r in rows(DATA, "events")}
    ids |= {r["speaker_id"] for r in rows(DATA, "speakers")} | {
        r["narration_id"] for r in rows(DATA, "narration")
    }
    cited = set(re.findall(r"`(\d{4}-\d{2}-\d{2}-[a-z0-9-]+)`", CODEBOOK))
    assert cited, "the codebook cites examples"
    assert cited <= ids, cited - ids


def test_every_account_is_of_a_side():
    """Accounts come from both sides and from third parties."""
    sides = {r["side"] for r in rows(DATA, "sources")}
    assert sides == {"China", "Belgium", "third party"}


def test_roles_change_with_the_events():
    """Speakers who changed office have the role of the day at each event (Wang Yi, De Croo)."""
    roles = {}
    for p in rows(DATA, "participants"):
        roles.setdefault(p["speaker_id"], set()).add(p["role"])
    assert len(roles["wang-yi"]) >= 3
    assert any("caretaker" in r for r in roles["alexander-de-croo"])
    assert any(r.startswith("Deputy Prime Minister") for r in roles["alexander-de-croo"])


def test_the_upgrade_of_2014_is_followed_up_later():
    """The partnership of 2014 is recalled at later events, as checked follow-up links, and its formula is kept."""
    statements = {r["statement_id"]: r for r in rows(DATA, "statements")}
    later = [s for s in statements.values() if s["follows_up"] == "2014-03-31-mfa-en-1"]
    assert len(later) >= 4
    assert statements["2014-03-31-mfa-en-1"]["formula"] == "all-round friendly cooperative partnership"
