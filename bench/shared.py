"""Where the benchmarks find the hand-checked gold: `shared/` beside the clone
(DIGEST_SHARED overrides)."""

from __future__ import annotations

import os
from pathlib import Path

GOLD = (
    Path(os.environ.get("DIGEST_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "gold"
)
GOLD_MISSING = (
    f"gold reference data not found at {GOLD}: put shared/ beside the clone or set DIGEST_SHARED"
)


def gold_folder() -> Path:
    """The gold folder; a benchmark that needs it stops saying where it was looked for."""
    if not any(GOLD.glob("*.txt")):
        raise SystemExit(GOLD_MISSING)
    return GOLD


def gold_texts() -> list[Path]:
    return sorted(gold_folder().glob("*.txt"))
