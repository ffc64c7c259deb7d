"""What a check run reports: the files read (`RunFacts`) and the output sent to GitHub (`Output`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from checks.advisories.diff import Conclusion

MAX_OUTPUT_CHARS = 65_535  # GitHub's limit for output.summary and output.text
ANNOTATIONS_PER_REQUEST = 50  # GitHub's limit per create/update request


@dataclass(frozen=True)
class FileReport:
    path: str
    format: str = ""
    count: int = 0
    error: str | None = None


@dataclass(frozen=True)
class RunFacts:
    """What was read, to explain the result."""

    head_sha: str
    base_sha: str | None = None
    files: tuple[FileReport, ...] = ()
    skipped: Mapping[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # trusted sentences of our own (not escaped)
    # why the advisory data cannot be trusted (missing or stale for an ecosystem read): never a pass
    advisory_gap: str | None = None

    @property
    def dependency_count(self) -> int:
        return sum(f.count for f in self.files)

    @property
    def unreadable(self) -> tuple[FileReport, ...]:
        return tuple(f for f in self.files if f.error)


@dataclass(frozen=True)
class Output:
    conclusion: Conclusion
    title: str
    summary: str
    text: str = ""
    annotations: tuple[dict[str, Any], ...] = ()
    annotations_omitted: int = 0

    def payload(self, annotations: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
        out: dict[str, Any] = {"title": self.title, "summary": self.summary}
        if self.text:
            out["text"] = self.text
        if annotations:
            out["annotations"] = list(annotations)
        return out

    def annotation_batches(self) -> Iterator[tuple[dict[str, Any], ...]]:
        for start in range(0, len(self.annotations), ANNOTATIONS_PER_REQUEST):
            yield self.annotations[start : start + ANNOTATIONS_PER_REQUEST]
