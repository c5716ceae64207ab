"""Who the survey asked: council register rows (or a bodies.csv) as simple Body records."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from .survey import Survey

REGISTER = Path(__file__).resolve().parents[2] / "extractors" / "reference" / "uk_local_authorities.csv"
CHILDRENS = ("UA", "MD", "LBO", "CTY", "CC")


@dataclass
class Body:
    """One public body that was asked."""

    code: str
    name: str
    nice: str
    kind: str = ""
    aliases: list[str] = field(default_factory=list)
    domain: str = ""


def _slug(s: str) -> str:
    return "".join(ch for ch in s.lower().replace("&", "and") if ch.isalnum())


def _register() -> list[dict]:
    with open(REGISTER, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _from_row(r: dict) -> Body:
    alts = [a.strip() for a in (r.get("alt-names") or "").split(",") if a.strip() and not a.strip().islower()]
    return Body(r["gss-code"], r["official-name"], r["nice-name"], r["local-authority-type"], alts,
                f"{_slug(r['nice-name'])}.gov.uk")


def resolve_bodies(survey: Survey) -> list[Body]:
    """Every body the survey lists, in register order of GSS code."""
    spec = survey.councils
    if isinstance(spec, str):
        spec = {"register": spec}
    if spec.get("bodies"):
        with open(survey.path.parent / spec["bodies"], newline="", encoding="utf-8-sig") as f:
            return [Body(r["code"], r["name"], r["name"], "", [a for a in (r.get("aliases") or "").split(";") if a],
                         r.get("email_domain") or f"{_slug(r['name'])}.org.uk") for r in csv.DictReader(f)]
    rows = [r for r in _register() if r["current-authority"] == "True" and not r["end-date"]]
    if spec.get("codes"):
        want = set(spec["codes"])
        rows = [r for r in rows if r["gss-code"] in want]
    elif spec.get("register") == "england-childrens-services":
        rows = [r for r in rows if r["nation"] == "England" and r["local-authority-type"] in CHILDRENS]
    else:
        nations, types = spec.get("nations"), spec.get("types")
        rows = [r for r in rows if (not nations or r["nation"] in nations)
                and (not types or r["local-authority-type"] in types)]
    return sorted((_from_row(r) for r in rows), key=lambda b: b.code)
