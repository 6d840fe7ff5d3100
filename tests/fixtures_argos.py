"""Fixtures for the translation stage (owned by the translate work)."""
