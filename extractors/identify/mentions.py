"""Letter text -> council names mentioned in it, each with where it stands, matched against the register."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.identify.register import COUNCIL_WORDS, EMAIL, WEB, Register, clean_text, name_words


@dataclass(frozen=True)
class NameMention:
    """One row per council name found in a piece of text, with the line it stands on."""

    keys: tuple[str, ...]  # council keys the words stand for (several when old and new councils share them)
    text: str
    line: int
    strong: bool  # the name came with council words ("Council", "Borough of") rather than bare



def words_with_lines(text: str) -> list[tuple[str, int]]:
    """Given text, return its words (e-mail and web addresses removed) with the line each stands on."""
    tokens = []
    for number, line in enumerate(text.splitlines()):
        line = WEB.sub(" ", EMAIL.sub(" ", line))
        tokens += [(w, number) for w in re.findall(r"[^\W_]+(?:['\u2019][^\W_]+)*|&", line)]
    return tokens


@lru_cache(maxsize=4)
def span_starters(register: Register) -> frozenset[str]:
    """Given the register, return the words a council name (with its council words) can begin with."""
    words = name_words()
    phrases = words.generic_phrases + words.protect
    return frozenset({k.split()[0] for k in register.index} | {p.split()[0] for p in phrases}
                     | words.generic | words.edge | set(words.replace))


def normalise_words(text: str) -> list[str]:
    """Given text, return its cleaned words with abbreviations written out ("MBC": three words)."""
    replace = name_words().replace
    return [e for t in clean_text(text).split() for e in replace.get(t, t).split()]


def overreaches(span: str) -> bool:
    """Given a span of words, return whether council words after its name run on into the next name."""
    words = name_words()
    expanded = normalise_words(span)
    core = [i for i, t in enumerate(expanded) if t not in words.generic and t not in words.edge]
    # "Westminster City Council and Royal Borough of ..." must stop at "Council", not swallow "and ... of".
    return bool(core) and any(t in words.edge for t in expanded[core[-1] + 1:])


def find_names(text: str, register: Register, capitalised: bool = True) -> list[NameMention]:
    """Given text, return every council name in it, left to right, taking the longest name at each word."""
    starters = span_starters(register)
    tokens = words_with_lines(text)
    found, i = [], 0
    while i < len(tokens):
        word = tokens[i][0]
        # Place names are capitalised in letters; this keeps "reading" and "bury" as ordinary words.
        if (capitalised and not word[:1].isupper()) or clean_text(word) not in starters:
            i += 1
            continue
        for length in range(min(8, len(tokens) - i), 0, -1):
            span = " ".join(t for t, _ in tokens[i: i + length])
            keys = register.lookup(span)
            if keys and not overreaches(span):
                strong = bool(COUNCIL_WORDS & set(normalise_words(span)))
                found.append(NameMention(tuple(sorted(keys)), span, tokens[i][1], strong))
                i += length
                break
        else:
            i += 1
    return found
