"""Fixtures for site and browser tests (owned by the site work)."""
