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


def gold_texts() -> list[Path]:
    """The gold articles; a benchmark that needs them stops saying where they were looked for."""
    files = sorted(GOLD.glob("*.txt"))
    if not files:
        raise SystemExit(GOLD_MISSING)
    return files
