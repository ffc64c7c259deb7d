"""Which file decided each setting a check ran with: the repository's `.github/repo-hygiene.yml`, the
organisation's (the same path in the owner's `.github` repository), or the built-in default.

Pure, over the same reading and validation as `parse_config`: a key that failed validation counts as
not set (its default, or the organisation's value, was in force), exactly as the scan applied it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from checks._config_schema import SECTIONS, default_value
from checks.config import CONFIG_PATH, ORG_CONFIG_PATH, _read
from checks.model import Snapshot

REPOSITORY = "repository"
ORGANISATION = "organisation"
DEFAULT = "default"
# The configuration section each check reads, beyond `checks.<id>` itself.
CHECK_SECTIONS = {"security-policy": "security_policy", "dependency-advisories": "dependencies"}
# The older `pull_requests` switches a check's fix falls back on (see RepoConfig.fix_enabled).
FIX_FALLBACKS = {"security-policy": "security_md", "security-badge": "badge"}


@dataclass(frozen=True, slots=True)
class Decided:
    key: str  # dotted, e.g. "dependencies.fail_on"
    value: Any
    source: str  # repository | organisation | default
    file: str  # where it was read ("" for the built-in default)

    def as_dict(self) -> dict[str, Any]:
        value = [str(v) for v in self.value] if isinstance(self.value, list | tuple) else self.value
        if not isinstance(value, bool | int | str | list | type(None)):
            value = str(value)
        return {"key": self.key, "value": value, "source": self.source, "file": self.file}


def _clean(source: bytes | str | None) -> dict[str, Any]:
    if source is None:
        return {}
    try:
        clean, _ = _read(source)
    except Exception:  # parse_config ignores such a file as a whole; so does the explanation
        return {}
    return clean


def _lookup(doc: Mapping[str, Any], path: tuple[str, ...]) -> tuple[bool, Any]:
    node: Any = doc
    for part in path:
        if not isinstance(node, Mapping) or part not in node:
            return False, None
        node = node[part]
    return True, node


class Explainer:
    """The decisions for one repository, from its file and its organisation's."""

    def __init__(self, repo_text: bytes | str | None, org_text: bytes | str | None) -> None:
        self._layers = (
            (REPOSITORY, CONFIG_PATH, _clean(repo_text)),
            (ORGANISATION, f"{ORG_CONFIG_PATH} (organisation .github repository)", _clean(org_text)),
        )

    def decide(self, key: str, default: Any) -> Decided:
        path = tuple(key.split("."))
        for source, file, doc in self._layers:
            found, value = _lookup(doc, path)
            if found:
                return Decided(key, value, source, file)
        return Decided(key, default, DEFAULT, "")

    def for_check(self, check_id: str) -> list[Decided]:
        """`checks.<id>.enabled` and `.fix` (with the older switch the fix falls back on), then every
        key of the section the check reads."""
        decided = [self.decide(f"checks.{check_id}.enabled", True)]
        fix = self.decide(f"checks.{check_id}.fix", None)
        fallback = FIX_FALLBACKS.get(check_id)
        if fix.source == DEFAULT and fallback is not None:
            fix = self.decide(f"pull_requests.{fallback}", True)
        if fix.source != DEFAULT or fallback is not None:
            decided.append(fix)
        section = CHECK_SECTIONS.get(check_id)
        for key in SECTIONS.get(section, {}) if section else ():
            decided.append(self.decide(f"{section}.{key}", default_value(f"{section}.{key}")))
        return decided

    def for_pull_requests(self) -> list[Decided]:
        return [
            self.decide(f"pull_requests.{k}", default_value(f"pull_requests.{k}"))
            for k in SECTIONS["pull_requests"]
        ]


def explainer_of(snapshot: Snapshot) -> Explainer:
    return Explainer(snapshot.files.get(CONFIG_PATH), snapshot.org_files.get(ORG_CONFIG_PATH))
