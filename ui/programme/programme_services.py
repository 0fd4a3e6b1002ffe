"""What the programme window receives from desktop/ (the composition root)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from models.orientations.partners import PartnerDirectory
from models.programme.programme import (
    ProgrammeService,
)
from ui.programme.poster_actions import SaveSettings


@dataclass
class ProgrammeServices:
    programme: ProgrammeService
    partners: PartnerDirectory
    staff_id: Callable[[], int | None]
    now: Callable[[], datetime]
    # (web address, logo) of the posters; None where the settings cannot be changed
    save_poster_settings: SaveSettings | None = None
