"""Tests for extractors.parse: counts, tokens in prose, policy, provider and timescale answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.model import STATUSES, Parsed
from extractors.parse.values import (
    Token,
    combine_providers,
    count_tokens,
    is_not_held,
    is_refusal,
    parse_answer,
    parse_count,
    parse_hours,
    parse_policy,
    parse_provider,
)
from extractors.survey import load_survey

REPORTED_COUNTS = [
    ("1204", "1204"), ("1,204", "1204"), ("1\u2009204", "1204"), ("1\u202f204", "1204"),
    ("1\u00a0204", "1204"), ("1 204", "1204"), ("344.0", "344"), ("0", "0"), ("  17  ", "17"),
    ("330\u00b9", "330"), ("330*", "330"), ("330\u2020", "330"), ("330\u2021", "330"), ("330(1)", "330"),
    ("330 (1)", "330"), ("330^1", "330"), ("330 [note 1]", "330"), ("2,043\u00b2", "2043"),
    ("nil", "0"), ("Nil", "0"), ("none", "0"), ("zero", "0"), ("no", "0"), ("No", "0"),
    ("twelve", "12"), ("twenty-one", "21"), ("twenty one", "21"), ("ninety-nine", "99"),
    ("one hundred", "100"),
    ("412 (78%)", "412"), ("In 2025/26 there were 212", "212"), ("In 2025-26 there were 212.", "212"),
    ("2026", "2026"), ("\uff11\uff12", "12"),
]
SUPPRESSED = ["<5", "< 5", "*", "**", "fewer than 5", "less than five", "under 5", "1-4", "1 to 4",
              "1\u20134", "between 1 and 4", "<5 (s.40)", "c", "[c]", "x", "[x]", "X", "suppressed",
              "redacted", "withheld (s40)", "small number", "withheld under section 40", "section 40",
              "&lt;5", "<10", "\u22645"]
NOT_HELD = ["not held", "Not held", "information not held", "not recorded", "we do not record this",
            "not collected", "no data", "data not available", "N/A - not recorded", "Not known"]
REFUSED = [("Refused (s12)", "12"), ("s.12", "12"), ("section 12", "12"), ("exempt under s21", "21"),
           ("withheld under section 22", "22"), ("section 14", "14"), ("s.31", "31"), ("exempt", ""),
           ("Exceeds the appropriate limit", "12")]
NOT_ANSWERED = ["", "   ", "-", "\u2013", "\u2014"]
UNCLEAR = ["n/a", "N/A", "n/k", "?"]  # not applicable, not known or not held: the marker does not say
APPROXIMATE = ["approximately 300", "approx. 300", "around 300", "about 300", "c. 300", "c.300", "circa 300",
               "~300", "300+", "over 300", "more than 300", "fewer than 500"]


# The example survey's own words: its known providers and its timescale question.
EXAMPLE_SURVEY = load_survey(Path(__file__).resolve().parent.parent / "examples" / "rhi-2026")
PROVIDERS = EXAMPLE_SURVEY.key("provider").providers
TIMESCALE_QUESTION = EXAMPLE_SURVEY.key("timescale_hours").text


@pytest.mark.parametrize(("text", "value"), REPORTED_COUNTS)
def test_count_reported(text: str, value: str) -> None:
    """A written count becomes its whole number."""
    assert parse_count(text) == Parsed("reported", value, confidence=parse_count(text).confidence)
    assert parse_count(text).confidence >= 0.8


@pytest.mark.parametrize("text", SUPPRESSED)
def test_count_suppressed(text: str) -> None:
    """Small-number markers, including section 40 withholding, are suppressed with a reason."""
    parsed = parse_count(text)
    assert (parsed.status, parsed.value) == ("suppressed", "")
    assert parsed.reason


@pytest.mark.parametrize("text", NOT_HELD)
def test_count_not_held(text: str) -> None:
    """Not held, not recorded and not collected wording is not_held."""
    parsed = parse_count(text)
    assert (parsed.status, parsed.value) == ("not_held", "") and parsed.reason


@pytest.mark.parametrize(("text", "section"), REFUSED)
def test_count_refused(text: str, section: str) -> None:
    """An exemption other than section 40 is a refusal whose reason names the section."""
    parsed = parse_count(text)
    assert parsed.status == "refused"
    assert f"section {section}" in parsed.reason if section else parsed.reason


def test_refusal_reason_is_plain_english() -> None:
    """The reason for a cost-limit refusal reads as a researcher would write it."""
    assert parse_count("Refused (s12)").reason == "refused under section 12 (cost limit)"


@pytest.mark.parametrize("text", NOT_ANSWERED)
def test_count_not_answered(text: str) -> None:
    """Blank cells and dashes are not answered."""
    assert parse_count(text).status == "not_answered"


@pytest.mark.parametrize("text", UNCLEAR)
def test_count_unclear_marker_goes_to_review(text: str) -> None:
    """A bare 'N/A' in a figure's place is no evidence the question was skipped: a person decides."""
    assert parse_count(text).status == "needs_review"


@pytest.mark.parametrize("text", APPROXIMATE)
def test_count_approximate(text: str) -> None:
    """Approximate figures need review."""
    parsed = parse_count(text)
    assert parsed.status == "needs_review" and parsed.reason.startswith("approximate figure")


@pytest.mark.parametrize(("text", "reason"), [
    ("91%", "a percentage was given without a count"),
    ("91% of completed interviews", "a percentage was given without a count"),
    ("45 per cent", "a percentage was given without a count"),
    ("12.5", "not a whole number"),
    ("10-15", "a range was given"),
    ("302 and 666", "more than one figure"),
    ("-5", "a negative number"),
    ("See attached spreadsheet", "no figure found in 'See attached spreadsheet'"),
])
def test_count_needs_review(text: str, reason: str) -> None:
    """Answers with no single exact count need review, saying why."""
    parsed = parse_count(text)
    assert (parsed.status, parsed.value) == ("needs_review", "")
    assert parsed.reason.startswith(reason)
    assert parsed.confidence < 1.0


def values(text: str) -> list[str]:
    """Given prose, return the values (or statuses) of its count tokens."""
    return [t.parsed.value if t.parsed.status == "reported" else t.parsed.status for t in count_tokens(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("There were 128 missing episodes for children in care and 350 for children missing from home.",
     ["128", "350"]),
    ("118 return home interviews were offered to children missing from care and 323\u00b9 to children "
     "missing from home.", ["118", "323"]),
    ("Of the interviews completed, 46 (children in care) and 191 (children missing from home) took place "
     "within 72 hours.", ["46", "191"]),
    ("(a) 91% of completed interviews", ["needs_review"]),
    ("a) Children in care: 112", ["112"]),
    ("Nil", ["0"]),
    ("a) Children in care: <5", ["suppressed"]),
    ("Q5 Episodes of missing 302 666", ["302", "666"]),
    ("5. Number of missing episodes 340 872", ["340", "872"]),
    ("Of which within 72 hours 290 <5", ["290", "suppressed"]),
    ("Number of RHIs offered 140 Nil", ["140", "0"]),
    ("Missing episodes 708 1,462", ["708", "1462"]),
    ("Question 9 (a) 3 (b) 82", ["3", "82"]),
    ("In 2025-26 and 2026 there were 5 episodes", ["5"]),
    ("Figures for 2026: 45", ["45"]),
    ("Completed within 72 hours * 12", ["suppressed", "12"]),
    ("There were twelve in care and none at home.", ["12", "0"]),
    ("approximately 300 in care and 45 at home", ["needs_review", "45"]),
    ("RHIs offered Refused (s12) Refused (s12)", ["refused", "refused"]),
    ("Information not held", ["not_held"]),
])
def test_count_tokens_in_prose(text: str, expected: list[str]) -> None:
    """Every count answer in prose is found, in order."""
    assert values(text) == expected


@pytest.mark.parametrize("text", [
    "72 hours", "72hrs", "3 working days", "24 hours", "1 April 2025", "31/03/2026", "2025/26", "2025-26",
    "in 2026", "\u00a3450", "section 12", "s.40", "Q5", "Question 5", "(a)", "a)", "5. Episodes",
    "Page 1 of 2", "aged 11 and over", "11-year-olds", "Our ref: FOI/49585", "telephone 0303 123 1113",
    "Open Government Licence v3.0", "within 40 working days of the date", "a one-to-one session",
    "One Stop Centre", "the 3rd quarter", "at 10:30am",
])
def test_count_tokens_skip_non_counts(text: str) -> None:
    """Durations, dates, years, money, sections, labels, pages, ages and references are not counts."""
    assert count_tokens(text) == []


def test_a_bare_section_number_is_no_figure_of_its_own() -> None:
    """'40(2)' alone may be section 40(2) of the Act or 40 with its footnote: never a figure published as read."""
    assert [t.parsed.status for t in count_tokens("40(2)")] == ["needs_review"]
    assert count_tokens("exempt under 40(2)")[0].parsed.status in ("suppressed", "refused")
    assert parse_count("Refused - 14(1)").status == "refused"
    assert parse_count("2023-2024 - 14(1)").status == "needs_review"


def test_token_positions_point_into_the_original_text() -> None:
    """A token's start and end cut its own text out of the original, superscripts and all."""
    text = "118 were offered in care and 323\u00b9 at home"
    tokens = count_tokens(text)
    assert [text[t.start:t.end] for t in tokens] == [t.text for t in tokens] == ["118", "323\u00b9"]
    assert isinstance(tokens[0], Token)


def test_refusal_note_is_one_token() -> None:
    """A refusal sentence citing the cost limit twice is one refused token naming section 12."""
    text = ("We estimate this would exceed the appropriate limit of 18 hours (\u00a3450) and this part of "
            "your request is therefore refused under section 12 of the Act.")
    tokens = count_tokens(text)
    assert len(tokens) == 1 and tokens[0].parsed.status == "refused"
    assert "section 12" in tokens[0].parsed.reason


@pytest.mark.parametrize(("text", "value"), [
    ("Yes", "yes"), ("Yes - all children", "yes"), ("Yes - this is offered in all cases.", "yes"),
    ("All children in our care who go missing are offered a return home interview.", "yes"),
    ("Every child missing from home who is reported missing is offered a return home interview.", "yes"),
    ("Offered without exception", "yes"), ("Y", "yes"),
    ("Yes, all children who go missing from home are offered an independent RHI by The Children's Society.",
     "yes"),
    ("Partial - only where there are safeguarding concerns", "partial"),
    ("Not routinely - only where there are safeguarding concerns", "partial"),
    ("Only for children aged 11 and over", "partial"), ("Not in every case", "partial"),
    ("Not in every case. An interview is offered to children who go missing from home where the episode "
     "lasted more than 24 hours.", "partial"),
    ("Most, but not all", "partial"), ("Yes, but only where the child agrees", "partial"),
    ("In most cases", "partial"), ("Where appropriate", "partial"), ("On request", "partial"),
    ("At the discretion of the team manager", "partial"),
    ("No.", "no"),
    ("No - children in our care are followed up by the police safe and well check rather than an RHI.", "no"),
    ("No. The Council does not currently offer return home interviews to children in our care.", "no"),
    ("We do not offer return home interviews to this group", "no"), ("N", "no"),
])
def test_policy(text: str, value: str) -> None:
    """Policy answers become yes, no or partial."""
    assert parse_policy(text).status == "reported"
    assert parse_policy(text).value == value


@pytest.mark.parametrize(("text", "status"), [
    ("Refused (s12)", "refused"), ("Not held", "not_held"), ("", "not_answered"),
    ("Please see our published procedure", "needs_review"),
])
def test_policy_other_statuses(text: str, status: str) -> None:
    """Refusals, not held, blanks and unreadable policy answers keep their status and a reason."""
    parsed = parse_policy(text)
    assert parsed.status == status and parsed.value == "" and parsed.reason


@pytest.mark.parametrize(("text", "value", "detail"), [
    ("In-house (Contextual Safeguarding Team)", "in_house", "Contextual Safeguarding Team"),
    ("In-house - our Missing Children Team.", "in_house", "Missing Children Team"),
    ("Return home interviews are carried out by the Council's in-house Missing and Exploitation Team.",
     "in_house", "Missing and Exploitation Team"),
    ("Commissioned - Barnardo's", "commissioned", "Barnardo's"),
    ("Commissioned - Barnardo\u2019s", "commissioned", "Barnardo's"),
    ("Barnardos", "commissioned", "Barnardo's"),
    ("The service is commissioned from Action for Children.", "commissioned", "Action for Children"),
    ("We commission NYAS (National Youth Advocacy Service) to carry out all return home interviews.",
     "commissioned", "NYAS (National Youth Advocacy Service)"),
    ("We commission The Children's Society and Barnardo's to carry out all return home interviews.",
     "commissioned", "The Children's Society; Barnardo's"),
    ("Commissioned - Safer London", "commissioned", "Safer London"),
    ("Catch 22", "commissioned", "Catch22"),
    ("Commissioned - Hope Valley Trust", "commissioned", "Hope Valley Trust"),
    ("Mainly our in-house Missing Children Team, with Missing People commissioned to cover interviews the "
     "team cannot reach.", "mixed", "Missing People"),
    ("in-house for children in care and Barnardo's for children missing from home", "mixed", "Barnardo's"),
    ("Both", "mixed", ""),
])
def test_provider(text: str, value: str, detail: str) -> None:
    """Provider answers become in_house, commissioned or mixed, with the provider or team named."""
    parsed = parse_provider(text, PROVIDERS)
    assert (parsed.status, parsed.value, parsed.detail) == ("reported", value, detail)


@pytest.mark.parametrize(("parts", "value", "detail"), [
    (["In-house (Contextual Safeguarding Team)", "Commissioned - Safer London"], "mixed", "Safer London"),
    (["Commissioned - Barnardo's", "Commissioned - Barnardos"], "commissioned", "Barnardo's"),
    (["Commissioned - Barnardo's", "Commissioned - Catch22"], "commissioned", "Barnardo's; Catch22"),
    (["In-house (Adolescent Support Team)", "In-house (Adolescent Support Team)"], "in_house",
     "Adolescent Support Team"),
    (["Commissioned - NYAS", ""], "commissioned", "NYAS (National Youth Advocacy Service)"),
])
def test_combine_providers(parts: list[str], value: str, detail: str) -> None:
    """Per-group provider answers combine into one; different types make mixed."""
    combined = combine_providers([parse_provider(p, PROVIDERS) for p in parts])
    assert (combined.status, combined.value, combined.detail) == ("reported", value, detail)


def test_combine_providers_review_wins() -> None:
    """Any group that needs review makes the combined answer need review."""
    review = Parsed("needs_review", reason="provider unclear")
    combined = combine_providers([parse_provider("Commissioned - Barnardo's", PROVIDERS), review])
    assert combined.status == "needs_review"


@pytest.mark.parametrize(("text", "hours"), [
    ("72 hours", "72"), ("within 3 working days", "72"), ("5 working days", "120"),
    ("within five days", "120"),
    ("48hrs", "48"), ("48 hrs", "48"), ("48h", "48"), ("one working day", "24"), ("24 hours", "24"),
    ("within 2 weeks", "336"), ("a fortnight", "336"), ("Within 72 hours of the child's return.", "72"),
    ("An interview is offered within 72 hours of the child returning, in line with statutory guidance.",
     "72"),
    ("offered within 24 hours and completed within 72 hours", "24"),
    ("The interview is completed within 72 hours and offered within 24 hours", "24"),
    ("3 working days (72 hours)", "72"), ("72-hour", "72"), ("the next working day", "24"),
])
def test_hours(text: str, hours: str) -> None:
    """Timescales become hours; a day counts 24 hours; the offer time wins over later targets."""
    parsed = parse_hours(text, TIMESCALE_QUESTION)
    assert (parsed.status, parsed.value) == ("reported", hours)


@pytest.mark.parametrize(("text", "status", "reason"), [
    ("As soon as possible after the child's return.", "needs_review", "a timescale without a number"),
    ("promptly", "needs_review", "a timescale without a number"),
    ("24-72 hours", "needs_review", "a range of timescales"),
    ("Refused (s12)", "refused", "refused under section 12"),
    ("Not recorded", "not_held", "information not held"),
])
def test_hours_other_statuses(text: str, status: str, reason: str) -> None:
    """Timescales without a number, ranges, refusals and not held keep their status with a reason."""
    parsed = parse_hours(text, TIMESCALE_QUESTION)
    assert parsed.status == status and parsed.reason.startswith(reason)


@pytest.mark.parametrize(("text", "qtype", "expected"), [
    ("1,204", "count", ("reported", "1204")), ("Yes", "policy", ("reported", "yes")),
    ("Commissioned - Barnardo's", "provider", ("reported", "commissioned")),
    ("3 working days", "hours", ("reported", "72")),
])
def test_parse_answer_dispatches(text: str, qtype: str, expected: tuple[str, str]) -> None:
    """parse_answer sends each question type to its parser."""
    parsed = parse_answer(text, qtype)
    assert (parsed.status, parsed.value) == expected


def test_parse_answer_rejects_unknown_type() -> None:
    """An unknown question type is an error, not a silent guess."""
    with pytest.raises(ValueError, match="unknown question type"):
        parse_answer("12", "colour")


def test_helpers() -> None:
    """is_refusal gives a reason or ''; is_not_held says whether the text is a not-held answer."""
    assert is_refusal("exempt under section 43") == "refused under section 43 (commercial interests)"
    assert is_refusal("72 hours") == ""
    assert is_not_held("This information is not recorded") and not is_not_held("412")


@given(st.integers(min_value=0, max_value=10**7))
def test_property_numbers_round_trip(n: int) -> None:
    """Any count written plainly, with separators, or with a superscript footnote is read back exactly."""
    for text in (str(n), f"{n:,}", f"{n}\u00b9", f"{n:,}*"):
        assert parse_count(text) == Parsed("reported", str(n))


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=0, max_value=10**7))
def test_property_tokens_in_order(a: int, b: int) -> None:
    """Two counts in a sentence come back as two tokens, in order, whatever their size."""
    assert values(f"There were {a} in care and {b} at home.") == [str(a), str(b)]
    assert values(f"There were {a:,} in care and {b:,} at home.") == [str(a), str(b)]


@given(st.integers(min_value=1, max_value=60))
def test_property_working_days(days: int) -> None:
    """A number of working days is that many 24-hour days."""
    assert parse_hours(f"{days} working days") == Parsed("reported", str(24 * days))
    assert parse_hours(f"within {days} days") == Parsed("reported", str(24 * days))


EVERY_EXAMPLE = [t for t, _ in REPORTED_COUNTS + REFUSED] + SUPPRESSED + NOT_HELD + APPROXIMATE


@settings(max_examples=150)
@given(st.sampled_from(EVERY_EXAMPLE), st.sampled_from(["upper", "lower", "pad", "double"]))
def test_property_case_and_space_do_not_matter(text: str, change: str) -> None:
    """Changing case or white space does not change a count's status or value."""
    changed = {"upper": text.upper(), "lower": text.lower(), "pad": f"  {text}\n",
               "double": text.replace(" ", "  ")}[change]
    before, after = parse_count(text), parse_count(changed)
    assert (after.status, after.value) == (before.status, before.value)


@settings(max_examples=100)
@given(st.text(max_size=80))
def test_property_never_crashes(text: str) -> None:
    """Any text at all gives a valid status, and a value only when reported."""
    for qtype in ("count", "policy", "provider", "hours"):
        parsed = parse_answer(text, qtype)
        assert parsed.status in STATUSES
        assert (parsed.value != "") == (parsed.status == "reported")
    for token in count_tokens(text):
        assert text[token.start:token.end] == token.text
