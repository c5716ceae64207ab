"""Survey -> the request text (request.md), numbered exactly as the pipeline looks for each answer."""

from __future__ import annotations

import datetime as dt

from extractors.survey.model import AnswerKey, Question, Survey

TYPE_HINTS = {
    "policy": "(yes, no, or partly, and for whom)",
    "provider": "(an in-house team, a commissioned provider, or both; please name any provider)",
    "hours": "(in hours or days)",
    "yes_no": "(yes or no)",
    "percent": "(as a percentage)",
    "money": "(in pounds)",
    "date": "(please give the date)",
}


def periods_phrase(question: Question, survey: Survey) -> str:
    """Given a question, return the periods it asks about, as the request states them."""
    labels = [p.label for p in survey.periods if p.id in question.periods]
    if question.as_at:
        return f"As at {dt.date.fromisoformat(question.as_at):%-d %B %Y}."
    if len(survey.periods) == 1 or not labels:
        return ""
    if len(labels) == 1:
        return f"For {labels[0]}."
    return "Please give a figure for each of: " + "; ".join(labels) + "."


def type_hint(key: AnswerKey) -> str:
    """Given a question's first key, return the words that say what form the answer takes."""
    if key.type == "choice":
        listed = "; ".join(label for _, label, _ in key.options)
        return f"({'any' if key.multiple else 'one'} of: {listed})"
    if key.type == "duration":
        return f"(in {key.unit})"
    return TYPE_HINTS.get(key.type, "")


def question_lines(question: Question, survey: Survey) -> list[str]:
    """Given a question, return its numbered lines in the request."""
    hint = type_hint(question.keys[0])
    lines = [f"**{question.id}.** {question.text} {hint}".rstrip()]
    when = periods_phrase(question, survey)
    if when:
        lines.append(f"   {when}")
    return lines


def survey_to_request(survey: Survey) -> str:
    """Given a survey, return the request to send, in Markdown."""
    period = survey.periods[0].label if len(survey.periods) == 1 else \
        ", ".join(p.label for p in survey.periods)
    lines = [f"# {survey.title}", "", "Dear Freedom of Information officer,", "",
             "Under the Freedom of Information Act 2000, please provide the following information for "
             f"{period}.", "", "Please answer each question under its number; where a question has parts, "
             "please answer each part under its letter.", ""]
    for question in survey.questions:
        lines += [*question_lines(question, survey), ""]
    lines += ["If the information for a question is not held, please say so; if any figure is withheld, "
              "please say which exemption applies and provide the rest.", "",
              "I would prefer the figures in a spreadsheet or CSV where possible.", "", "Thank you."]
    return "\n".join(lines) + "\n"
