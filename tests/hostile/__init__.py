"""Hostile and broken replies, made on demand: `python -m tests.hostile.make_corpus OUT_DIR` (issue 14)."""
