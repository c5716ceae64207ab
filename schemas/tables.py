"""Pandera models: the contracts every published and loaded table meets. Each docstring states the grain."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.vocabulary import FILE_STATES, RESPONSE_STATUSES, STATUSES, value_fits

GSS = r"^[EWSN]\d{8}$"


class AnswerModel(pa.DataFrameModel):
    """One row per replying council and answer key."""

    council_code: Series[str] = pa.Field(str_matches=GSS)
    question_key: Series[str]
    value: Series[str]
    status: Series[str] = pa.Field(isin=STATUSES)
    source_file: Series[str]
    source_locator: Series[str]

    @pa.dataframe_check
    def value_only_when_reported(cls, df: pd.DataFrame) -> Series[bool]:
        """A value is present exactly when the status is reported."""
        return (df["status"] == "reported") == (df["value"] != "")

    class Config:
        """Keys are unique per council; extra provenance columns are allowed."""

        unique = ["council_code", "question_key"]
        strict = False
        coerce = True


def answer_model_for(key_types: dict[str, str]) -> type[AnswerModel]:
    """Given each answer key's question type, return the answer model that also checks every reported value's type.

    A reviewer's decision, an extraction or a hand edit: whatever produced a value, 'maybe' for an hours question
    fails here and the answer is held back.
    """

    class SurveyAnswerModel(AnswerModel):
        """One row per replying council and answer key, each reported value of its question's type."""

        @pa.dataframe_check
        def value_fits_question_type(cls, df: pd.DataFrame) -> Series[bool]:
            """A reported value is of its question's type (counts and hours whole numbers, choices from the list)."""
            types = df["question_key"].map(key_types).fillna("")
            fits = [status != "reported" or value_fits(str(value), qtype)
                    for status, value, qtype in zip(df["status"], df["value"], types, strict=True)]
            return pd.Series(fits, index=df.index)

    return SurveyAnswerModel


class FileModel(pa.DataFrameModel):
    """One row per file received under replies/ (archive members and attachments included)."""

    source_file: Series[str] = pa.Field(unique=True)
    sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    council_codes: Series[str]
    state: Series[str] = pa.Field(isin=FILE_STATES)
    reason: Series[str]

    @pa.dataframe_check
    def reason_unless_loaded(cls, df: pd.DataFrame) -> Series[bool]:
        """Every file not loaded says why."""
        return (df["state"] == "loaded") | (df["reason"].str.len() > 0)

    class Config:
        """Extra columns such as kind and size are allowed."""

        strict = False
        coerce = True


class ComparisonModel(pa.DataFrameModel):
    """One row per surveyed council, replied or not."""

    council_code: Series[str] = pa.Field(str_matches=GSS, unique=True)
    council_name: Series[str]
    response_status: Series[str] = pa.Field(isin=RESPONSE_STATUSES)

    class Config:
        """One column per answer key and derived rates follow; they depend on the survey."""

        strict = False
        coerce = True


class ReviewItemModel(pa.DataFrameModel):
    """One row per file and answer key (or file alone) that a person must look at."""

    source_file: Series[str]
    question_key: Series[str]
    reason: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        """Context columns (council, extracted text, locator, snippet) are allowed."""

        strict = False
        coerce = True


def validate(model: type[pa.DataFrameModel], frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Given a model and a frame, return the frame and every failure as a plain sentence (lazy validation)."""
    try:
        return model.validate(frame, lazy=True), []
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        messages = [
            f"{model.__name__}: {row.check} failed on column {row.column} (value {row.failure_case!r}, row {row.index})"
            for row in cases.itertuples()
        ]
        return frame, messages


def failing_rows(messages: list[str]) -> set[int]:
    """Given validation messages, return the row numbers they name."""
    return {int(m.rsplit("row ", 1)[1].rstrip(")")) for m in messages if m.rsplit("row ", 1)[-1].rstrip(")").isdigit()}


def quarantine_answers(frame: pd.DataFrame, messages: list[str]) -> pd.DataFrame:
    """Given answers and their validation failures, return them with each failing row held back for review."""
    bad = failing_rows(messages) & set(frame.index)
    if not bad:
        return frame
    frame = frame.copy()
    rows = sorted(bad)
    frame.loc[rows, "status"] = "needs_review"
    frame.loc[rows, "value"] = ""
    frame.loc[rows, "reason"] = "the answer failed validation: " + "; ".join(
        m for m in messages if m.endswith(tuple(f"row {r})" for r in rows)))[:300]
    return frame
