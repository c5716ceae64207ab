"""FileResults -> one answer per council and key: duplicates, corrections and conflicts between files resolved."""

from __future__ import annotations

from dataclasses import dataclass, replace

from extractors.ingest.containers import CONTAINER_KINDS
from extractors.model import Candidate
from extractors.per_file import FileResult
from extractors.survey import Survey
from schemas.vocabulary import DEFINITE_STATUSES

DEFINITE = DEFINITE_STATUSES


@dataclass(frozen=True)
class CouncilAnswer:
    """One row per replying council and answer key, with the file and place it came from."""

    council_code: str
    key: str
    status: str
    value: str
    detail: str
    source_file: str
    sha256: str
    locator: str
    method: str
    confidence: float
    reason: str
    raw: str


def without_duplicates(results: list[FileResult]) -> list[FileResult]:
    """Given every file's result, return them with later copies of the same bytes marked duplicates of the first.

    A file received as itself counts before a symbolic link to it; a file not read (a refused link, a member
    left in its archive) is nobody's duplicate.
    """
    first_by_hash: dict[str, str] = {}
    for result in sorted(results, key=lambda r: bool(r.item.link)):
        if not result.item.problem:
            first_by_hash.setdefault(result.item.sha256, result.item.source_file)
    marked = []
    for result in results:
        first = first_by_hash.get(result.item.sha256, result.item.source_file)
        if first != result.item.source_file and not result.item.problem:
            result = replace(result, state="duplicate", candidates=[], reason=f"identical to {first} (same bytes)")
        marked.append(result)
    return marked


def superseded_by_correction(files: list[FileResult]) -> dict[str, str]:
    """Given one council's loaded files, return the files a later correcting reply replaces, with the reason."""
    corrections = [f for f in files if f.corrects_earlier]
    if not corrections:
        return {}
    latest = max(corrections, key=lambda f: (f.reply_date, f.item.source_file))
    # A reply dated after the correction is news, not history: only earlier or undated files give way.
    return {f.item.source_file: f"replaced by the corrected reply {latest.item.source_file}" for f in files
            if f is not latest and (f.reply_date or "0000") <= (latest.reply_date or "9999")}


def council_files(results: list[FileResult]) -> dict[str, list[FileResult]]:
    """Given every file's result, return the files that speak for each council, councils in code order."""
    by_council: dict[str, list[FileResult]] = {}
    for result in results:
        if result.item.kind in CONTAINER_KINDS:
            continue  # an archive or e-mail speaks through its members
        if result.state in ("loaded", "quarantined") or (result.state == "needs_review" and result.codes):
            for code in result.codes:
                by_council.setdefault(code, []).append(result)
    return dict(sorted(by_council.items()))


def merge_states(results: list[FileResult]) -> list[FileResult]:
    """Given every file's result, return them (same order) with duplicates and superseded files marked."""
    results = without_duplicates(results)
    final = {r.item.source_file: r for r in results}
    for files in council_files(results).values():
        loaded = [final[f.item.source_file] for f in files if final[f.item.source_file].state == "loaded"]
        for name, reason in superseded_by_correction(loaded).items():
            final[name] = replace(final[name], state="superseded", reason=reason)
    return [final[r.item.source_file] for r in results]


def answer_from(code: str, result: FileResult, found: Candidate) -> CouncilAnswer:
    """Given a council, the file and its candidate, return the council's answer with provenance."""
    return CouncilAnswer(code, found.key, found.status, found.value if found.status == "reported" else "",
                         found.detail, result.item.source_file, result.item.sha256, found.locator, found.method,
                         found.confidence, found.reason, found.raw)


def merge_key(code: str, key: str, sources: list[tuple[FileResult, Candidate]]) -> CouncilAnswer:
    """Given every file's candidate for one council and key, return the council's one answer."""
    definite = [(r, c) for r, c in sources if c.status in DEFINITE]
    pool = definite or [(r, c) for r, c in sources if c.status == "needs_review"] or sources
    values = {(c.status, c.value) for _, c in pool}
    if len(values) == 1:
        result, found = max(pool, key=lambda rc: rc[1].confidence)
        return answer_from(code, result, found)
    listed = "; ".join(f"{c.value or c.status} in {r.item.source_file} {c.locator}" for r, c in pool[:4])
    result, found = pool[0]
    conflict = Candidate(key, "needs_review", "", found.raw, found.locator, found.method, 0.5,
                         f"files from this council disagree: {listed}")
    return answer_from(code, result, conflict)


def missing_answer(code: str, key: str, files: list[FileResult]) -> CouncilAnswer:
    """Given a council whose files give nothing for a key, return not_answered or needs_review with why."""
    addressed = [f for f in files if key in f.addressed]
    if addressed:
        first = addressed[0]
        return CouncilAnswer(code, key, "needs_review", "", "", first.item.source_file, first.item.sha256, "",
                             "question heading", 0.0, "the reply restates this question but no answer was read", "")
    unplaced = [f for f in files if f.unplaced]
    if unplaced:
        first = unplaced[0]
        return CouncilAnswer(code, key, "needs_review", "", "", first.item.source_file, first.item.sha256, "",
                             "absent", 0.0, f"no answer was found, but the reply holds {first.unplaced} figure(s) "
                             "that could not be matched to a question", "")
    scanned = [f for f in files if f.ocr_pages]
    if scanned:  # OCR may have lost the answer's number or words: absence is not established on a scan
        first = scanned[0]
        return CouncilAnswer(code, key, "needs_review", "", "", first.item.source_file, first.item.sha256, "",
                             "absent", 0.0, "no answer was found in this scanned reply; OCR may have lost it", "")
    first = files[0]
    return CouncilAnswer(code, key, "not_answered", "", "", first.item.source_file, first.item.sha256, "",
                         "absent", 1.0, "the reply does not address this question", "")


def unreadable_answers(code: str, files: list[FileResult], survey: Survey) -> list[CouncilAnswer]:
    """Given a council whose only files could not be read, return needs_review for every key."""
    first = files[0]
    reason = f"the reply could not be read automatically: {first.reason}"
    return [CouncilAnswer(code, k.key, "needs_review", "", "", first.item.source_file, first.item.sha256, "",
                          "unreadable file", 0.0, reason, "") for k in survey.keys]


def council_answers(code: str, files: list[FileResult], survey: Survey) -> list[CouncilAnswer]:
    """Given one council's files, return its answer for every key of the survey."""
    loaded = [f for f in files if f.state == "loaded"]
    if not loaded:
        return unreadable_answers(code, files, survey)
    answers = []
    for key in survey.keys:
        # a joint reply gives this council its own answers where its columns said which were whose
        sources = [(f, c) for f in loaded for c in f.by_council.get(code, f.candidates) if c.key == key.key]
        answers.append(merge_key(code, key.key, sources) if sources else missing_answer(code, key.key, loaded))
    return answers


def results_to_answers(results: list[FileResult], survey: Survey) -> list[CouncilAnswer]:
    """Given every file's result, return all councils' answers, duplicates and superseded files set aside."""
    return [answer for code, files in council_files(merge_states(results)).items()
            for answer in council_answers(code, files, survey)]


def response_status(statuses: list[str]) -> str:
    """Given one council's answer statuses, return replied, partial or refused as the recording rules define."""
    if statuses and all(s == "refused" for s in statuses):
        return "refused"
    if any(s in ("refused", "not_held", "not_answered") for s in statuses):
        return "partial"
    return "replied"
