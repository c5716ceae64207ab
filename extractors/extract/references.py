"""An answer that points at another ('As above.', 'Please refer to our answer to Question 1.') -> that answer."""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.extract.letters import Block
from extractors.model import Candidate

AS_ABOVE = re.compile(r"^\W*(?:as above|same as above|(?:please )?(?:see|refer to) (?:our |the )?"
                      r"(?:answer|response|reply) (?:to|for|at) (?:q|question)\s*\d+(?: above)?"
                      r"|as (?:for|per) (?:the )?(?:(?:answer|response|reply) (?:to|for|at) )?(?:q|question)\s*\d+"
                      r"|the same(?: as (?:q|question)\s*\d+)?)\W*$", re.I)


def as_above(block: Block, earlier: list[tuple[Block, list[Candidate]]]) -> list[Candidate]:
    """Given a single-key block answered 'As above.', return the previous same-type answer under this key."""
    keys = block.question.keys
    if len(keys) != 1 or not AS_ABOVE.match(" ".join(block.answer_text.split())):
        return []
    named = re.search(r"(?:q|question)\s*(\d+)", block.answer_text, re.I)
    for previous, found in reversed(earlier):
        if previous.question.type != keys[0].type or (named and previous.question.number != int(named.group(1))):
            continue
        source = next((c for c in found if len(previous.question.keys) == 1 and c.key == previous.question.keys[0].key),
                      None)
        if source:
            return [Candidate(keys[0].key, source.status, source.value, block.answer_text, block.locator,
                              f"as above (the answer to Q{previous.question.number})", source.confidence * 0.95,
                              source.reason, source.detail)]
    return []


def pointed_block(block: Block, earlier: list[tuple[Block, list[Candidate]]]) -> Block | None:
    """Given a block in parts answered 'Please see the response to Question 5.', return it with that answer's
    lines as its own (the figures there that count this question's measure then answer it), or None."""
    named = re.search(r"(?:q|question)\s*(\d+)", block.answer_text, re.I)
    if len(block.question.keys) < 2 or not named or not AS_ABOVE.match(" ".join(block.answer_text.split())):
        return None
    source = next((b for b, _ in reversed(earlier) if b.question.number == int(named.group(1))), None)
    return replace(block, answer_lines=source.answer_lines) if source and source.answer_lines else None
