"""Write a valid data package of N statements resampled from a real one.

Quotes stay verbatim (each generated statement copies a real statement's
source, speaker, evidence, quote and strength), sectors are drawn from the
real sector ids, and links between statements are dropped, so
``python -m cooperation validate`` accepts the result.

    python -m benchmarks.generate 100000 /tmp/data-100k
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

import pandas as pd

from cooperation.data import DEFAULT_DATA_DIR
from cooperation.schema import DESCRIPTOR, Schema


def generate(n: int, target: Path, source: Path = DEFAULT_DATA_DIR, seed: int = 2021) -> Path:
    """Copy ``source`` to ``target`` with ``n`` resampled statements."""
    target = Path(target)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    schema = Schema(json.loads((target / DESCRIPTOR).read_text(encoding="utf-8")))
    delimiter = schema.delimiter("statements", "sectors")
    real = pd.read_csv(target / schema.path("statements"), dtype=str, keep_default_na=False)
    sectors = pd.read_csv(target / schema.path("sectors"), dtype=str, keep_default_na=False)[
        "sector_id"
    ].tolist()
    rng = random.Random(seed)
    picks = [rng.randrange(len(real)) for _ in range(n)]
    out = real.iloc[picks].reset_index(drop=True)
    out["statement_id"] = [f"s{i:07d}" for i in range(n)]
    out["sectors"] = [
        delimiter.join(rng.sample(sectors, k=min(len(sectors), rng.choice((1, 1, 1, 2, 3)))))
        for _ in range(n)
    ]
    for link in (
        "answers",
        "same_claim_as",
        "follows_up",
    ):  # links point at real statement ids, which no longer exist
        if link in out:
            out[link] = ""
    out.to_csv(target / schema.path("statements"), index=False, lineterminator="\n")
    # Restatements point at real statement ids, which no longer exist.
    narration = pd.read_csv(target / schema.path("narration"), dtype=str, keep_default_na=False)
    narration["restates"] = ""
    narration.to_csv(target / schema.path("narration"), index=False, lineterminator="\n")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of statements")
    parser.add_argument("target", type=Path, help="directory to write (replaced if it exists)")
    parser.add_argument("--source", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    print(generate(args.n, args.target, args.source, args.seed))


if __name__ == "__main__":
    main()
