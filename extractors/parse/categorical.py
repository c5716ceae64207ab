"""Answer text -> a policy (yes, no, partial) or a provider (in house, commissioned, mixed)."""

from __future__ import annotations

import re

from extractors.model import Parsed
from extractors.parse.common import (
    NOT_ANSWERED,
    early_verdict,
    late_verdict,
    review_verdict,
)
from extractors.parse.phrases import (
    ANY_TEAM,
    ORG,
    TEAM,
    cell_is,
    phrases_re,
    provider_kinds,
    providers_named,
    short,
    squash,
    starts_with,
)


def parse_policy(text: str) -> Parsed:
    """Given whether every child in a group is offered an interview, return yes, no or partial."""
    flat = squash(text)
    early = early_verdict(flat)
    if early:
        return early
    if phrases_re("policy_phrases.csv", where="text", value="partial").search(flat):
        return Parsed("reported", "partial")  # before yes/no: "not in every case" contains "every case"
    for value in ("yes", "no"):
        if starts_with("policy_phrases.csv", flat, where="lead", value=value) or \
                cell_is("policy_phrases.csv", flat, where="cell", value=value):
            return Parsed("reported", value)
    hits = [v for v in ("yes", "no") if phrases_re("policy_phrases.csv", where="text", value=v).search(flat)]
    if len(hits) == 1:
        return Parsed("reported", hits[0], confidence=0.8)
    if hits:
        return review_verdict(f"both yes and no wording in '{short(flat)}'", 0.3)
    return late_verdict(flat, f"no yes, no or partial answer found in '{short(flat)}'")


def _named_org(flat: str, names: list[str]) -> str:
    """Given a commissioning answer, return the external providers named, known or not."""
    if names:
        return "; ".join(names)
    for match in ORG.finditer(flat):
        org = match.group(1).strip(" .")
        if not re.match(r"(?:the\s+)?(?:council|local authority|authority)\b", org, re.I):
            return org
    return ""


# Denials ("we do not commission an external provider") name a kind only to rule it out.
NEGATED_PROVIDER = re.compile(
    r"\b(?:do|does|did|have|has|had|is|are|was|were)\s*(?:not|n't)\s+(?:\w+\s+){0,3}?"
    r"(?:commission\w*|outsourc\w*|contract\w*|use\s+(?:an?\s+|any\s+)?(?:external|outside|independent)\w*"
    r"|deliver\w*\s+(?:\w+\s+){0,3}?in[- ]?house|(?:carried|carry)\s+out\s+in[- ]?house)[^.;]*"
    r"|\bno\s+(?:external|outside|commissioned|independent)\s+(?:provider|organisation|organization|service|agency)s?"
    r"|\bnot\s+(?:commissioned|outsourced|contracted\s+out)\b|\bnever\s+commission\w*[^.;]*",
    re.I,
)


CHECK_ITEM = re.compile(r"(?:^|(?<=\s))(?:\(?[a-h]\)|[a-h]\.|\d{1,2}\.)?\s*([^:;?]{3,120}?)[?]?\s*[:\u2013-]\s*"
                        r"(yes|no|n/?a|not applicable)\b[.;,]?", re.I)


def checklist_to_text(flat: str) -> str:
    """Given a checklist answer ('a) A team based in your authority: Yes b) A commissioned provider: No'), return
    the items answered yes and any other words; the items answered no are left out."""
    items = list(CHECK_ITEM.finditer(flat))
    if len(items) < 2:
        return flat
    kept = [m.group(1) for m in items if m.group(2).lower() == "yes"]
    rest = CHECK_ITEM.sub(" ", flat)
    return " ".join([*kept, rest]).strip()


def parse_provider(text: str, providers: tuple[str, ...] = ()) -> Parsed:
    """Given who carries out the work and the survey's known providers, return in_house, commissioned or mixed."""
    flat = squash(text)
    early = early_verdict(flat)
    if early:
        return early
    flat = NEGATED_PROVIDER.sub(" ", checklist_to_text(flat))
    names, kinds = providers_named(flat, providers), provider_kinds(flat)
    outside = bool(names) or "commissioned" in kinds
    team = TEAM.search(flat) or ANY_TEAM.search(flat)
    if "mixed" in kinds or ("in_house" in kinds and outside):
        value = "mixed"
    elif outside:
        value = "commissioned"
    elif kinds or team:
        value = "in_house"
    else:
        return late_verdict(flat, f"no in-house team or commissioned provider found in '{short(flat)}'")
    detail = _named_org(flat, names) if value != "in_house" else ""
    detail = detail or (team.group(1) if team else "")
    sure = bool(names) or value == "in_house" and bool(kinds)
    return Parsed("reported", value, confidence=1.0 if sure else 0.8, detail=detail)


def combine_providers(values: list[Parsed]) -> Parsed:
    """Given a provider answer per group (e.g. care and home columns), return the one answer they give."""
    answered = [v for v in values if v.status != "not_answered"]
    if not answered:
        return NOT_ANSWERED
    review = [v for v in answered if v.status == "needs_review"]
    if review:
        return review_verdict("; ".join(dict.fromkeys(v.reason for v in review)), min(v.confidence for v in review))
    reported = [v for v in answered if v.status == "reported"]
    if not reported:
        return answered[0]
    types = {v.value for v in reported}
    value = types.pop() if len(types) == 1 else "mixed"
    # as for one answer: name the external providers, or the in-house team when there is none
    outside = [v.detail for v in reported if v.value != "in_house"]
    details = [d for d in dict.fromkeys("; ".join(outside or [v.detail for v in reported]).split("; ")) if d]
    partial = len(reported) < len(answered)
    return Parsed("reported", value, reason="provider not given for every group" if partial else "",
                  confidence=min(v.confidence for v in reported) * (0.8 if partial else 1.0),
                  detail="; ".join(details))
