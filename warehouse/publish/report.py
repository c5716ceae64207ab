"""Publication -> report.html: one self-contained page (inline CSS, JS, SVG), every number linked to its source."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape

from extractors.survey import AnswerKey
from schemas.vocabulary import RESPONSE_STATUSES
from warehouse.publish import charts
from warehouse.publish.changes import Version
from warehouse.publish.headline import key_name
from warehouse.publish.package import table_specs
from warehouse.publish.publication import Publication

TEMPLATES = Path(__file__).parent / "templates"
NUMERIC_TYPES = ("count", "hours")
POLICY_ORDER = ["yes", "partial", "no", "not reported"]
RESPONSE_ORDER = list(RESPONSE_STATUSES)


def environment() -> Environment:
    """Return the Jinja environment; autoescape makes every council's text inert in the page."""
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def file_anchors(files: pd.DataFrame) -> dict[str, str]:
    """Given the files received, return each file's anchor in the report's file list."""
    return {name: f"f{i}" for i, name in enumerate(sorted(files["source_file"]), 1)}


def columns_of(publication: Publication) -> list[dict]:
    """Given a publication, return the table's answer and rate columns with short and full titles."""
    columns = [{"name": k.key, "short": key_name(k), "sub": k.part_label, "title": k.label,
                "kind": "number" if k.type in NUMERIC_TYPES else "text"} for k in publication.survey.keys]
    columns += [{"name": r.name, "short": r.name.replace("_", " "), "sub": "rate",
                 "title": f"{r.label} ({r.numerator} / {r.denominator})",
                 "kind": "number"} for r in publication.survey.rates]
    return columns


def answer_cell(answer: dict | None, key: AnswerKey, anchors: dict[str, str]) -> dict:
    """Given one council's answer to a key, return its table cell: text, sort value, link to its source."""
    if answer is None:
        return {"text": "", "sort": "", "href": "", "title": "", "css": "none", "detail": ""}
    reported = answer["status"] == "reported"
    text = answer["value"] if reported else answer["status"].replace("_", " ")
    sort = text
    if key.type in NUMERIC_TYPES:
        sort = answer["value"] if reported else ""  # statuses sort after every number
    where = f"{answer['source_file']}, {answer['source_locator'] or 'whole file'}"
    return {"text": text, "sort": sort, "href": "#" + anchors.get(answer["source_file"], ""),
            "title": f"Source: {where}", "css": "v" if reported else "st", "detail": answer.get("detail") or ""}


def rate_cell(share: str) -> dict:
    """Given a rate as text (share of 1), return its table cell as a percentage."""
    text = f"{float(share) * 100:.1f}%" if share else ""
    return {"text": text, "sort": share, "href": "", "title": "", "css": "v", "detail": ""}


def table_rows(publication: Publication, anchors: dict[str, str]) -> list[dict]:
    """Given a publication, return one row per surveyed council, sorted by name, with every cell."""
    answers = {(a["council_code"], a["question_key"]): a for a in publication.answers.fillna("").to_dict("records")}
    rows = []
    for council in publication.comparison.fillna("").to_dict("records"):
        code = council["council_code"]
        cells = [answer_cell(answers.get((code, k.key)), k, anchors) for k in publication.survey.keys]
        cells += [rate_cell(council[r.name]) for r in publication.survey.rates]
        rows.append({"code": code, "name": council["council_name"], "status": council["response_status"],
                     "date": council["reply_date"], "cells": cells,
                     "search": f"{council['council_name']} {code}".lower()})
    return sorted(rows, key=lambda r: (r["name"], r["code"]))


def dots_for(publication: Publication, key: str) -> list[charts.Dot]:
    """Given a policy key, return every surveyed council with its answer ('no reply' when it sent none)."""
    answers = publication.answers[publication.answers["question_key"] == key]
    value = {a.council_code: (a.value if a.status == "reported" else "not reported") for a in answers.itertuples()}
    places = publication.councils.set_index("code")
    dots = []
    for code, name in zip(publication.comparison["council_code"], publication.comparison["council_name"], strict=True):
        lat, lon = (places.at[code, "lat"], places.at[code, "lon"]) if code in places.index else (None, None)
        dots.append(charts.Dot(code, str(name), value.get(code, charts.NO_REPLY),
                               None if pd.isna(lat) else float(lat), None if pd.isna(lon) else float(lon)))
    return dots


def policy_figures(publication: Publication) -> list[dict]:
    """Given a publication, return per policy key its sentence, council squares and map."""
    figures = []
    for figure in publication.summary["headline"]["policies"]:
        key = publication.survey.key(figure["key"])
        dots = dots_for(publication, key.key)
        replied = [d for d in dots if d.value != charts.NO_REPLY]
        label = f"{key_name(key)}: {key.label}"
        figures.append({"name": key_name(key), "question": key.label, "sentence": figure["sentence"],
                        "squares": charts.council_squares(replied, label, POLICY_ORDER),
                        "map": charts.council_map(dots, f"Map of councils by answer to {label}",
                                                  POLICY_ORDER + [charts.NO_REPLY])})
    return figures


def rates_chart(publication: Publication) -> charts.Markup:
    """Given a publication, return the strip chart of every rate's spread across councils."""
    comparison = publication.comparison
    strips = []
    for figure in publication.summary["headline"]["rates"]:
        shown = comparison[comparison[figure["name"]] != ""]
        dots = [charts.Dot(c, n, v) for c, n, v in zip(shown["council_code"], shown["council_name"],
                                                        shown[figure["name"]], strict=True)]
        strips.append((figure["label"], dots, figure["median"]))
    return charts.rate_strips(strips)


def attention_of(publication: Publication, names: dict[str, str]) -> tuple[list[dict], list[dict]]:
    """Given a publication, return the answers and the files that still need a person to look."""
    review = publication.review.fillna("").sort_values(["source_file", "question_key"])
    items = [dict(r, council_name="; ".join(names.get(c, c) for c in str(r["council_code"]).split(";") if c))
             for r in review.to_dict("records")]
    files = publication.files.fillna("")
    waiting = files[files["state"] != "loaded"].sort_values("source_file").to_dict("records")
    return items, waiting


def report_context(publication: Publication, version: Version, changes: pd.DataFrame) -> dict:
    """Given a publication, its version and its changes, return everything the report template shows."""
    survey = publication.survey
    names = dict(zip(publication.comparison["council_code"], publication.comparison["council_name"], strict=True))
    anchors = file_anchors(publication.files)
    statuses = publication.comparison["response_status"].value_counts()
    review, waiting = attention_of(publication, names)
    files = publication.files.fillna("").sort_values("source_file").to_dict("records")
    return {
        "survey": survey, "version": version, "headline": publication.summary["headline"],
        "keys": {k.key: k for k in survey.keys}, "key_names": {k.key: key_name(k) for k in survey.keys},
        "latest_reply": max([d for d in publication.comparison["reply_date"].fillna("") if d] or [""]),
        "policies": policy_figures(publication), "rates_chart": rates_chart(publication),
        "status_chart": charts.status_bars({s: int(statuses.get(s, 0)) for s in RESPONSE_ORDER},
                                           "Councils by response"),
        "columns": columns_of(publication), "rows": table_rows(publication, anchors),
        "responses": RESPONSE_ORDER, "changes": changes.fillna("").to_dict("records"),
        "review": review, "waiting": waiting, "anchors": anchors,
        "files": [dict(f, anchor=anchors[f["source_file"]],
                       council_names="; ".join(names.get(c, c) for c in f["council_codes"].split(";") if c))
                  for f in files],
        "dictionary": table_specs(survey),
    }


def write_report(publication: Publication, version: Version, changes: pd.DataFrame) -> None:
    """Given a publication, its version and changes, write report.html into its folder."""
    template = environment().get_template("report.html.j2")
    html = template.render(**report_context(publication, version, changes))
    (publication.out_dir / "report.html").write_text(html, encoding="utf-8", newline="\n")
