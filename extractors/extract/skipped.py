"""Question blocks -> the questions a letter restates and leaves with nothing under them.

A restated question with no answer below it is the letter's own evidence that the question was skipped; a heading
carrying its answer after the number ('8. Mears') is not a restatement.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from extractors.extract.letters import Block
from extractors.extract.matching import strip_ref
from extractors.extract.restated import without_restated_question


def skipped_keys(blocks: list[Block]) -> dict[str, str]:
    """Given a letter's question blocks, return the keys of questions restated with nothing under them (and
    nowhere else answered), each with where the question stands."""
    answered = {b.question.id for b in blocks if own_answer(b) or b.tables or
                strip_ref(b.heading.text).strip() and not restates(b)}
    return {k.key: b.heading.locator for b in blocks if b.question.id not in answered
            for k in b.question.keys if not b.part or k.part == b.part}


def own_answer(block: Block) -> str:
    """Given a block, return its answer text without the wrapped end of its question ('provider.' under '...
    Please name any commissioned')."""
    if not block.answer_text.strip():
        return ""
    return without_restated_question(block.answer_text, block.question.text).strip()


def restates(block: Block) -> bool:
    """Given a block, return whether its heading restates its question's words ('8. Who is ...?'), rather than
    giving an answer after the number ('8. Mears')."""
    text = strip_ref(block.heading.text)
    return "?" in text or fuzz.partial_ratio(text.lower(), block.question.text.lower()) >= 80
