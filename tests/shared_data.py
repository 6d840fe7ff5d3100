"""Where the read-only reference data lives: `shared/` beside the clone (DIGEST_SHARED overrides).

The five seeds are also the bundled sample drop (`sources/`, byte for byte the same), so only
the hand-checked gold needs `shared/`.  Tests that compare with it are marked `needs_gold`:
without it they are skipped, saying where it was looked for; in CI (`CI` set) the run stops
at once with that message instead, since a missing shared/ must not pass unnoticed.
"""

import os
from pathlib import Path

import pytest

from bench.shared import GOLD, GOLD_MISSING

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "sources"
FRESH_ARTICLES = REPO / "bench" / "articles"  # clean text written for the benchmark

needs_gold = pytest.mark.skipif(not GOLD.is_dir(), reason=GOLD_MISSING)


def missing(message: str) -> None:
    """A system package a test needs is not installed: skip, saying so; in CI, fail, since
    scripts/test installs it and its absence must not pass unnoticed."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
