"""Which council sent a reply: its request reference, file name, letterhead, body text or e-mail domain.

Evidence is weighed in that order of trust. A file that cannot be placed with confidence comes back with no
codes and its candidates listed for a person to decide: the pipeline never guesses silently.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from extractors.identify.mentions import NameMention, find_names
from extractors.identify.register import COUNCIL_WORDS, EMAIL, WEB, Register, clean_text
from extractors.identify.tracker import TrackerRow, is_year, rows_for_reference

PREFIXES = r"(?:FOIR|FOIA|FOI|EIR|IR|REQ|CAS|IG|RFI)"
PREFIXED_REF = re.compile(rf"\b{PREFIXES}(?:[\s/_\-]*{PREFIXES})*[\s/_\-#:]*\d[\w/\-]*", re.I)
NUMBER_FIRST_REF = re.compile(rf"\b\d{{3,}}[/\-]{PREFIXES}[/\-]\d{{2,4}}\b", re.I)
LABEL = re.compile(r"\b(?:ref(?:erence)?|request|case)(?:\s+(?:no|number|id))?\.?\s*[:#]?\s*", re.I)
# Wording that says the reply itself speaks for several councils ("jointly commissioned" does not).
JOINT = re.compile(r"on behalf of|\bjoint (?:response|reply|letter|answer|submission)"
                   r"|\bjointly (?:respond|repl|answer)|shared services?|both councils|\bcouncils\b"
                   r"|\b(?:bi|tri)[\s\-]borough|\beach (?:council|authority)\b"
                   r"|\bboth (?:authorities|boroughs)\b", re.I)
ADDRESSEE = re.compile(r"^(?:(?:ms|mr|mrs|miss|mx|dr|prof)\.?\s|(?:sent )?by e-?mail|to:)", re.I)
# Lines that are the sender's again after an addressee block that came first.
SENDER = re.compile(r"^(?:our ref|date|tel|telephone|phone|contact|direct line|(?:please )?ask for)\b"
                    r"|@[\w.\-]+\.gov\.uk", re.I)
YOUR_REF = re.compile(r"^\s*your\s+ref", re.I)
PERSON = re.compile(r"^\s*(?:contact|name|officer|case officer|(?:please )?ask for|from|signed)\b", re.I)
YOUR_REF_BEFORE = re.compile(r"your\s+ref(?:erence)?\.?\s*(?:no\.?|number)?\s*[:#]?\s*$", re.I)
SALUTATION = re.compile(r"^\s*(?:dear|re:|subject:)", re.I)
FIRST_QUESTION = re.compile(r"^\s*(?:q(?:uestion)?\s*\.?\s*1\b|request\s+1\b|1[.)]\s)", re.I)
# What one mention is worth, by where it stands and whether council words came with the name. A bare name
# in the body (35) can never identify a file on its own; a letterhead always outranks a passing mention.
WEIGHTS = {("letterhead", True): 100, ("letterhead", False): 85, ("signoff", True): 75,
           ("signoff", False): 40, ("body", True): 70, ("body", False): 35}
CUTOFF, MARGIN = 60.0, 10.0
BASE_CONFIDENCE = {"tracker_reference": 0.9, "file_name": 0.8, "letterhead": 0.85, "body_text": 0.7,
                   "email_domain": 0.6}
SOURCE_WORDS = {"file_name": "the file name", "letterhead": "the letterhead", "body_text": "the body text",
                "email_domain": "the sender's e-mail domain"}


@dataclass(frozen=True)
class Identification:
    """One row per reply file: the council(s) it answers for, how that was decided, and how sure."""

    codes: tuple[str, ...]  # GSS codes of surveyed councils; two or more for a joint reply; () for review
    method: str  # tracker_reference | file_name | letterhead | body_text | email_domain | none
    confidence: float
    reason: str
    candidates: tuple[tuple[str, float], ...] = ()
    notes: str = ""


@dataclass
class Findings:
    """What one evidence source says: one score per surveyed council, with notes on how names were mapped."""

    scores: dict[str, float] = field(default_factory=dict)
    said: dict[str, str] = field(default_factory=dict)  # council -> the words that named it
    notes: list[tuple[str | None, str]] = field(default_factory=list)  # (council it concerns, note)
    direct: set[str] = field(default_factory=set)  # councils named by their own current name

    def add(self, code: str, score: float, said: str) -> None:
        """Given a council, a score and the words that named it, keep the best score for that council."""
        if score > self.scores.get(code, 0.0):
            self.scores[code], self.said[code] = min(score, 100.0), said

    def winner(self) -> str | None:
        """Given the scores, return the one council clear of the cutoff and of the runner-up, else None."""
        ranked = sorted(self.scores.values(), reverse=True)
        if not ranked or ranked[0] < CUTOFF or (len(ranked) > 1 and ranked[0] - ranked[1] < MARGIN):
            return None
        return max(self.scores, key=lambda code: self.scores[code])


def references_in(text: str) -> list[str]:
    """Given text or a file name, return the request references it quotes, in order (never 'your ref')."""
    text = text.replace("_", " ")
    found = [(m.start(), m.group(0).strip(" -/#:.")) for p in (PREFIXED_REF, NUMBER_FIRST_REF)
             for m in p.finditer(text)]
    for m in LABEL.finditer(text):
        tokens = []
        for token in text[m.end(): m.end() + 40].split("\n")[0].split():
            if not re.search(r"\d", token) and not re.fullmatch(PREFIXES, token.strip(":/-"), re.I):
                break
            tokens.append(token)
            if re.search(r"\d", token):
                break  # a reference ends with its number; what follows is another matter
        found.append((m.end(), " ".join(tokens).strip(" .,;:)")))
    refs: list[str] = []
    for start, ref in sorted(found):
        # The requester's own reference ("Your ref: FOI 12") says nothing about the sender.
        theirs = YOUR_REF_BEFORE.search(text[max(0, start - 30): start])
        # (a short number only with letters before it: 'EIR-FOI-6' is a reference, '6' or 'Q6' is not)
        short = re.fullmatch(r"[A-Za-z]{2,}(?:[-/ ][A-Za-z]{2,})*[- ]\d{1,2}", ref) is not None
        if not theirs and ref not in refs and (re.search(r"\d{3,}", ref) or short):
            refs.append(ref)
    return refs


def email_domains(text: str) -> list[str]:
    """Given text, return the domains of its e-mail and web addresses, lower-cased, in order of appearance."""
    found = sorted([(m.start(), m.group(1)) for m in EMAIL.finditer(text)]
                   + [(m.start(), m.group(1)) for m in WEB.finditer(text)])
    domains: list[str] = []
    for _, domain in found:
        if domain.lower().strip(".") not in domains:
            domains.append(domain.lower().strip("."))
    return domains


def file_name_references(file_name: str) -> list[str]:
    """Given a file name, return the references in it plus its bare runs of 4+ digits that are not years."""
    stem = re.sub(r"\.[A-Za-z0-9]{2,5}$", "", file_name)
    return references_in(stem) + [r for r in re.findall(r"\d{4,}", stem) if not is_year(r)]


def reference_verdict(file_name: str, text: str, tracker: list[TrackerRow],
                      surveyed: set[str], register: Register) -> tuple[str | None, str]:
    """Given a file, return the council its request reference gives (if exactly one) and a sentence on it."""
    matched: dict[int, tuple[TrackerRow, str]] = {}
    for found in file_name_references(file_name) + references_in(text):
        for row in rows_for_reference(found, tracker):
            matched.setdefault(row.row_number, (row, found))
    if not matched:
        return None, ""
    rows = list(matched.values())
    if len({row.council_code for row, _ in rows}) > 1:
        names = ", ".join(f"{r.council_name} (row {r.row_number}, {ref})" for r, ref in rows)
        return None, f"references in the file match several request log entries ({names}), so none was used"
    row, found = rows[0]
    if not row.council_code or (surveyed and row.council_code not in surveyed):
        return None, (f"reference {found} matches request log row {row.row_number}, but its council "
                      f"'{row.council_name}' is not matched to a surveyed council")
    label = register.by_code(row.council_code).nice_name
    return row.council_code, f"request reference {found} matches the request log entry for {label}"


def to_surveyed(keys: tuple[str, ...], register: Register, surveyed: set[str]) -> tuple[str | None, str]:
    """Given the council keys one name stands for, return the single surveyed council it means and a note."""
    current = [k for k in keys if register.by_code(k).current]
    note = ""
    if not current:
        resolved = [register.resolve(k) for k in keys]
        current = [c for codes, _ in resolved for c in codes]
        note = next((n for _, n in resolved if n), "")
    wanted = sorted({c for c in current if not surveyed or c in surveyed})
    if len(wanted) == 1:
        return wanted[0], note
    if not wanted and current:
        names = " and ".join(register.by_code(c).name for c in sorted(set(current)))
        return None, note or f"{names} is not among the surveyed councils"
    return None, note


def remember(found: Findings, code: str | None, note: str) -> None:
    """Given a source's findings and one mapped name, keep its note, or mark the council as named directly."""
    if note:
        found.notes.append((code, note))
    elif code:
        found.direct.add(code)


def zones(lines: list[str]) -> list[str]:
    """Given a document's lines, return each line's zone: letterhead, addressee, body or signoff."""
    salutation = next((i for i, line in enumerate(lines[:60]) if SALUTATION.match(line)), None)
    top = salutation if salutation is not None else min(len(lines), 5)
    kinds, addressee = [], False
    for i, line in enumerate(lines):
        if i < top:
            # The requester's own name, organisation and reference are not the sender's.
            addressee = bool(ADDRESSEE.match(line.strip())) or (addressee and not SENDER.search(line))
            # A named officer ("Contact: Tom Selby") is a person, whatever the surname.
            mine = addressee or YOUR_REF.match(line) or PERSON.match(line)
            kinds.append("addressee" if mine else "letterhead")
        else:
            kinds.append("signoff" if salutation is not None and i >= max(top, len(lines) - 12) else "body")
    return kinds


def text_findings(text: str, mentions: list[NameMention], register: Register,
                  surveyed: set[str]) -> tuple[Findings, Findings]:
    """Given a document's text, return what its letterhead says and what its body and sign-off say."""
    kinds = zones(text.splitlines())
    head, body = Findings(), Findings()
    counts: dict[str, int] = defaultdict(int)
    for mention in mentions:
        zone = kinds[mention.line]
        code, note = to_surveyed(mention.keys, register, surveyed)
        target = head if zone == "letterhead" else body
        if zone == "addressee" or (not code and not note):
            continue
        remember(target, code, note)
        if code:
            counts[code] += 1
            weight = WEIGHTS[(zone, mention.strong)] + min(9, 3 * (counts[code] - 1))
            # A bare old name ("Selby", "Craven") is as likely a surname as a predecessor council.
            old_and_bare = not mention.strong and note
            target.add(code, weight / 2 if old_and_bare else weight, mention.text)
    if not head.scores:
        fuzzy_letterhead(text.splitlines(), kinds, register, surveyed, head)
    return head, body


def fuzzy_letterhead(lines: list[str], kinds: list[str], register: Register, surveyed: set[str],
                     head: Findings) -> None:
    """Given letterhead lines with council words but no exact name, add councils misspelt there."""
    for line, kind in zip(lines, kinds, strict=True):
        if kind == "letterhead" and COUNCIL_WORDS & set(clean_text(line).split()):
            found = register.match(line)
            code = to_surveyed(found.codes, register, surveyed)[0] if found.method == "fuzzy" else None
            if code:
                head.add(code, 80.0, f"{line.strip()} (approximate spelling)")


def text_choice(head: Findings, body: Findings) -> tuple[str | None, str, Findings]:
    """Given letterhead and body findings, return the council they point to, its method and merged scores."""
    merged = Findings(notes=head.notes + body.notes, direct=head.direct | body.direct)
    for code in set(head.scores) | set(body.scores):
        both = 5.0 if code in head.scores and code in body.scores else 0.0
        source = head if head.scores.get(code, 0) >= body.scores.get(code, 0) else body
        merged.add(code, source.scores[code] + both, source.said[code])
    code = merged.winner()
    method = "letterhead" if code and head.scores.get(code, 0) >= body.scores.get(code, 0) else "body_text"
    return code, method, merged


def joint_codes(text: str, mentions: list[NameMention], register: Register,
                surveyed: set[str]) -> tuple[str, ...]:
    """Given a document's text, return the councils of a joint reply (two or more), or () if it is not one."""
    lines = text.splitlines()
    kinds = zones(lines)
    start = next((i for i, k in enumerate(kinds) if k in ("body", "signoff")), len(lines))
    opening = min(next((i for i in range(start, len(lines)) if FIRST_QUESTION.match(lines[i])), len(lines)),
                  start + 12)
    by_line: dict[int, set[str]] = defaultdict(set)
    in_full: dict[int, set[str]] = defaultdict(set)
    for mention in mentions:
        code = to_surveyed(mention.keys, register, surveyed)[0]
        if code and kinds[mention.line] != "addressee":
            by_line[mention.line].add(code)
            if mention.strong:
                in_full[mention.line].add(code)
    # A letterhead line naming two councils in full ("X Council and Y Council") is a shared letterhead.
    shared = [in_full[i] for i in range(start) if kinds[i] == "letterhead" and len(in_full[i]) > 1]
    if shared:
        return tuple(sorted(shared[0]))
    # Joint wording in the letterhead or opening paragraph, with two or more councils named beside it; a
    # passing mention elsewhere ("we were formerly part of X") is not a joint reply.
    wording = [i for i in range(opening) if kinds[i] != "addressee" and JOINT.search(lines[i])]
    for i in wording:
        near = set().union(*(by_line[j] for j in range(max(0, i - 1), i + 3)))
        if len(near) >= 2:
            return tuple(sorted(near))
    heading = set().union(*(by_line[i] for i in range(start) if kinds[i] == "letterhead"))
    if len(heading) >= 2 and wording:
        return tuple(sorted(heading))
    letter = any(SALUTATION.match(line) for line in lines[:60])
    return header_cell_codes(lines, register, surveyed, letter)


def header_cell_codes(lines: list[str], register: Register, surveyed: set[str],
                      letter: bool) -> tuple[str, ...]:
    """Given table text, return the councils of a row whose cells are two or more council names."""
    # In a letter a comma separates words, not cells: "Barnet, Enfield and Haringey" is a passing list.
    splitter = r"\s*[|\t]\s*" if letter else r"\s*[|\t;,]\s*"
    for line in lines[:300]:
        cells = [c for c in re.split(splitter, line) if c.strip()]
        codes = {to_surveyed(tuple(register.lookup(c)), register, surveyed)[0] for c in cells} - {None}
        if len(codes) >= 2:
            return tuple(sorted(c for c in codes if c))
    return ()


def file_name_findings(file_name: str, register: Register, surveyed: set[str]) -> Findings:
    """Given a file name, return the councils it names (exact names first, then close misspellings)."""
    text = re.sub(r"[_\-.]+", " ", re.sub(r"\.[A-Za-z0-9]{2,5}$", "", file_name))
    found = Findings()
    for mention in find_names(text, register, capitalised=False):
        code, note = to_surveyed(mention.keys, register, surveyed)
        remember(found, code, note)
        if code:
            found.add(code, 90.0, mention.text)
    for word in [] if found.scores else re.findall(r"[A-Za-z]{6,}", text):
        match = register.match(word)
        code = to_surveyed(match.codes, register, surveyed)[0] if match.method == "fuzzy" else None
        if code:
            found.add(code, 80.0, f"{word} (approximate spelling)")
    return found


def domain_findings(text: str, register: Register, surveyed: set[str]) -> Findings:
    """Given a document's text, return the councils whose e-mail or web domains appear in it."""
    found = Findings()
    for domain in email_domains(text):
        keys = tuple(sorted(register.codes_for_domain(domain)))
        code, note = to_surveyed(keys, register, surveyed) if keys else (None, "")
        if code:
            found.add(code, 70.0, domain)
            remember(found, code, note)
    return found


def agreement(chosen: str, method: str, winners: dict[str, str | None], findings: dict[str, Findings],
              register: Register) -> tuple[float, str]:
    """Given the chosen council and each source's own answer, return the confidence and any disagreement."""
    confidence, disagree = BASE_CONFIDENCE[method], []
    for source, code in winners.items():
        if source == method or code is None:
            continue
        if code == chosen:
            confidence = min(0.99, confidence + 0.03)  # each independent source that agrees
        else:
            label = register.by_code(code).nice_name
            disagree.append(f"{SOURCE_WORDS[source]} names {label} ({findings[source].said[code]})")
    if disagree:
        return min(confidence, 0.5), "; but " + " and ".join(disagree) + ", so please check"
    return round(confidence, 2), ""


def all_candidates(findings: dict[str, Findings], ref_code: str | None) -> tuple[tuple[str, float], ...]:
    """Given every source's findings, return each council's best score, best first, for a reviewer."""
    best: dict[str, float] = {ref_code: 100.0} if ref_code else {}
    for found in findings.values():
        for code, score in found.scores.items():
            best[code] = max(best.get(code, 0.0), score)
    return tuple(sorted(((c, round(s, 1)) for c, s in best.items()), key=lambda item: (-item[1], item[0])))


def kept_notes(findings: dict[str, Findings], codes: tuple[str, ...]) -> str:
    """Given every source's notes, return those about the chosen councils (all of them if none was chosen)."""
    direct = set().union(*(f.direct for f in findings.values()))
    notes: list[str] = []
    for found in findings.values():
        for code, note in found.notes:
            # "Poole" in a BCP letter's address needs no note when the letter also names BCP itself.
            wanted = not codes or (code in codes and code not in direct)
            if wanted and note not in notes:
                notes.append(note)
    return "; ".join(notes)


def identify_file(file_name: str, text: str, tracker: list[TrackerRow], register: Register,
                  surveyed_codes: set[str]) -> Identification:
    """Given a reply file's name and text, return the surveyed council(s) that sent it, how and how sure."""
    surveyed = set(surveyed_codes)  # empty means any current council
    ref_code, ref_reason = reference_verdict(file_name, text, tracker, surveyed, register)
    mentions = find_names(text, register)
    head, body = text_findings(text, mentions, register, surveyed)
    text_code, text_method, merged = text_choice(head, body)
    findings = {"file_name": file_name_findings(file_name, register, surveyed), text_method: merged,
                "email_domain": domain_findings(text, register, surveyed)}
    winners = {source: found.winner() for source, found in findings.items()}
    candidates = all_candidates(findings, ref_code)
    joint = joint_codes(text, mentions, register, surveyed)
    if joint and (ref_code is None or ref_code in joint):
        names = " and ".join(register.by_code(c).nice_name for c in joint)
        why = f"joint reply: the reply answers for {names}" + (f"; {ref_reason}" if ref_code else "")
        method = "letterhead" if any(c in head.scores for c in joint) else "body_text"
        return Identification(joint, method, 0.9 if ref_code else 0.8, why, candidates,
                              kept_notes(findings, joint))
    for method, code in [("tracker_reference", ref_code), *winners.items()]:
        if code:
            confidence, caveat = agreement(code, method, winners, findings, register)
            label = register.by_code(code).nice_name
            why = ref_reason if method == "tracker_reference" else \
                f"{SOURCE_WORDS[method]} names {label} ({findings[method].said[code]})"
            why += f"; {ref_reason}" if ref_reason and method != "tracker_reference" else ""
            if joint:  # only reached when the reference names a council outside the joint reply
                why += "; the letter reads as a joint reply for " + " and ".join(
                    register.by_code(c).nice_name for c in joint)
            return Identification((code,), method, confidence, why + caveat, candidates,
                                  kept_notes(findings, (code,)))
    listed = ", ".join(f"{register.by_code(c).nice_name} ({s:.0f})" for c, s in candidates[:5])
    notes = kept_notes(findings, ())
    nothing = notes or "no request reference, council name or council e-mail domain found"
    why = "could not identify the council: " + (f"candidates {listed}" if listed else nothing)
    return Identification((), "none", 0.0, why + (f"; {ref_reason}" if ref_reason else ""), candidates, notes)
