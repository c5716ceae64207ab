"""Stage results -> the frames that are validated and loaded: files, answers, councils, review items."""

from __future__ import annotations

import pandas as pd

from extractors.identify.register import Council
from extractors.identify.tracker import TrackerRow, expected_due
from extractors.merge.answers import CouncilAnswer, response_status
from extractors.per_file import FileResult
from extractors.survey import Survey

ANSWER_COLUMNS = [
    "council_code", "question_key", "value", "status", "detail", "source_file", "sha256", "source_locator",
    "method", "confidence", "reason", "raw", "reviewed_by",
]
REVIEW_COLUMNS = ["source_file", "question_key", "council_code", "sha256", "extracted", "reason",
                  "source_locator", "snippet"]


def survey_frame(survey: Survey) -> pd.DataFrame:
    """Given a survey, return its one-row frame."""
    return pd.DataFrame([{"id": survey.id, "title": survey.title}])


def questions_frame(survey: Survey) -> pd.DataFrame:
    """Given a survey, return one row per answer key."""
    return pd.DataFrame([
        {"survey_id": survey.id, "key": k.key, "question_id": k.question_id, "position": i, "type": k.type,
         "part": k.part, "text": k.text}
        for i, k in enumerate(survey.keys, 1)
    ])


def councils_frame(councils: list[Council]) -> pd.DataFrame:
    """Given the surveyed councils, return one row per council."""
    return pd.DataFrame([
        {"code": c.code, "name": c.name, "type": c.type, "region": c.region or "", "lat": c.lat, "lon": c.lon}
        for c in councils
    ])


def files_frame(results: list[FileResult]) -> pd.DataFrame:
    """Given every file's result, return one row per file received with its state and reason."""
    return pd.DataFrame([
        {"source_file": r.item.source_file, "sha256": r.item.sha256, "size": r.item.size, "kind": r.item.kind,
         "council_codes": ";".join(r.codes), "identified_by": r.identified_by, "state": r.state,
         "reason": r.reason, "reply_date": r.reply_date, "pages": r.pages}
        for r in sorted(results, key=lambda r: r.item.source_file)
    ], columns=["source_file", "sha256", "size", "kind", "council_codes", "identified_by", "state", "reason",
                "reply_date", "pages"])


def answers_frame(answers: list[CouncilAnswer], order: dict[str, int]) -> pd.DataFrame:
    """Given the councils' answers, return one row per council and key in a stable order."""
    rows = [
        {"council_code": a.council_code, "question_key": a.key, "value": a.value, "status": a.status,
         "detail": a.detail, "source_file": a.source_file, "sha256": a.sha256, "source_locator": a.locator,
         "method": a.method, "confidence": round(a.confidence, 3), "reason": a.reason, "raw": a.raw,
         "reviewed_by": ""}
        for a in answers
    ]
    frame = pd.DataFrame(rows, columns=ANSWER_COLUMNS)
    frame["_order"] = frame["question_key"].map(order)
    return frame.sort_values(["council_code", "_order"]).drop(columns="_order").reset_index(drop=True)


def review_frame(answers: pd.DataFrame, files: pd.DataFrame, flags: pd.DataFrame | None = None,
                 stale: list[dict] | None = None) -> pd.DataFrame:
    """Given answers, files, failed checks and stale decisions, return one review item per thing to look at."""
    doubtful = answers[answers["status"] == "needs_review"]
    rows = [answer_item(a, a.reason or "needs review") for a in doubtful.itertuples()]
    rows += [
        {"source_file": f.source_file, "question_key": "", "council_code": f.council_codes, "sha256": f.sha256,
         "extracted": "", "reason": f"{f.state}: {f.reason}", "source_locator": "", "snippet": ""}
        for f in files.itertuples() if f.state in ("needs_review", "quarantined")
    ]
    if flags is not None and len(flags):
        flagged = flags.merge(answers, on=["council_code", "question_key"], how="left", suffixes=("", "_answer"))
        rows += [answer_item(a, a.reason) for a in flagged.itertuples()]
    for decision in stale or ():
        source = files.loc[files["sha256"] == decision["sha256"], "source_file"]
        rows.append({"source_file": source.iloc[0] if len(source) else f"(file {decision['sha256'][:12]})",
                     "question_key": decision["question_key"], "council_code": decision["council_code"],
                     "sha256": decision["sha256"], "extracted": decision["value"], "reason": decision["why"],
                     "source_locator": "", "snippet": ""})
    frame = pd.DataFrame(rows, columns=REVIEW_COLUMNS)
    return frame.drop_duplicates(["source_file", "question_key"], keep="first").reset_index(drop=True)


def answer_item(answer: object, reason: str) -> dict:
    """Given one answer row, return a review item pointing at its source."""
    return {"source_file": answer.source_file, "question_key": answer.question_key,
            "council_code": answer.council_code, "sha256": answer.sha256, "extracted": answer.value or answer.status,
            "reason": reason, "source_locator": answer.source_locator, "snippet": str(answer.raw)[:200]}


def reply_dates(results: list[FileResult]) -> dict[str, str]:
    """Given file results, return each council's reply date from the newest file that counts."""
    dates: dict[str, str] = {}
    for result in results:
        if result.state in ("loaded", "needs_review", "quarantined"):
            for code in result.codes:
                dates[code] = max(dates.get(code, ""), result.reply_date)
    return dates


def survey_councils_frame(survey: Survey, councils: list[Council], answers: pd.DataFrame,
                          results: list[FileResult], tracker: list[TrackerRow]) -> pd.DataFrame:
    """Given answers and files, return one row per surveyed council with its response status and date."""
    statuses = answers.groupby("council_code")["status"].apply(list).to_dict()
    dates = reply_dates(results)
    due = {row.council_code: expected_due(row) for row in tracker if row.council_code}
    rows = []
    for council in councils:
        replied = council.code in statuses
        date = dates.get(council.code, "")
        late = ""
        if replied and date and due.get(council.code):
            late = "yes" if date > due[council.code].isoformat() else "no"
        rows.append({"survey_id": survey.id, "council_code": council.code,
                     "response_status": response_status(statuses[council.code]) if replied else "no_reply",
                     "reply_date": date if replied else "", "late": late})
    return pd.DataFrame(rows)
