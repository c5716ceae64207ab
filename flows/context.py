"""Survey folder -> Context: everything a run knows before it reads a file (survey, who was asked, request log)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extractors.identify.register import Council, Register, load_register, register_with_bodies
from extractors.identify.tracker import TrackerRow, read_tracker
from extractors.limits import Limits, env_to_limits
from extractors.survey import Survey, load_survey


@dataclass
class Context:
    """Everything a run needs to know before it reads a file: the survey, who was asked, the request log."""

    survey_dir: Path
    survey: Survey
    register: Register
    councils: list[Council]
    tracker: list[TrackerRow]
    problems: list[str] = field(default_factory=list)
    limits: Limits = field(default_factory=env_to_limits)  # what one file may cost (FOI_MAX_* settings)

    @property
    def store(self) -> Path:
        """Given a context, return the folder where received files are kept by hash."""
        return self.survey_dir / ".foi" / "store"

    @property
    def surveyed(self) -> set[str]:
        """Given a context, return the GSS codes of the councils asked."""
        return {c.code for c in self.councils}


def survey_to_context(survey_dir: Path) -> Context:
    """Given a survey folder, return its validated survey, councils and request log."""
    survey_dir = Path(survey_dir)
    survey = load_survey(survey_dir)
    register = register_with_bodies(survey.bodies) if survey.bodies else load_register()
    if survey.bodies:
        councils = list(register.councils)
    elif survey.council_codes:
        councils = [register.by_code(c) for c in survey.council_codes]
    else:
        councils = register.surveyed(survey.register, survey.register_filter)
    tracker_path = survey_dir / "tracker.csv"
    tracker, problems = ([], [])
    if tracker_path.is_file():
        tracker, problems = read_tracker(tracker_path, register, {c.code for c in councils})
    return Context(survey_dir, survey, register, councils, tracker, list(problems))
