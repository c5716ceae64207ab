"""Nothing about either bundled survey is in the code: its keys, topic terms and providers live in survey.yaml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors.survey import load_survey

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("rhi-2026", "ta-2026")
# the code and the project's own crosswalks (the council register and its name tables are data about councils)
SEARCHED = [p for folder in ("extractors", "flows", "schemas", "warehouse") for p in (ROOT / folder).rglob("*")
            if p.suffix in (".py", ".csv", ".j2", ".yaml") and "reference" not in p.parts
            and not p.name.startswith("council_") and p.name != "template.yaml"]


def topic_words(example: str) -> set[str]:
    """Given a bundled example, return the words that belong to its topic: keys, terms, providers, group labels."""
    survey = load_survey(ROOT / "examples" / example)
    words = {k.name for k in survey.keys if "_" in k.name}
    vocabulary = survey.vocabulary
    # the topic's own terms (several words: one-word synonyms such as 'held' are ordinary English)
    words |= {w for term, variants in vocabulary.terms if len(term.split()) > 1 for w in (term, *variants)
              if len(w.split()) > 1}
    words |= {name for name in vocabulary.providers if len(name) > 5}
    words |= {w for group in vocabulary.groups for w in (group.label, *group.words) if len(w.split()) > 1}
    return {w.lower() for w in words}


@pytest.mark.parametrize("example", EXAMPLES)
def test_code_and_crosswalks_hold_no_word_of_the_examples(example: str):
    words = topic_words(example)
    assert len(words) > 10
    hits = []
    for path in SEARCHED:
        text = path.read_text(encoding="utf-8").lower()
        hits += [f"{path.relative_to(ROOT)}: {w}" for w in words
                 if re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", text)]
    assert hits == []


def test_the_check_would_find_a_topic_word(tmp_path: Path):
    words = topic_words("rhi-2026")
    planted = "return home interview"
    assert planted in words
    assert re.search(rf"(?<![\w]){re.escape(planted)}(?![\w])", f"# a comment about a {planted}\n")
