"""survey.yaml loading: the example loads; malformed files give one clear sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from extractors.survey import SurveyError, load_survey, part_labels_from_text, survey_from_mapping

from .conftest import EXAMPLE


def example_mapping() -> dict:
    """The example survey.yaml as a mapping, to break in tests."""
    return yaml.safe_load((EXAMPLE / "survey.yaml").read_text(encoding="utf-8"))


def test_example_survey_has_fourteen_keys_in_order(survey):
    assert [k.key for k in survey.keys][:5] == ["policy_care", "policy_home", "provider", "timescale_hours",
                                               "episodes_care"]
    assert len(survey.keys) == 14
    assert survey.key("episodes_care").part_label == "children in care"
    assert survey.key("children_home").part_label == "from home"


def test_part_labels_come_from_the_question_text():
    text = "How many were there for (a) boys, (b) girls and (c) others?"
    assert part_labels_from_text(text, ["a", "b", "c"]) == {"a": "boys", "b": "girls", "c": "others"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("period"), "period"),
        (lambda d: d["questions"][0].update(type="essay"), "type 'essay'"),
        (lambda d: d["questions"][1].update(key="policy_care"), "used twice"),
        (lambda d: d["questions"][4].update(parts="a"), "parts"),
        (lambda d: d["period"].update(end="2020-01-01"), "before"),
        (lambda d: d.update(rates=[{"name": "r", "numerator": "nope", "denominator": "episodes_care"}]), "nope"),
    ],
)
def test_malformed_survey_is_refused_with_a_clear_message(change, message):
    data = example_mapping()
    change(data)
    with pytest.raises(SurveyError, match=message):
        survey_from_mapping(data)


def test_missing_and_invalid_yaml_files(tmp_path: Path):
    with pytest.raises(SurveyError, match="No survey.yaml"):
        load_survey(tmp_path)
    (tmp_path / "survey.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(SurveyError, match="not valid YAML"):
        load_survey(tmp_path)


def test_another_survey_with_other_keys_loads():
    data = {
        "id": "care-leavers-2027",
        "period": {"start": "2026-04-01", "end": "2027-03-31"},
        "councils": {"register": "england-childrens-services"},
        "questions": [
            {"id": "Q1", "key": "has_offer", "text": "Do you publish a local offer?", "type": "policy"},
            {"id": "Q2", "text": "How many care leavers aged (a) 18-20 and (b) 21-25?", "type": "count",
             "parts": {"a": "leavers_18_20", "b": "leavers_21_25"}},
        ],
    }
    survey = survey_from_mapping(data)
    assert [k.key for k in survey.keys] == ["has_offer", "leavers_18_20", "leavers_21_25"]
    assert survey.key("leavers_21_25").part_label == "21-25"
