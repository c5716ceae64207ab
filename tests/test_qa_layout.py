"""Unruled question-and-answer tables: rows found by their numbers, wrapped text kept in its column."""

from __future__ import annotations

from extractors.extract.qa_layout import qa_tables
from extractors.model import Document, Line


def line(top: float, *pieces: tuple[str, float]) -> Line:
    """Given a height and (text, x) pieces, return a line of a page."""
    texts = tuple(t for t, _ in pieces)
    return Line(" ".join(texts), 1, top, segments=texts, segment_x=tuple(x for _, x in pieces))


def test_wrapped_questions_and_answers_stay_in_their_rows():
    lines = [
        line(100, ("No.", 57), ("Question", 89), ("Response", 320)),
        line(110, ("1", 57), ("How many staff were on leave: (a) full-time", 89), ("(a) 12", 320)),
        line(120, ("and (b) part-time?", 89), ("(b) 40", 320)),
        line(130, ("2", 57), ("Who runs the rota?", 89), ("An agency, under", 320)),
        line(140, ("contract", 320)),
        line(160, ("Yours sincerely,", 57)),
    ]
    document = qa_tables(Document(lines=lines, tables=[], pages=1))
    rows = [[c.text for c in row] for row in document.tables[0].rows]
    assert rows[1] == ["1", "How many staff were on leave: (a) full-time\nand (b) part-time?", "(a) 12\n(b) 40"]
    assert rows[2] == ["2", "Who runs the rota?", "An agency, under\ncontract"]
    assert [ln.text for ln in document.lines] == ["Yours sincerely,"]


def test_a_heading_without_an_answer_column_is_left_as_text():
    lines = [line(100, ("No.", 57), ("Question", 89), ("Notes", 320)), line(110, ("1", 57), ("Text", 89), ("x", 320))]
    assert qa_tables(Document(lines=lines, tables=[], pages=1)).tables == []
