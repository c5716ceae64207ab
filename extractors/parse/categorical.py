"""Answer text -> a policy (yes, no, partial) or a provider (in house, commissioned, mixed)."""

from __future__ import annotations

import re
from functools import lru_cache

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


@lru_cache(maxsize=65536)
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
    r"|\bnot\s+(?:commissioned|outsourced|contracted\s+out)\b|\bnever\s+commission\w*[^.;]*"
    # a form's prompt ('If commissioned, which organisation: Not applicable') says nothing of who does the work
    r"|\bif\s+(?:commissioned|outsourced|contracted\s+out)\b[^:;.]{0,40}:",
    re.I,
)


YES_MARK = r"yes|y|x|\u2713|\u2714|\u2611|\u2612|\u2705|\u25a0|ticked|selected|true"
NO_MARK = r"no|n|n/?a|not applicable|\u2717|\u2610|\u25a1|false|-|\u2013"
CHECK_ITEM = re.compile(rf"(?:^|(?<=\s))(?:\(?[a-h]\)|[a-h]\.|\d{{1,2}}\.)?\s*([^:;?\n]{{3,120}}?)[?]?\s*[:\u2013-]\s*"
                        rf"({YES_MARK}|{NO_MARK})(?![\w/])[.;,]?", re.I)
CHECK_LINE = re.compile(rf"^\s*(?:\(?[a-h]\)|[a-h]\.|\d{{1,2}}[.)])?\s*([^:;?\n]{{3,120}}?)[?]?\s*[:\u2013-]\s*"
                        rf"({YES_MARK}|{NO_MARK})?\s*[.;,]?\s*$", re.I)


BOX_LINE = re.compile(r"^\s*(?:\(?[a-h]\)|[a-h]\.)\s*([^:\n]{3,120}?)\s*:\s*(\S)\s*$", re.I)


def odd_mark_out(lines: list[str]) -> str | None:
    """Given a checklist's lines, return them as text when OCR read its boxes as stray marks ('in-house: 0',
    'commissioned: &', 'other: 0'): three or more options, all but one with the same mark, that one ticked."""
    boxes = [(i, m) for i, line in enumerate(lines) if (m := BOX_LINE.match(line))]
    marks = [m.group(2) for _, m in boxes]
    odd = [i for i, m in boxes if marks.count(m.group(2)) == 1]
    if len(boxes) < 3 or len(odd) != 1 or len(set(marks)) != 2:
        return None
    boxed = {i for i, _ in boxes}
    kept = [BOX_LINE.match(line).group(1) if i == odd[0] else "" if i in boxed else line
            for i, line in enumerate(lines)]
    return " ".join(k for k in kept if k).strip()


OPTION_LINE = re.compile(r"^\s*(?:\(?[a-h]\)|[a-h]\.)\s*([^:\n]{3,120}?)\s*:\s*(\S{0,3})\s*$", re.I)


def boxes_unread(text: str) -> bool:
    """Given a checklist answer, return whether its boxes cannot be read: three or more options, none marked yes,
    some left blank beside others holding a stray mark ('a) In-house:' / 'b) Commissioned:' / 'c) Other: 0'),
    as when a scan lost the ticks."""
    lines = text.splitlines()
    marks = [m.group(2) for line in lines if (m := OPTION_LINE.match(line))]
    if len(marks) < 3 or odd_mark_out(lines) is not None or any(re.fullmatch(YES_MARK, k, re.I) for k in marks):
        return False
    return "" in marks and any(k and not re.fullmatch(NO_MARK, k, re.I) for k in marks)


def checklist_to_text(text: str) -> str:
    """Given a checklist answer ('a) A team based in your authority: Yes', 'b) Hostels: X', 'c) Other:'), return
    the items marked yes and any other words; items marked no or left blank are left out."""
    lines = text.splitlines()
    if not any(re.fullmatch(rf"(?:{YES_MARK}|{NO_MARK})", m.group(2), re.I)
               for line in lines if (m := BOX_LINE.match(line))) and (odd := odd_mark_out(lines)) is not None:
        return odd
    marked = [(line, CHECK_LINE.match(line)) for line in lines]
    if sum(1 for _, m in marked if m) >= 2:
        kept = [m.group(1) if m and re.fullmatch(YES_MARK, m.group(2) or "", re.I) else "" if m else line
                for line, m in marked]
        return " ".join(k for k in kept if k).strip()
    items = list(CHECK_ITEM.finditer(text))
    if len(items) < 2:
        return text
    kept = [m.group(1) for m in items if re.fullmatch(YES_MARK, m.group(2), re.I)]
    return " ".join([*kept, CHECK_ITEM.sub(" ", text)]).strip()


@lru_cache(maxsize=65536)
def parse_provider(text: str, providers: tuple[str, ...] = ()) -> Parsed:
    """Given who carries out the work and the survey's known providers, return in_house, commissioned or mixed."""
    flat = squash(text)
    early = early_verdict(flat)
    if early:
        return early
    if boxes_unread(text):
        return Parsed("needs_review", reason="the checklist's boxes could not be read: none is marked yes",
                      confidence=0.5)
    flat = NEGATED_PROVIDER.sub(" ", squash(checklist_to_text(text)))
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
