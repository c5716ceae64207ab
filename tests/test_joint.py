"""A reply for several councils, read for one of them: its own columns kept, the others' left out."""

from __future__ import annotations

from extractors.extract.joint import document_for_council, table_for_council
from extractors.model import Cell, Document, Table

OWN = ["north vale", "north vale council"]
OTHER = [["south fen", "south fen council"]]


def table(rows: list[list[str]]) -> Table:
    """Given cell texts, return a table of them."""
    return Table([[Cell(text, f"t r{r}c{c}") for c, text in enumerate(row, 1)] for r, row in enumerate(rows, 1)],
                 "t", 1, 100.0)


def texts(found: Table) -> list[list[str]]:
    """Given a table, return its cell texts."""
    return [[c.text for c in row] for row in found.rows]


def test_columns_headed_with_another_council_are_left_out():
    found, named = table_for_council(table([
        ["", "North Vale: full-time", "North Vale: part-time", "South Fen: full-time", "South Fen: part-time"],
        ["Staff on leave", "12", "30", "7", "9"]]), OWN, OTHER)
    assert named
    assert texts(found) == [["", "full-time", "part-time"], ["Staff on leave", "12", "30"]]


def test_a_council_name_over_merged_cells_heads_the_blank_cells_beside_it():
    found, named = table_for_council(table([
        ["", "South Fen", "", "North Vale", ""],
        ["", "full-time", "part-time", "full-time", "part-time"],
        ["Staff on leave", "7", "9", "12", "30"]]), OWN, OTHER)
    assert named
    assert texts(found)[2] == ["Staff on leave", "12", "30"]


def test_a_reply_whose_columns_name_no_council_gives_no_view():
    document = Document(lines=[], tables=[table([["", "full-time", "part-time"], ["Staff on leave", "12", "30"]])])
    assert document_for_council(document, OWN, OTHER) is None


def test_shared_columns_stay_for_every_council():
    found, _ = table_for_council(table([
        ["", "Both councils", "North Vale", "South Fen"],
        ["Staff on leave", "19", "12", "7"]]), OWN, OTHER)
    assert texts(found)[1] == ["Staff on leave", "19", "12"]
