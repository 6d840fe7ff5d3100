"""Shared pytest setup. Stage-specific fixtures live in tests/fixtures_*.py and are registered here."""

from hypothesis import settings

pytest_plugins = [
    "tests.fixtures_argos",
    "tests.fixtures_site",
]

# Speed is measured by bench/, never asserted by a test: Hypothesis' per-example deadline would
# fail whichever property test happens to load the repair tables first (0.3 s, once).
settings.register_profile("digest", deadline=None)
settings.load_profile("digest")
