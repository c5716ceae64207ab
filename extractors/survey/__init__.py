"""The survey as sent (survey.yaml): its questions and answer keys, periods, own words, and who was asked."""

from extractors.survey.load import check_from_spec, load_survey, survey_from_mapping
from extractors.survey.model import (
    QUESTION_TYPES,
    AnswerKey,
    Body,
    Check,
    Group,
    Period,
    Question,
    Rate,
    Survey,
    Vocabulary,
)
from extractors.survey.questions import KEY_PATTERN, SurveyError, part_labels_from_text, question_number

__all__ = ["KEY_PATTERN", "QUESTION_TYPES", "AnswerKey", "Body", "Check", "Group", "Period", "Question", "Rate",
           "Survey", "SurveyError", "Vocabulary", "check_from_spec", "load_survey", "part_labels_from_text",
           "question_number", "survey_from_mapping"]
