"""Test-side reply generator: random truths rendered into random FOI reply files (see README.md)."""
