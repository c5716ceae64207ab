"""The council register (mySociety's, in `reference/`): every UK local authority, past and present, by name.

Names compare by their normalised core: "Wigan MBC" and "Metropolitan Borough of Wigan" are both "wigan".
`crosswalks/council_name_words.csv` lists the words: `replace` writes out an abbreviation, `protect` keeps a
phrase whole, `generic_phrase`/`generic` go wherever they stand, `edge` only when dangling at either end.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from extractors import crosswalk

REFERENCE = Path(__file__).parent.parent / "reference"
SURVEY_TYPES = ("UA", "MD", "LBO", "CTY", "CC")
REGISTERS = {
    "england-childrens-services": "current authorities in England of type UA, MD, LBO, CTY or CC "
    "(the 153 children's services authorities)",
    "uk-local-authorities": "every current UK local authority, narrowed by 'nations' (England, Wales, Scotland, "
    "Northern Ireland) and 'types' (the register's local-authority-type: NMD, UA, MD, LBO, CTY, CC, ...)",
}
# register columns a body from bodies.csv leaves empty
BODY_DEFAULTS = dict.fromkeys(("region", "nation", "lat", "long", "replaced-by", "end-date", "gov-uk-slug"), "")
APOSTROPHES = "\u2018\u2019\u02bc\u0060\u00b4"
EMAIL = re.compile(r"[\w.+\-]+@([\w\-]+(?:\.[\w\-]+)+)")
WEB = re.compile(r"\b(?:https?://)?(?:www\.)?((?:[\w\-]+\.)+(?:gov|org|co|ac|nhs)\.uk)\b", re.I)
# Words that make a bare place name read as a council ("Wigan" vs "Wigan Council").
COUNCIL_WORDS = frozenset({"council", "councils", "borough", "metropolitan", "district", "county", "city",
                           "royal", "corporation", "authority"})


@dataclass(frozen=True)
class Council:
    """One row per local authority in the register, past or present, in any UK nation."""

    code: str  # GSS code, e.g. E08000002; empty for a few abolished Northern Irish councils
    register_code: str  # three-letter mySociety code, e.g. BUR
    name: str  # official name
    nice_name: str
    type: str  # UA, MD, LBO, CTY, CC, NMD, ...
    region: str
    nation: str
    lat: float | None
    lon: float | None
    names: tuple[str, ...]  # every known spelling, normalised to its core
    current: bool
    replaced_by: str  # register code(s) of the successor, comma-separated for a split; "" if none
    end_date: str
    gov_uk_slug: str = ""

    @property
    def key(self) -> str:
        """Given a council, return the code it is indexed by (GSS, or the register code when it has none)."""
        return self.code or self.register_code


@dataclass(frozen=True)
class NameWords:
    """The word lists that normalisation uses; one entry per word or phrase in the crosswalk."""

    replace: dict[str, str]
    protect: tuple[str, ...]
    generic_phrases: tuple[str, ...]
    generic: frozenset[str]
    edge: frozenset[str]


@dataclass(frozen=True)
class NameMatch:
    """The result of matching one name against the register: one row per name looked up."""

    query: str  # the normalised core that was looked up
    codes: tuple[str, ...]  # council keys of the best match; empty when unmatched or ambiguous
    method: str  # exact | fuzzy | ambiguous | none
    score: float
    candidates: tuple[tuple[str, float], ...] = ()


@lru_cache(maxsize=1)
def name_words() -> NameWords:
    """Given the crosswalk file, return the word lists used to normalise council names."""
    rows = crosswalk.rows("council_name_words.csv")
    by_kind: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        by_kind[row["kind"].strip()].append((row["text"].strip(), (row.get("replacement") or "").strip()))
    # Longest phrases first so that "city and county of" goes before "city".
    phrases = sorted((t for t, _ in by_kind["generic_phrase"]), key=len, reverse=True)
    return NameWords(
        replace=dict(by_kind["replace"]),
        protect=tuple(t for t, _ in by_kind["protect"]),
        generic_phrases=tuple(phrases),
        generic=frozenset(t for t, _ in by_kind["generic"]),
        edge=frozenset(t for t, _ in by_kind["edge"]),
    )


@lru_cache(maxsize=65536)
def clean_text(text: str) -> str:
    """Given any text, return it lower-cased, apostrophes dropped, '&' as 'and', punctuation as spaces."""
    text = unicodedata.normalize("NFKD", str(text)).lower()
    text = "".join(c for c in text if not unicodedata.combining(c))  # "Môn" -> "mon"
    for mark in APOSTROPHES + "'":
        text = text.replace(mark, "")
    text = text.replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=65536)
def normalise_name(text: str) -> str:
    """Given a council name in any form, return its core ("Wigan MBC" -> "wigan")."""
    words = name_words()
    tokens = [words.replace.get(t, t) for t in clean_text(text).split()]
    line = f" {' '.join(tokens)} "
    # A protected phrase becomes one token so the generic words inside it survive.
    for phrase in words.protect:
        line = line.replace(f" {phrase} ", f" {phrase.replace(' ', '_')} ")
    for phrase in words.generic_phrases:
        line = re.sub(rf"(?<!\S){phrase}(?!\S)", " ", line)
    tokens = [t for t in line.split() if t not in words.generic]
    while tokens and tokens[0] in words.edge:
        tokens.pop(0)
    while tokens and tokens[-1] in words.edge:
        tokens.pop()
    return " ".join(tokens).replace("_", " ")


def compact(text: str) -> str:
    """Given a name or domain label, return it with everything but letters and digits removed."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _float(value: str) -> float | None:
    """Given a register cell, return it as a float or None when blank."""
    return float(value) if re.fullmatch(r"\s*-?\d+(\.\d+)?\s*", value or "") else None


def split_alt_names(alt_names: str, known: set[str]) -> list[str]:
    """Given a comma-separated alt-names cell, return its names (known names containing commas kept whole)."""
    parts = [p.strip() for p in alt_names.split(",")]
    names: list[str] = []
    i = 0
    while i < len(parts):
        # Longest run of fragments that together spell a known name ("Kingston upon Hull, City of").
        for j in range(min(len(parts), i + 4), i, -1):
            joined = ", ".join(parts[i:j])
            if j == i + 1 or joined.lower() in known:
                names.append(joined)
                i = j
                break
    return [n for n in names if n]


def read_councils() -> tuple[list[dict[str, str]], dict[str, set[str]], dict[str, str]]:
    """Given the reference and crosswalk folders, return register rows, names by register code and domains."""
    with (REFERENCE / "uk_local_authorities.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    lookup: dict[str, set[str]] = defaultdict(set)
    with (REFERENCE / "lookup_name_to_registry.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            lookup[row["local-authority-code"].strip()].add(row["la-name"].strip())
    # Short forms people use that the register lacks ("BCP", "Herts"); they rank as alt names.
    for row in crosswalk.rows("council_aliases.csv"):
        lookup[row["register_code"]].add(row["alias"])
    domains = {r["domain_label"]: r["register_code"] for r in crosswalk.rows("council_email_domains.csv")}
    return rows, lookup, domains


def raw_names(row: dict[str, str], lookup: dict[str, set[str]]) -> tuple[set[str], set[str]]:
    """Given a register row, return its primary cores (official, nice) and secondary cores (alt, lookup)."""
    primary = {row["official-name"], row["nice-name"]}
    known = {n.lower() for n in lookup.get(row["local-authority-code"], set()) | primary}
    secondary = set(lookup.get(row["local-authority-code"], set()))
    secondary |= set(split_alt_names(row["alt-names"], known))
    return {normalise_name(n) for n in primary} - {""}, {normalise_name(n) for n in secondary} - {""}


def build_index(rows: list[dict[str, str]], lookup: dict[str, set[str]]) -> dict[str, set[str]]:
    """Given register rows and lookup names, return normalised core -> council keys."""
    primary: dict[str, set[str]] = defaultdict(set)
    secondary: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        key = row["gss-code"] or row["local-authority-code"]
        first, second = raw_names(row, lookup)
        for core in first:
            primary[core].add(key)
        for core in second:
            secondary[core].add(key)
    index = {core: set(keys) for core, keys in primary.items()}
    for core, keys in secondary.items():
        # An alt name that is another council's own name (a fragment, or a combined authority listing its
        # members) must not pull that name away from the council it belongs to.
        if core not in primary:
            index[core] = set(keys)
    return index


def council_from_row(row: dict[str, str], names: tuple[str, ...]) -> Council:
    """Given a register row and its indexed names, return a Council."""
    return Council(
        code=row["gss-code"], register_code=row["local-authority-code"], name=row["official-name"],
        nice_name=row["nice-name"], type=row["local-authority-type"], region=row["region"],
        nation=row["nation"],
        lat=_float(row["lat"]), lon=_float(row["long"]), names=names,
        current=row["current-authority"].strip().lower() == "true", replaced_by=row["replaced-by"].strip(),
        end_date=row["end-date"].strip(), gov_uk_slug=row["gov-uk-slug"].strip(),
    )


class Register:
    """All councils in the register, one entry per authority past and present, with a name index."""

    def __init__(self, rows: list[dict[str, str]], lookup: dict[str, set[str]], domains: dict[str, str]):
        """Given register rows, extra names by register code and irregular domains, build the indexes."""
        self.index = build_index(rows, lookup)
        by_key: dict[str, list[str]] = defaultdict(list)
        for core, keys in sorted(self.index.items()):
            for key in keys:
                by_key[key].append(core)
        self.councils = tuple(
            council_from_row(r, tuple(by_key[r["gss-code"] or r["local-authority-code"]])) for r in rows
        )
        self._by_key = {c.key: c for c in self.councils}
        self._by_register = {c.register_code: c for c in self.councils}
        self._keys = list(self.index)
        self.domains = self._domain_index(domains)
        self.body_domains: dict[str, str] = {}  # whole e-mail domains of bodies from a survey's bodies.csv

    def by_code(self, code: str) -> Council:
        """Given a GSS code (or the register code of a council without one), return its Council."""
        council = self._by_key.get(code.strip().upper()) or self._by_register.get(code.strip().upper())
        if council is None:
            raise KeyError(f"No council with code {code!r} in the register.")
        return council

    def by_register_code(self, code: str) -> Council:
        """Given a three-letter register code such as 'BUR', return its Council."""
        try:
            return self._by_register[code.strip().upper()]
        except KeyError:
            raise KeyError(f"No council with register code {code!r}.") from None

    def surveyed(self, name: str, filters: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> list[Council]:
        """Given a register name (and nation or type filters), return the councils asked, by GSS code."""
        if name == "england-childrens-services" and not filters:
            chosen = [c for c in self.councils if c.current and c.nation == "England" and c.type in SURVEY_TYPES]
        elif name == "uk-local-authorities":
            wanted = dict(filters)
            chosen = [c for c in self.councils if c.current and c.code
                      and (not wanted.get("nations") or c.nation in wanted["nations"])
                      and (not wanted.get("types") or c.type in wanted["types"])]
        else:
            known = "; ".join(f"'{k}' ({v})" for k, v in REGISTERS.items())
            raise ValueError(f"Unknown council register {name!r}. Known registers: {known}.")
        return sorted(chosen, key=lambda c: c.code)

    def successors(self, council: Council) -> tuple[Council, ...]:
        """Given a council, return the current councils that took it over (several: a split)."""
        found: list[Council] = []
        todo, seen = [council], {council.register_code}
        while todo:
            item = todo.pop(0)
            if item.current and item is not council:
                found.append(item)
                continue
            for code in filter(None, (c.strip() for c in item.replaced_by.split(","))):
                if code in self._by_register and code not in seen:
                    seen.add(code)
                    todo.append(self._by_register[code])
        return tuple(found)

    def successor(self, council: Council) -> Council | None:
        """Given an abolished council, return its single successor; None if current, unknown or split."""
        if council.current:
            return None
        found = self.successors(council)
        return found[0] if len(found) == 1 else None

    def resolve(self, key: str) -> tuple[tuple[str, ...], str]:
        """Given a council key, return the current council keys it stands for, and a note if replaced."""
        council = self.by_code(key)
        if council.current:
            return (council.key,), ""
        found = self.successors(council)
        if not found:
            return (), f"{council.name} no longer exists and the register names no successor"
        if len(found) == 1:
            note = f"{council.name} no longer exists; mapped to its successor {found[0].name}"
            return (found[0].key,), note
        names = " and ".join(c.name for c in found)
        return tuple(c.key for c in found), f"{council.name} no longer exists; it was split between {names}"

    def lookup(self, name: str) -> set[str]:
        """Given a name in any form, return the keys of councils whose normalised name is exactly that."""
        return set(self.index.get(normalise_name(name), set()))

    def current_keys(self, keys: set[str] | tuple[str, ...]) -> frozenset[str]:
        """Given council keys, return the current councils they stand for (a split gives all its parts)."""
        return frozenset(k for key in keys for k in self.resolve(key)[0])

    def match(self, name: str, cutoff: float = 90, margin: float = 5) -> NameMatch:
        """Given a name, return its councils: an exact index hit, else a fuzzy one clear of the next best."""
        core = normalise_name(name)
        if not core:
            return NameMatch(core, (), "none", 0.0)
        if core in self.index:
            return NameMatch(core, tuple(sorted(self.index[core])), "exact", 100.0)
        hits = process.extract(core, self._keys, scorer=fuzz.ratio, score_cutoff=cutoff - 15, limit=12)
        # Keys that stand for the same current council(s) are one candidate, so "dorset" old and new agree.
        best: dict[frozenset[str], tuple[float, str]] = {}
        for key, score, _ in hits:
            family = self.current_keys(self.index[key]) or frozenset(self.index[key])
            if family not in best or score > best[family][0]:
                best[family] = (score, key)
        ranked = sorted(best.items(), key=lambda item: -item[1][0])
        candidates = tuple((",".join(sorted(f)), round(s, 1)) for f, (s, _) in ranked[:5])
        if not ranked or ranked[0][1][0] < cutoff:
            return NameMatch(core, (), "none", ranked[0][1][0] if ranked else 0.0, candidates)
        top = ranked[0][1][0]
        if len(ranked) > 1 and top - ranked[1][1][0] < margin:
            return NameMatch(core, (), "ambiguous", top, candidates)
        return NameMatch(core, tuple(sorted(self.index[ranked[0][1][1]])), "fuzzy", top, candidates)

    def _domain_index(self, extra: dict[str, str]) -> dict[str, set[str]]:
        """Given irregular domain labels, return compact domain label -> council keys."""
        index: dict[str, set[str]] = defaultdict(set)
        for council in self.councils:
            labels = {compact(council.gov_uk_slug)} | {compact(n) for n in council.names}
            labels |= {compact(n.replace(" and ", " ")) for n in council.names}
            for label in labels - {""}:
                index[label].add(council.key)
        for label, register_code in extra.items():
            if register_code in self._by_register:
                index[compact(label)] = {self._by_register[register_code].key}
        return dict(index)

    def codes_for_domain(self, domain: str) -> set[str]:
        """Given an e-mail or web domain such as 'foi.barnsley.gov.uk', return the council keys it names."""
        domain = domain.lower().strip(". ")
        exact = {code for known, code in self.body_domains.items() if domain == known or domain.endswith(f".{known}")}
        if exact:
            return exact
        if not domain.endswith(".gov.uk"):
            return set()
        label = domain[: -len(".gov.uk")].split(".")[-1]
        for candidate in (label, re.sub(r"(council|cc|mbc|bc)$", "", label)):
            keys = self.domains.get(compact(candidate))
            if keys:
                return set(keys)
        return set()


@lru_cache(maxsize=1)
def load_register() -> Register:
    """Given the shipped reference files, return the council register (built once per process)."""
    return Register(*read_councils())


def body_row(code: str, name: str, aliases: tuple[str, ...]) -> dict[str, str]:
    """Given a body from bodies.csv, return it as a register row, so that identification treats it like a council."""
    return {**BODY_DEFAULTS, "gss-code": code, "local-authority-code": code, "official-name": name,
            "nice-name": name, "local-authority-type": "BODY", "alt-names": ",".join(aliases),
            "current-authority": "True"}


def register_with_bodies(bodies: tuple) -> Register:
    """Given the bodies a survey lists (code, name, aliases, email_domain), return a register of them alone."""
    register = Register([body_row(b.code, b.name, b.aliases) for b in bodies], {}, {})
    register.body_domains = {b.email_domain: b.code for b in bodies if b.email_domain}
    return register
