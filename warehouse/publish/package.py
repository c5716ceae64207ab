"""Publication folder -> datapackage.json: a Frictionless data package with a data dictionary for every table."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from extractors.survey import AnswerKey, Survey
from schemas.vocabulary import FILE_STATES, RESPONSE_STATUSES, STATUSES
from warehouse.publish.changes import Version
from warehouse.publish.headline import key_name

VALUES_BY_TYPE = {"policy": ["yes", "no", "partial"], "provider": ["in_house", "commissioned", "mixed"],
                  "yes_no": ["yes", "no"]}
NUMBER_UNIT_BY_TYPE = {"percent": "percent", "money": "pounds"}
UNIT_BY_TYPE = {"count": "count", "hours": "hours"}
GSS = r"^[A-Z]\d{8}$"
SHA = r"^[0-9a-f]{64}$"
SUPPRESSION = ("A value is given only when the status is 'reported'. A suppressed small number (such as '<5' or '*') "
               "is shown as an empty value with status 'suppressed'; it is never replaced by a guess.")
REDACTED = "Free text from the council; e-mail addresses, phone numbers and names are replaced by [... removed]."
NEUTRALISED = "Text starting with = + - or @ is prefixed with ' so that spreadsheets do not run it."
MEDIATYPES = {"csv": "text/csv", "json": "application/json", "html": "text/html",
              "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def field(name: str, title: str, description: str, kind: str = "string", **extra: object) -> dict:
    """Given a column's name, title, meaning and type, return its Table Schema field (extra: unit, constraints)."""
    return {"name": name, "title": title, "description": description, "type": kind, **extra}


def enum(values: list[str]) -> dict:
    """Given allowed values, return the constraint that lists them."""
    return {"constraints": {"enum": list(values)}}


def key_title(key: AnswerKey) -> str:
    """Given an answer key, return a readable column title from its question text and part label."""
    if key.part:
        return f"{key_name(key)} {key.part_label} \u2014 {key.text}"
    return f"{key_name(key)} {key.text}"


def value_field(key: AnswerKey) -> dict:
    """Given an answer key, return the field of its value column in the comparison."""
    description = f"Answer to {key_name(key)}: {key.label}. {SUPPRESSION}"
    if key.type in UNIT_BY_TYPE:
        return field(key.key, key_title(key), description, "integer", unit=UNIT_BY_TYPE[key.type],
                     constraints={"minimum": 0}, suppression=f"empty, with {key.key}_status = suppressed")
    if key.type in NUMBER_UNIT_BY_TYPE or key.type == "duration":
        return field(key.key, key_title(key), description, "number", unit=NUMBER_UNIT_BY_TYPE.get(key.type, key.unit),
                     constraints={"minimum": 0})
    if key.type == "date":
        return field(key.key, key_title(key), description, "date")
    extra = enum(VALUES_BY_TYPE[key.type]) if key.type in VALUES_BY_TYPE else {}
    return field(key.key, key_title(key), description, **extra)


def status_field(key: AnswerKey) -> dict:
    """Given an answer key, return the field of its status column in the comparison."""
    return field(f"{key.key}_status", f"{key_name(key)} status",
                 f"How {key_name(key)} was answered; empty when the council did not reply.", **enum(list(STATUSES)))


def council_fields() -> list[dict]:
    """Return the fields that name a council."""
    return [field("council_code", "GSS code", "The council's GSS code (ONS).", constraints={"pattern": GSS}),
            field("council_name", "Council", "The council's official name, from the mySociety register.")]


def provenance_fields() -> list[dict]:
    """Return the fields that say where an answer came from."""
    return [field("source_file", "Source file", "The reply file, as a path under the survey's replies/ folder."),
            field("source_locator", "Where in the file",
                  "Page, table, row and column (p2 table1 r3c2), page (p2) or spreadsheet cell (Sheet1!C7).")]


def comparison_fields(survey: Survey) -> list[dict]:
    """Given a survey, return the data dictionary of comparison.csv."""
    fields = council_fields() + [
        field("response_status", "Response", "replied: every question addressed; partial: some; refused: the "
              "whole request refused; no_reply: nothing received.", **enum(list(RESPONSE_STATUSES))),
        field("reply_date", "Reply date", "Date of the newest reply that counts.", "date"),
        field("late", "Replied late", "yes when the reply came after the due date in the request log.",
              **enum(["yes", "no"]))]
    for key in survey.keys:
        fields += [value_field(key), status_field(key)]
    for spec in survey.rates:
        fields.append(field(spec.name, spec.label, f"{spec.numerator} divided by {spec.denominator}, to 3 places; "
                            "only where both are reported and the denominator is not 0.", "number",
                            unit="ratio (share of 1)", constraints={"minimum": 0}))
    return fields


def answers_fields(survey: Survey) -> list[dict]:
    """Given a survey, return the data dictionary of answers.csv."""
    return council_fields() + [
        field("question_key", "Question key", "The survey's answer key; for a question asked for several periods, "
              "key@period.", **enum([k.key for k in survey.keys])),
        field("period", "Period", "The id of the period the answer is for, as survey.yaml names it.",
              **enum(sorted({k.period for k in survey.keys}))),
        field("value", "Value", "Counts and hours as whole numbers; policy yes | no | partial; provider in_house | "
              "commissioned | mixed; yes_no yes | no; percent, money (pounds) and duration (the question's unit) as "
              "numbers; date as YYYY-MM-DD; choice as option ids joined by ';'; text as written. "
              f"{SUPPRESSION}", suppression="empty, with status = suppressed"),
        field("status", "Status", "How the question was answered.", **enum(list(STATUSES))),
        field("detail", "Detail", f"Extra words kept with the answer, e.g. a provider's name. {REDACTED}"),
        *provenance_fields(),
        field("method", "Method", "How the pipeline found the answer in the file."),
        field("confidence", "Confidence", "The extractor's confidence, 0 to 1.", "number",
              constraints={"minimum": 0, "maximum": 1}),
        field("reason", "Reason", f"Why the answer has its status (suppression, exemption, review). {REDACTED}"),
        field("reviewed_by", "Reviewed by", "Who decided the answer on review; empty when read by the pipeline."),
        field("sha256", "File hash", "SHA-256 of the source file's bytes.", constraints={"pattern": SHA})]


def files_fields() -> list[dict]:
    """Return the data dictionary of files.csv."""
    return [field("source_file", "Source file", "The file, as a path under replies/."),
            field("sha256", "File hash", "SHA-256 of the file's bytes.", constraints={"pattern": SHA}),
            field("council_codes", "Councils", "GSS codes of the councils the file is from, ';'-separated."),
            field("state", "State", "What the pipeline did with the file.", **enum(list(FILE_STATES))),
            field("reason", "Reason", f"Why the file has its state. {REDACTED}"),
            field("kind", "Kind", "The file's format, sniffed from its bytes."),
            field("size", "Size", "The file's size.", "integer", unit="bytes"),
            field("pages", "Pages", "Number of pages (PDF) or sheets.", "integer"),
            field("identified_by", "Identified by", "How the council was recognised (tracker reference, name...)."),
            field("reply_date", "Reply date", "The date on the reply.", "date")]


def review_fields(survey: Survey) -> list[dict]:
    """Given a survey, return the data dictionary of review.csv."""
    keys = [k.key for k in survey.keys]
    return [field("source_file", "Source file", "The file to look at."),
            field("question_key", "Question key", "The answer to check; empty when the whole file needs a look.",
                  **enum(keys)),
            field("council_code", "Councils", "GSS code(s) of the council, ';'-separated."),
            field("sha256", "File hash", "SHA-256 of the file's bytes."),
            field("extracted", "Extracted", f"What the pipeline read. {REDACTED}"),
            field("reason", "Reason", f"Why a person should look. {REDACTED}"),
            field("source_locator", "Where in the file", "Page, table cell or spreadsheet cell."),
            field("snippet", "Snippet", f"The words around the answer. {REDACTED}")]


def changes_fields(survey: Survey) -> list[dict]:
    """Given a survey, return the data dictionary of changes.csv."""
    return council_fields() + [
        field("question_key", "Question key", "The answer that changed.", **enum([k.key for k in survey.keys])),
        field("old_value", "Old value", "The value in the previous publication."),
        field("old_status", "Old status", "The status in the previous publication; empty if the council had not "
              "replied.", **enum(list(STATUSES))),
        field("new_value", "New value", "The value now."),
        field("new_status", "New status", "The status now; empty if the answer was withdrawn.",
              **enum(list(STATUSES))),
        field("why", "Why", "new reply: the council had no answers before; correction: a different reply file; "
              "reviewer decision: a person decided; extraction change: same file, read differently.",
              **enum(["new reply", "correction", "reviewer decision", "extraction change"])),
        *provenance_fields(),
        field("reviewed_by", "Reviewed by", "The reviewer, for reviewer decisions.")]


def table_specs(survey: Survey) -> list[dict]:
    """Given a survey, return every published table's name, file, grain, fields and keys: the data dictionary."""
    to_comparison = [{"fields": "council_code", "reference": {"resource": "comparison", "fields": "council_code"}}]
    return [
        {"name": "comparison", "path": "comparison.csv", "title": "Comparison of councils",
         "description": "One row per surveyed council, replied or not: response, one value and one status column "
                        "per answer key, and derived rates.", "fields": comparison_fields(survey),
         "primaryKey": ["council_code"]},
        {"name": "answers", "path": "answers.csv", "title": "Answers with provenance",
         "description": "One row per replying council and answer key, with the file and page or cell it came from.",
         "fields": answers_fields(survey), "primaryKey": ["council_code", "question_key"],
         "foreignKeys": to_comparison},
        {"name": "files", "path": "files.csv", "title": "Files received",
         "description": "One row per file received, with its hash, councils and state.", "fields": files_fields(),
         "primaryKey": ["source_file"]},
        {"name": "review", "path": "review.csv", "title": "Needs attention",
         "description": "One row per answer or file a person should look at.", "fields": review_fields(survey)},
        {"name": "changes", "path": "changes.csv", "title": "Changes since the previous publication",
         "description": "One row per council and answer key whose value or status changed since the previous "
                        "version.", "fields": changes_fields(survey), "primaryKey": ["council_code", "question_key"]},
    ]


def file_facts(path: Path) -> dict:
    """Given a published file, return its size and hash as a resource states them."""
    data = path.read_bytes()
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def table_resource(out_dir: Path, spec: dict) -> dict:
    """Given a table's spec, return its tabular data resource."""
    schema = {"fields": spec["fields"], "missingValues": [""]}
    schema.update({k: spec[k] for k in ("primaryKey", "foreignKeys") if k in spec})
    return {"name": spec["name"], "path": spec["path"], "title": spec["title"], "description": spec["description"],
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            **file_facts(out_dir / spec["path"]), "schema": schema}


def file_resource(out_dir: Path, name: str, path: str, description: str) -> dict:
    """Given a non-tabular published file, return its resource."""
    suffix = path.rsplit(".", 1)[-1]
    kind = {"type": "file"} if suffix == "xlsx" else {}
    return {"name": name, "path": path, **kind, "description": description, "format": suffix,
            "mediatype": MEDIATYPES[suffix], **file_facts(out_dir / path)}


def package_of(survey: Survey, version: Version, out_dir: Path) -> dict:
    """Given the written publication and its version, return the data package descriptor."""
    others = [("summary", "summary.json", "Headline figures, each with its denominator, and run counts."),
              ("report", "report.html", "The report: headline figures, charts, map and the table, self-contained."),
              ("comparison-xlsx", "comparison.xlsx", "comparison.csv as a spreadsheet, with a Notes sheet.")]
    return {
        "name": re.sub(r"[^a-z0-9._-]+", "-", survey.id.lower()),
        "title": survey.title,
        "description": f"Freedom of Information replies for {survey.period_label}, one comparison across every "
                       f"council asked, each value traceable to its source file and page or cell. {NEUTRALISED}",
        "version": f"{version.number}.0.0",
        "created": version.published_iso,
        "publication": {"version": version.number, "published_at": version.published_iso,
                        "previous_version": version.previous, "content_sha256": version.fingerprint,
                        "period": survey.period_label},
        "sources": [{"title": "Replies from councils to a Freedom of Information request"},
                    {"title": "mySociety UK Local Authority Names and Codes (MIT licence)"}],
        "resources": [table_resource(out_dir, s) for s in table_specs(survey)]
        + [file_resource(out_dir, *o) for o in others if (out_dir / o[1]).is_file()],
    }


def write_package(survey: Survey, version: Version, out_dir: Path) -> None:
    """Given the written publication, write datapackage.json describing every file in it."""
    descriptor = package_of(survey, version, out_dir)
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    (out_dir / "datapackage.json").write_text(text, encoding="utf-8")
