"""Dry run: the writers record the writes they would make instead of sending them.

The one decision point is here, at the edge: a job that runs in dry run gives its writers an
`IntendedWrites`, and every write method of `BranchWriter`, `PullRequestWriter` and `CheckRunWriter`
records one line ("would open pull request 'Add SECURITY.md'") and answers with a stand-in value instead
of calling GitHub. Reads still happen, so the plan and the check run are computed exactly as for real.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

STAND_IN_SHA = "0" * 40  # the commit a dry-run commit "makes"
STAND_IN_NUMBER = 0  # the number of a pull request or check run a dry run "creates"


@dataclass
class IntendedWrites:
    """The writes a dry-run job would have made, in order, for one repository."""

    repository: str  # owner/name, for the log
    writes: list[str] = field(default_factory=list)

    def record(self, summary: str) -> None:
        log.info("dry run: %s: %s", self.repository, summary)
        self.writes.append(summary)
