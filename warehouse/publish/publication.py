"""Publication: everything one publication holds, as frames, handed to the writers of each output file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from extractors.survey import Survey


@dataclass
class Publication:
    """Everything one publication holds, as frames, handed to the writers of the extra outputs."""

    survey: Survey
    answers: pd.DataFrame  # one row per replying council and key (ANSWER_OUT columns)
    comparison: pd.DataFrame  # one row per surveyed council
    files: pd.DataFrame  # one row per file received (FILES_OUT columns)
    review: pd.DataFrame  # one row per review item
    councils: pd.DataFrame  # one row per council: code, name, type, region, lat, lon
    summary: dict
    out_dir: Path
