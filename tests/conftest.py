"""Shared pytest setup. Stage-specific fixtures live in tests/fixtures_*.py and are registered here."""

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings

from generator.normalize import opengram, wordlm
from tests.shared_data import GOLD, GOLD_MISSING

pytest_plugins = [
    "tests.fixtures_argos",
    "tests.fixtures_site",
]

# Speed is measured by bench/, never asserted by a test: Hypothesis' per-example deadline would
# fail whichever property test happens to load the repair tables first (0.3 s, once).
settings.register_profile("digest", deadline=None)
settings.load_profile("digest")


def pytest_sessionstart(session: pytest.Session) -> None:
    """CI must compare with the gold: without it, stop with one clear message."""
    if os.environ.get("CI") and not GOLD.is_dir():
        raise pytest.UsageError(GOLD_MISSING)


@pytest.fixture
def without_word_model(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Garble repair as it reads where neither word trigram (libime's, open-gram) is installed."""
    monkeypatch.setenv(wordlm.MODEL_ENV, "")
    monkeypatch.setenv(opengram.MODEL_ENV, "")
    wordlm.reset()
    yield
    monkeypatch.undo()
    wordlm.reset()
