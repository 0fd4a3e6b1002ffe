"""What the survey windows are given by the composition root (desktop/desk_services.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from models.outreach.outreach import Outing
from models.programme.programme import SessionInfo
from models.surveys.surveys import SurveyBook


@dataclass
class SurveyServices:
    book: SurveyBook
    staff_id: Callable[[], int | None]
    # the kiosk's exit: the member whose personal code this is (audited), else None
    exit_code: Callable[[str], int | None]
    # whether anyone of the team has a personal code (else the kiosk could not be left)
    any_code_set: Callable[[], bool]
    # the programme's sessions between two moments, and the recent outings: what typed-in
    # answers may come from
    sessions: Callable[[datetime, datetime], list[SessionInfo]]
    outings: Callable[[], list[Outing]]
    # the paper questionnaire: (survey id, languages) → PDF bytes
    paper: Callable[[str, tuple[str, ...]], bytes]
    # the person at the desk chooses a personal code (when nobody of the team has one yet)
    choose_code: Callable[[str], None] | None = None
    # the results as a spreadsheet: (results, path) → written file
    save_results: Callable[[object, str], None] | None = None
