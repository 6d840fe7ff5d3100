"""Bilingual digest site generator: ingest -> normalize -> translate -> pages -> site."""
