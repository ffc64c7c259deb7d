"""Whether a claimed job may start now, given its installation's recorded rate budget.

A job that would start while the installation's budget is spent waits for the reset instead of
minting a token and being refused. A scan also leaves the last `reserve_percent` of the budget to
interactive work (check runs): below it, the scan waits for the reset. Both spend no request.
"""

from __future__ import annotations

from datetime import datetime

from app.jobs.queue import SERIAL_PER_INSTALLATION
from app.store.budgets import RateReading

UNMETERED_KINDS = ("delivery",)  # routes a stored webhook to jobs; sends no GitHub request itself


def budget_wait(
    kind: str, reading: RateReading | None, reserve_percent: int, now: datetime
) -> datetime | None:
    """The time the job should wait for, or None when it may start."""
    if reading is None or kind in UNMETERED_KINDS:
        return None
    if reading.exhausted(now):
        return reading.reset_at
    if kind in SERIAL_PER_INSTALLATION and reading.below(reserve_percent, now):
        return reading.reset_at
    return None
