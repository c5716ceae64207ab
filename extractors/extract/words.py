"""Words of labels and questions -> plain, comparable forms: lower case, plain words, crude stems, group phrases.

'Kids' is 'children' (plain_words.csv), 'offered' and 'offering' meet at 'offer', and a group phrase may be
written with its words in other forms or with words between them ('single people and couples').
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.crosswalk import pairs

GroupPhrases = tuple[tuple[str, str], ...]


@lru_cache(maxsize=65536)
def normalise_words(text: str) -> str:
    """Given text, return it lower-cased with apostrophes unified, punctuation spaced out and informal words in
    their plain form ('kids' as 'children', from plain_words.csv)."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"(\d)\s*(hrs?|h)\b", r"\1 hours", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text.replace("-", " "))
    words, plain = plain_words()
    return words.sub(lambda m: plain[m.group(0)], text) if plain else text


@lru_cache(maxsize=1)
def plain_words() -> tuple[re.Pattern[str], dict[str, str]]:
    """Given nothing, return the pattern of informal words and the plain word for each (made once)."""
    plain = dict(pairs("plain_words.csv", "variant", "word"))
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(plain, key=len, reverse=True))) + r")\b"), plain


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Given a word, return a crude stem so that 'offered', 'offering' and 'offer' meet, and 'complete' and
    'completed' too."""
    for suffix in ("ions", "ion", "ing", "ed", "es", "s"):  # ('accommodated' and 'accommodation' meet too)
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:-1] if len(word) > 5 and word.endswith("e") else word


@lru_cache(maxsize=64)
def spaced_phrases(phrases: GroupPhrases) -> tuple[tuple[str, str, str], ...]:
    """Given the survey's group phrases, return (group, phrase, phrase normalised with spaces around), made once."""
    return tuple((g, p, f" {normalise_words(p).strip()} ") for g, p in phrases)


def phrase_stems_covered(words: str, phrases: GroupPhrases) -> str:
    """Given normalised text and the group phrases, return the one group some phrase of which the text holds
    every word of, in other forms or with words between ('single people and couples' for 'singles and
    couples'), or '' when none does or two groups do."""
    held = {stem(w) for w in words.split()}
    groups = {g for g, needed in phrase_stems(phrases) if needed <= held}
    return groups.pop() if len(groups) == 1 else ""


@lru_cache(maxsize=64)
def phrase_stems(phrases: GroupPhrases) -> tuple[tuple[str, frozenset[str]], ...]:
    """Given the group phrases, return each group with the stems of one of its phrases of two words or more, the
    little words left out (made once)."""
    found = [(g, frozenset(stem(w) for w in spaced.split() if w not in ("and", "or", "the", "of", "in")))
             for g, _, spaced in spaced_phrases(phrases)]
    return tuple((g, needed) for g, needed in found if len(needed) >= 2)
