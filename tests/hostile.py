"""A hostile copy of the meeting fixture: markup, script and Markdown directives in every text field.

The package's own title, descriptions, contributor and licence carry it too.
It still validates: ids stay slugs and URLs stay https, because the validator
rejects anything else there; every other text field carries the payload (the
events' and accounts' facts, the gaps' notes, summaries and paraphrased
narration included), and one source sentence carries it together with a
statement quoting it verbatim.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import MEETING, rewrite, rows

PAYLOAD = (
    "<script>alert('xss-script')</script>"
    '<img src=x onerror="alert(\'xss-img\')" id="pwned-img">'
    '<iframe src="javascript:alert(\'xss-iframe\')" id="pwned-iframe"></iframe>'
    "<style>body{display:none !important}</style>"
    '<a href="javascript:alert(\'xss-a\')" id="pwned-a">html link</a> '
    "[md link](javascript:alert('xss-md')) costs $5 and $10 :red[red text] **bold**"
)
# The statement whose quote and summary become the payload: another statement
# quotes the rest of its sentence, so every sentence stays accounted for.
CARRIER = "vell-students"
# Pieces that must read literally on the page.
LITERALS = ("costs $5 and $10", ":red[red text]", "**bold**", "<script>", "[md link](javascript:")
MARKERS = ("#pwned-img", "#pwned-iframe", "#pwned-a")

# Columns that hold free text (not ids, dates, URLs, enums or numbers).
TEXT = {
    "events": ("title", "kind", "place", "occasion", "notes"),
    "sources": ("title", "publisher", "label", "time_given", "place_given", "time_note", "notes"),
    "speakers": ("name", "role"),
    "themes": ("title", "description"),
    "sectors": ("label", "description"),
    "statements": ("summary", "notes"),
    "narration": ("notes",),
    "gaps": ("note",),
}


def make_hostile(target: Path) -> Path:
    shutil.copytree(MEETING, target)
    for name, columns in TEXT.items():

        def change(i, row, columns=columns):
            for column in columns:
                # Unique columns (labels, titles) stay unique; countries stay distinct.
                row[column] = f"{PAYLOAD} {column} {i + 1}"
            return row

        rewrite(target / f"{name}.csv", change)

    # A country carries the payload too, the same in every table that names it (an account's side is one).
    named = dict.fromkeys(s["country"] for s in rows(MEETING, "speakers"))
    countries = {c: f"{PAYLOAD} country {i + 1}" for i, c in enumerate(named)}

    def rename(column):
        def change(i, row):
            row[column] = countries.get(row[column], row[column])
            return row

        return change

    rewrite(target / "speakers.csv", rename("country"))
    rewrite(target / "sources.csv", rename("side"))

    package_path = target / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    package["title"] = f"{PAYLOAD} package title"
    package["description"] = f"{PAYLOAD} package description"
    package["contributors"][0]["title"] = f"{PAYLOAD} contributor"
    package["licenses"][0]["title"] = f"{PAYLOAD} licence"
    for resource in package["resources"]:
        resource["description"] = f"{PAYLOAD} {resource['name']}"
        for field in resource["schema"]["fields"]:
            field["description"] = f"{PAYLOAD} {field['name']}"
    package_path.write_text(json.dumps(package, indent=2), encoding="utf-8")

    text_path = target / rows(MEETING, "sources")[0]["text_path"]
    text_path.write_text(
        text_path.read_text(encoding="utf-8").rstrip("\n") + f" Hostile: {PAYLOAD} ends here.\n",
        encoding="utf-8",
    )

    def quote_payload(i, row):
        if row["statement_id"] == CARRIER:
            row["quote"] = PAYLOAD
            row["summary"] = PAYLOAD
        return row

    rewrite(target / "statements.csv", quote_payload)

    def paraphrase_payload(i, row):  # a paraphrase is our wording, so it may carry anything
        if row["evidence"] == "paraphrase":
            row["text"] = f"{PAYLOAD} narration {i + 1}"
        return row

    rewrite(target / "narration.csv", paraphrase_payload)
    return target
