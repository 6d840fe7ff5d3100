"""Where the read-only reference data lives: `shared/` beside the clone (DIGEST_SHARED overrides)."""

import os
from pathlib import Path

SHARED = Path(os.environ.get("DIGEST_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
