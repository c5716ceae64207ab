"""Which council sent a reply: references, file names, letterheads, body text, domains, joint replies."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import openpyxl
import pdfplumber
import pytest

from extractors.identify.register import load_register
from extractors.identify.sender import email_domains, identify_file, references_in
from extractors.identify.tracker import TrackerRow, read_tracker, significant_run

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "rhi-2026"
REGISTER = load_register()
SURVEYED = {c.code for c in REGISTER.surveyed("england-childrens-services")}
# Which council each example reply comes from, as expected/councils.csv and the request log imply.
EXPECTED = {
    "55568079.pdf": "E09000003", "Bury - RHI FOI 688182.pdf": "E08000002",
    "Disclosure 674931.pdf": "E08000029",
    "EIR_FOI_15998_Final.xlsx": "E06000058", "FOI 49585 reply.pdf": "E06000055",
    "FOI 775471 reply.xlsx": "E08000007", "FOI EIR-FOI-7573 Camden.csv": "E09000007",
    "FOI FOIR-67917 Norfolk.pdf": "E10000020", "FOI IR531555 Warrington.csv": "E06000007",
    "FOI-9300457 Response.pdf": "E06000003", "FOI2026-0499 - Final Response.pdf": "E10000012",
    "FOIR-24851 - Final Response.xlsx": "E06000014",
    "Gateshead Council - return home interviews.xlsx": "E08000037",
    "Herefordshire Council - return home interviews.pdf": "E06000019", "Islington_7336.pdf": "E09000019",
    "Kirklees FOI response.pdf": "E08000034", "Outcome letter 4886.pdf": "E06000057",
    "Plymouth - RHI FOI 0372.csv": "E06000026", "Response 621497.pdf": "E08000036",
    "Rutland_346369.pdf": "E06000017", "Trafford Council - return home interviews.csv": "E08000009",
    "Wirral_3649.pdf": "E08000015", "barnsley_foi_response.pdf": "E08000016",
    "oldham_foi_response.pdf": "E08000004", "torbay_foi_response.pdf": "E06000027",
}


@cache
def example_tracker() -> list[TrackerRow]:
    """Given the example survey, return its request log."""
    return read_tracker(EXAMPLE / "tracker.csv", REGISTER, SURVEYED)[0]


@cache
def reply_text(name: str) -> str:
    """Given an example reply's file name, return its text (PDF text, CSV text or spreadsheet cells)."""
    path = EXAMPLE / "replies" / name
    if path.suffix == ".pdf":
        with pdfplumber.open(path) as pdf:
            return "\n".join(p.extract_text() or "" for p in pdf.pages)
    if path.suffix == ".csv":
        return path.read_text(encoding="utf-8-sig")
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    return "\n".join(" | ".join("" if v is None else str(v) for v in row)
                     for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))


def tracker_row(name: str, code: str, reference: str, number: int = 2) -> TrackerRow:
    """Given a council and its request reference, return a request log row."""
    return TrackerRow(name, code, reference, None, None, None, "", "", number)


TRACKER = [tracker_row("Bedford", "E06000055", "FOI/49585", 2),
           tracker_row("Bury", "E08000002", "IR688182", 3),
           tracker_row("Solihull", "E08000029", "CAS-674931-PLD8", 4),
           tracker_row("Essex", "E10000012", "FOI2026/0499", 5),
           tracker_row("Plymouth", "E06000026", "FOI2026/0372", 6),
           tracker_row("Islington", "E09000019", "EIR-FOI-7336", 7)]


def identify(file_name: str, text: str, tracker: list[TrackerRow] | None = None):
    """Given a file name and text, return its Identification against the surveyed councils."""
    return identify_file(file_name, text, TRACKER if tracker is None else tracker, REGISTER, SURVEYED)


def test_expected_replies_cover_the_councils_that_replied():
    with (EXAMPLE / "expected" / "councils.csv").open(encoding="utf-8") as handle:
        replied = {r["council_code"] for r in csv.DictReader(handle) if r["response_status"] != "no_reply"}
    assert set(EXPECTED.values()) == replied
    assert set(EXPECTED) == {p.name for p in (EXAMPLE / "replies").iterdir()}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_example_reply_identifies_to_its_council(name):
    found = identify_file(name, reply_text(name), example_tracker(), REGISTER, SURVEYED)
    assert found.codes == (EXPECTED[name],), found.reason
    assert found.confidence >= 0.8


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_without_the_log_a_reply_is_right_or_sent_for_review(name):
    found = identify_file(name, reply_text(name), [], REGISTER, SURVEYED)
    assert found.codes in ((EXPECTED[name],), ())
    if not found.codes:
        assert found.method == "none" and found.reason.startswith("could not identify the council")


def test_references_in_text():
    text = ("Our ref: FOI 6622\nYour ref: RHI survey 2026\nRequest reference 4886/FOI/26\n"
            "FREEDOM OF INFORMATION REQUEST CAS-674931-PLD8\nREQ9300457 and IG/FOI/3649")
    assert references_in(text) == ["FOI 6622", "4886/FOI/26", "CAS-674931-PLD8", "REQ9300457", "IG/FOI/3649"]
    assert references_in("EIR_FOI_15998_Final") == ["EIR FOI 15998"]
    assert references_in("Request 5: how many children") == []


def test_significant_run_skips_years():
    assert significant_run("FOI2026/0499") == "0499"
    assert significant_run("4886/FOI/26") == "4886"
    assert significant_run("CAS-674931-PLD8") == "674931"
    assert significant_run("FOI 372") == ""


def test_email_domains():
    text = "foi@barnsley.gov.uk, see www.barnsley.gov.uk/foi or https://ico.org.uk; By email: me@safe.org.uk"
    assert email_domains(text) == ["barnsley.gov.uk", "ico.org.uk", "safe.org.uk"]


@pytest.mark.parametrize(
    ("file_name", "text", "code"),
    [("FOI 49585 reply.pdf", "Q1 Yes", "E06000055"), ("Bury - RHI FOI 688182.pdf", "", "E08000002"),
     ("Disclosure 674931.pdf", "", "E08000029"), ("FOI2026-0499 - Final Response.pdf", "", "E10000012"),
     ("Islington_7336.pdf", "", "E09000019"), ("reply.pdf", "Our ref: EIR-FOI-7336\nDear Sir", "E09000019")],
)
def test_a_file_named_only_by_its_reference(file_name, text, code):
    found = identify(file_name, text)
    assert (found.codes, found.method) == ((code,), "tracker_reference")
    assert "matches the request log entry for" in found.reason


@pytest.mark.parametrize("file_name", ["Response 10372.pdf", "Response 03721.pdf", "FOI2026.pdf"])
def test_reference_digits_must_match_whole(file_name):
    assert identify(file_name, "Q1 yes").codes == ()


def test_two_log_entries_with_the_same_digits_fall_back_to_other_evidence():
    tracker = [tracker_row("Barnet", "E09000003", "FOI 5555", 2),
               tracker_row("Wigan", "E08000010", "IR5555", 3)]
    found = identify("FOI 5555.pdf", "Wigan Council\nDear Ms A\nQ1 Yes", tracker)
    assert (found.codes, found.method) == (("E08000010",), "letterhead")
    assert "several request log entries" in found.reason


def test_a_reference_disagreeing_with_the_letterhead_wins_but_is_noted():
    found = identify("FOI 49585 reply.pdf", "Barnsley Metropolitan Borough Council\nDear Ms A\nQ1 Yes")
    assert (found.codes, found.method) == (("E06000055",), "tracker_reference")
    assert "the letterhead names Barnsley" in found.reason and found.confidence <= 0.5


@pytest.mark.parametrize(
    ("letterhead", "code"),
    [("Wigan Council", "E08000010"), ("Wigan MBC", "E08000010"),
     ("Metropolitan Borough of Wigan", "E08000010"),
     ("Royal Borough of Kingston upon Thames", "E09000021"), ("City of York Council", "E06000014"),
     ("Oldham Metropolitan\nBorough Council", "E08000004"), ("St. Helens Council", "E08000013")],
)
def test_a_council_named_only_in_its_letterhead(letterhead, code):
    text = (f"{letterhead}\nTown Hall\nOur ref: 123\nMs R. Adeyemi\nHome Safe Children's Trust\n"
            "Dear Ms Adeyemi\nQ1 Yes")
    found = identify("scan0001.pdf", text)
    assert (found.codes, found.method) == ((code,), "letterhead")


def test_file_name_wins_over_text_and_names_are_found_in_any_case():
    found = identify("barnsley_foi_response.pdf", "Q1 Yes")
    assert (found.codes, found.method) == (("E08000016",), "file_name")
    found = identify("Gateshead Council - return home interviews.xlsx", "Question | Yes")
    assert (found.codes, found.method) == (("E08000037",), "file_name")


def test_a_misspelt_file_name_is_matched_approximately():
    found = identify("Sunderlnd FOI response.pdf", "Q1 Yes")
    assert found.codes == ("E08000024",) and "approximate spelling" in found.reason


def test_body_text_names_the_council_when_the_letterhead_is_an_image():
    text = "Information Team\nDear Ms Smith\nSolihull Metropolitan Borough Council holds the data.\nQ1 Yes"
    found = identify("reply.pdf", text)
    assert (found.codes, found.method) == (("E08000029",), "body_text")


def test_the_requesters_own_organisation_is_ignored():
    text = ("Information Team\nMs R Smith\nBarnet Children's Trust\nBy email: r@trust.org.uk\nDear Ms Smith\n"
            "Q1 Yes\nYours sincerely\nWigan Council")
    assert identify("reply.pdf", text).codes == ("E08000010",)


def test_the_senders_email_domain_is_the_last_resort():
    found = identify("scan.pdf", "Information Governance\nfoi@redcar-cleveland.gov.uk\nDear Ms A\nQ1 Yes")
    assert (found.codes, found.method) == (("E06000003",), "email_domain")


def test_ambiguous_names_go_to_review_with_candidates():
    found = identify("reply.pdf", "Figures for Barnet and Barnsley are below.\nQ1 Yes")
    assert (found.codes, found.method, found.confidence) == ((), "none", 0.0)
    assert {code for code, _ in found.candidates} == {"E09000003", "E08000016"}
    assert "could not identify the council: candidates" in found.reason
    assert "Barnet" in found.reason and "Barnsley" in found.reason


def test_a_bare_place_name_in_the_body_is_not_enough():
    found = identify("reply.pdf", "Information Team\nDear Ms Smith\nWe visited Reading and Derby.\nQ1 Yes")
    assert found.codes == ()


def test_nothing_to_go_on():
    found = identify("scan.pdf", "Q1 Yes")
    assert found.codes == () and "no request reference, council name or council e-mail domain" in found.reason


def test_a_predecessor_council_is_mapped_to_its_successor_with_a_note():
    found = identify("scan.pdf", "Bournemouth Borough Council\nTown Hall\nDear Ms A\nQ1 Yes")
    assert found.codes == ("E06000058",)
    assert found.notes == ("Bournemouth Borough Council no longer exists; mapped to its successor "
                           "Bournemouth, Christchurch and Poole Council")


def test_a_successor_named_directly_needs_no_note():
    text = "Bournemouth, Christchurch and Poole Council\nCivic Centre, Poole\nDear Ms A\nQ1 Yes"
    found = identify("scan.pdf", text)
    assert (found.codes, found.notes) == (("E06000058",), "")


def test_a_split_council_cannot_be_placed_and_says_why():
    found = identify("scan.pdf", "Northamptonshire County Council\nCounty Hall\nDear Ms A\nQ1 Yes")
    assert found.codes == ()
    assert "split between North Northamptonshire Council and West Northamptonshire Council" in found.reason


def test_a_council_outside_the_survey_is_not_returned():
    found = identify("scan.pdf", "Adur District Council\nDear Ms A\nQ1 Yes")
    assert found.codes == () and "not among the surveyed councils" in found.notes
    only_two = identify_file("scan.pdf", "Wigan Council\nDear Ms A", [], REGISTER, {"E09000003", "E08000016"})
    assert only_two.codes == ()


@pytest.mark.parametrize(
    "text",
    [
        "Royal Borough of Kensington and Chelsea\nFOI Team\nDear Ms A\n"
        "This response is provided on behalf of Kensington and Chelsea and Westminster.\nQ1 Yes",
        "Joint response from Kensington and Chelsea Council and Westminster City Council\nDear Ms A\nQ1 Yes",
        "Kensington and Chelsea | Westminster\nBi-borough Children's Services\nDear Ms A\nQ1 Yes",
    ],
)
def test_a_joint_reply_returns_every_council(text):
    found = identify("joint.pdf", text)
    assert found.codes == ("E09000020", "E09000033")
    assert found.method == "letterhead" and "joint reply" in found.reason


def test_a_joint_table_with_a_column_per_council():
    rows = "".join(f"Q{n} Missing episodes,120,140\n" for n in range(1, 10))
    text = "Question,Kensington and Chelsea,Westminster\n" + rows
    assert identify("rhi.csv", text).codes == ("E09000020", "E09000033")


@pytest.mark.parametrize(
    "sentence",
    ["Thank you. We were formerly part of Westmorland and Furness Council's area.",
     "Our service is jointly commissioned with Westmorland and Furness Council.",
     "Neighbouring councils such as Westmorland and Furness Council do the same."],
)
def test_a_passing_mention_of_another_council_is_not_a_joint_reply(sentence):
    found = identify("reply.pdf", f"Cumberland Council\nCivic Centre\nDear Ms A\n{sentence}\nQ1 Yes")
    assert (found.codes, found.method) == (("E06000063",), "letterhead")


def test_a_joint_reply_keeps_its_reference():
    tracker = [tracker_row("Kensington and Chelsea", "E09000020", "FOI 8812")]
    text = ("Our ref: FOI 8812\nDear Ms A\nThis reply is sent on behalf of both councils, Kensington and "
            "Chelsea and Westminster.\nQ1 Yes")
    found = identify("reply.pdf", text, tracker)
    assert found.codes == ("E09000020", "E09000033") and "request reference FOI 8812" in found.reason


def test_sender_details_after_an_addressee_block_still_count():
    text = "Ms R Adeyemi\nHome Safe Children's Trust\nOur ref: 123\nSefton Council\nDear Ms A\nQ1 Yes"
    assert identify("reply.pdf", text).codes == ("E08000014",)


def test_the_requesters_own_reference_is_not_used():
    assert references_in("Our ref: CAS-1234   Your ref: FOI 49585\nYour reference FOI/49585") == ["CAS-1234"]
    found = identify("reply.pdf", "Our ref: CAS-1234   Your ref: FOI 49585\nWigan Council\nDear Ms A\nQ1 Yes")
    assert (found.codes, found.method) == (("E08000010",), "letterhead")


def test_a_letterhead_naming_two_councils_in_full_is_a_joint_reply():
    text = "Westminster City Council and Royal Borough of Kensington and Chelsea\nDear Ms A\nQ1 Yes"
    assert identify("reply.pdf", text).codes == ("E09000020", "E09000033")


def test_an_officers_surname_is_not_a_council():
    text = "Information Team\nContact: Tom Selby\nDear Ms A\nLondon Borough of Barnet holds the data.\nQ1"
    assert identify("reply.pdf", text).codes == ("E09000003",)
