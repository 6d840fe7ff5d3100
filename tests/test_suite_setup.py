"""The test suite's own set-up: a missing shared/ is named, never a stray StopIteration."""

import os
import subprocess
import sys

from tests.shared_data import REPO


def test_ci_without_the_gold_stops_with_one_clear_message(tmp_path) -> None:
    env = {**os.environ, "CI": "1", "DIGEST_SHARED": str(tmp_path / "absent")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_tables.py"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
    )
    assert result.returncode != 0
    assert f"gold reference data not found at {tmp_path / 'absent' / 'gold'}" in result.stderr
