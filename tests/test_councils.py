"""The council register: the 153 surveyed councils, name normalisation, the name index and successors."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from extractors.identify.mentions import find_names
from extractors.identify.register import (
    REFERENCE,
    load_register,
    normalise_name,
    read_councils,
    split_alt_names,
)

REGISTER = load_register()
SURVEYED = REGISTER.surveyed("england-childrens-services")


def resolves_to(name: str) -> frozenset[str]:
    """Given a name, return the current councils the register's index says it means."""
    return REGISTER.current_keys(REGISTER.lookup(name))


def test_register_is_built_once():
    assert load_register() is REGISTER


def test_surveyed_register_has_153_councils_sorted_by_gss_code():
    codes = [c.code for c in SURVEYED]
    assert len(SURVEYED) == 153
    assert codes == sorted(codes)
    assert len(set(codes)) == 153
    types = {"UA", "MD", "LBO", "CTY", "CC"}
    assert all(c.current and c.nation == "England" and c.type in types for c in SURVEYED)
    assert {"E09000001", "E06000053", "E06000058", "E06000066"} <= set(codes)  # City of London, Scilly, BCP


def test_register_holds_past_present_and_every_nation():
    nations = {c.nation for c in REGISTER.councils}
    assert nations == {"England", "Scotland", "Wales", "Northern Ireland"}
    assert any(not c.current for c in REGISTER.councils)


def test_unknown_register_name_is_a_helpful_error():
    with pytest.raises(ValueError, match="england-childrens-services"):
        REGISTER.surveyed("england-everything")


def test_lookup_by_gss_and_register_code():
    bury = REGISTER.by_code("E08000002")
    assert bury.register_code == "BUR"
    assert bury.name == "Bury Metropolitan Borough Council"
    assert bury.nice_name == "Bury"
    assert bury.type == "MD"
    assert bury.region == "North West"
    assert isinstance(bury.lat, float) and isinstance(bury.lon, float)
    assert "bury" in bury.names
    assert REGISTER.by_register_code("bur") is bury
    with pytest.raises(KeyError):
        REGISTER.by_code("E99999999")
    with pytest.raises(KeyError):
        REGISTER.by_register_code("ZZZ")


@pytest.mark.parametrize(
    ("text", "core"),
    [
        ("Wigan Council", "wigan"),
        ("Wigan MBC", "wigan"),
        ("Metropolitan Borough of Wigan", "wigan"),
        ("Wigan Metropolitan Borough Council", "wigan"),
        ("Royal Borough of Kingston upon Thames", "kingston upon thames"),
        ("City of York Council", "york"),
        ("London Borough of Barnet", "barnet"),
        ("LB Barnet", "barnet"),
        ("Bury Metropolitan Borough Council", "bury"),
        ("Bury Council", "bury"),
        ("Bury MBC", "bury"),
        ("Redcar and Cleveland Borough Council", "redcar and cleveland"),
        ("Redcar & Cleveland UA", "redcar and cleveland"),
        ("Kirklees Council", "kirklees"),
        ("Bournemouth, Christchurch and Poole Council", "bournemouth christchurch and poole"),
        ("St Helens", "st helens"),
        ("St. Helens", "st helens"),
        ("Saint Helens", "st helens"),
        ("County Durham", "durham"),
        ("Durham County Council", "durham"),
        ("Kent CC", "kent"),
        ("Swindon BC", "swindon"),
        ("Wakefield MDC", "wakefield"),
        ("Hull City Council", "hull"),
        ("Kingston upon Hull, City of", "kingston upon hull"),
        ("Council of the Isles of Scilly", "isles of scilly"),
        ("City of London Corporation", "city of london"),
        ("City and County of the City of London", "city of london"),
        ("Telford and the Wrekin UA", "telford and wrekin"),
        ("Stockton-on-Tees Borough Council", "stockton on tees"),
        ("Children\u2019s Services, Wigan Council", "childrens services wigan"),
    ],
)
def test_normalise_name(text, core):
    assert normalise_name(text) == core


@pytest.mark.parametrize(
    ("one", "other"),
    [("North Yorkshire", "York"), ("East Sussex", "West Sussex"), ("Derby", "Derbyshire"),
     ("Bristol", "South Gloucestershire"), ("Kingston upon Thames", "Kingston upon Hull"),
     ("North Somerset", "Somerset"), ("Bath and North East Somerset", "North East Lincolnshire"),
     ("Newcastle upon Tyne", "Newcastle-under-Lyme"), ("City of London", "London Borough of Barnet")],
)
def test_distinct_councils_stay_distinct(one, other):
    assert normalise_name(one) != normalise_name(other)
    assert resolves_to(one) and resolves_to(one) != resolves_to(other)


def test_surveyed_cores_are_unique():
    cores = Counter(normalise_name(c.name) for c in SURVEYED)
    assert [core for core, n in cores.items() if n > 1] == []


def test_every_surveyed_council_resolves_back_from_each_of_its_names():
    rows, lookup, _ = read_councils()
    by_code = {r["gss-code"]: r for r in rows}
    for council in SURVEYED:
        row = by_code[council.code]
        known = {n.lower() for n in lookup[council.register_code]} | {council.name.lower()}
        for name in [council.name, council.nice_name, *split_alt_names(row["alt-names"], known)]:
            assert resolves_to(name) == {council.code}, (council.name, name)
        for core in council.names:
            assert resolves_to(core) == {council.code}, (council.name, core)


def test_name_index_includes_mysociety_lookup_spellings():
    with (REFERENCE / "lookup_name_to_registry.csv").open(encoding="utf-8") as handle:
        spellings = [r for r in csv.DictReader(handle) if r["local-authority-code"] == "WGN"]
    assert {"wigan council", "wigan"} <= {r["la-name"] for r in spellings}
    assert REGISTER.lookup("wigan council") == {"E08000010"}
    assert REGISTER.lookup("aberdeen cuty") == {REGISTER.by_register_code("ABE").code}
    assert REGISTER.index["barnet"] == {"E09000003"}


def test_alt_names_with_commas_stay_whole():
    parts = split_alt_names("Bristol, City of,bristol,city of bristol", {"bristol, city of"})
    assert parts == ["Bristol, City of", "bristol", "city of bristol"]


def test_successors_of_councils_replaced_since_2019():
    bpc = REGISTER.by_code("E06000058")
    assert REGISTER.successor(REGISTER.by_register_code("BMH")) is bpc  # Bournemouth
    assert REGISTER.successor(REGISTER.by_register_code("POL")) is bpc  # Poole
    assert REGISTER.successor(REGISTER.by_register_code("CHC")) is bpc  # Christchurch (a district)
    taunton = REGISTER.by_register_code("TAU")
    assert REGISTER.successor(taunton).code == "E06000066"  # a chain: via Somerset West and Taunton
    assert REGISTER.successor(bpc) is None  # still exists


@pytest.mark.parametrize(("register_code", "parts"), [("NTH", {"NNT", "WNT"}), ("CMA", {"CBD", "WAF"})])
def test_a_split_has_no_single_successor(register_code, parts):
    old = REGISTER.by_register_code(register_code)
    assert REGISTER.successor(old) is None
    assert {c.register_code for c in REGISTER.successors(old)} == parts
    codes, note = REGISTER.resolve(old.code)
    assert len(codes) == 2 and "split between" in note


def test_resolve_gives_a_note_for_a_predecessor():
    codes, note = REGISTER.resolve(REGISTER.by_register_code("BMH").code)
    assert codes == ("E06000058",)
    assert note == ("Bournemouth Borough Council no longer exists; mapped to its successor "
                    "Bournemouth, Christchurch and Poole Council")


def test_old_and_new_council_sharing_a_name_resolve_to_the_new_one():
    assert resolves_to("Dorset County Council") == {"E06000059"}
    assert resolves_to("North Yorkshire County Council") == {"E06000065"}


def test_match_exact_fuzzy_and_none():
    assert REGISTER.match("Wigan MBC").codes == ("E08000010",)
    typo = REGISTER.match("Wesminster")
    assert typo.method == "fuzzy" and typo.codes == ("E09000033",) and typo.score >= 90
    assert REGISTER.match("Gotham City Council").codes == ()
    assert REGISTER.match("").method == "none"


def test_match_refuses_when_two_councils_are_equally_close():
    found = REGISTER.match("Herfordshire")  # Herefordshire or Hertfordshire: never a silent guess
    assert found.method == "ambiguous" and found.codes == ()
    assert {code for code, _ in found.candidates[:2]} == {"E06000019", "E10000015"}


@pytest.mark.parametrize(
    ("domain", "code"),
    [("barnsley.gov.uk", "E08000016"), ("foi.barnsley.gov.uk", "E08000016"),
     ("redcar-cleveland.gov.uk", "E06000003"), ("redcar-and-cleveland.gov.uk", "E06000003"),
     ("rbkc.gov.uk", "E09000020"), ("hullcc.gov.uk", "E06000010"), ("sthelens.gov.uk", "E08000013"),
     ("towerhamlets.gov.uk", "E09000030"), ("bcpcouncil.gov.uk", "E06000058")],
)
def test_council_email_domains(domain, code):
    assert REGISTER.codes_for_domain(domain) == {code}


def test_non_council_domains_name_nobody():
    assert REGISTER.codes_for_domain("homesafe-trust.org.uk") == set()
    assert REGISTER.codes_for_domain("www.gov.uk") == set()


def test_find_names_prefers_the_longest_name_and_marks_council_words():
    found = find_names("Royal Borough of Kensington and Chelsea and Westminster City Council", REGISTER)
    assert [(m.keys, m.strong) for m in found] == [(("E09000020",), True), (("E09000033",), True)]
    assert find_names("we will bury the reading list", REGISTER) == []
