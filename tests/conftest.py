"""Shared pytest setup. Stage-specific fixtures live in tests/fixtures_*.py and are registered here."""

pytest_plugins = [
    "tests.fixtures_argos",
    "tests.fixtures_site",
]
