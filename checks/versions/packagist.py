"""Packagist ordering: PHP's `version_compare` as Composer applies it (php-src ext/standard/versioning.c).

A version is canonicalised into parts: one leading `v`/`V` is dropped (Composer strips it), `.`, `-`,
`_`, `+` and other punctuation separate parts, and a part also ends where digits meet non-digits.
Numbers compare numerically; words by PHP's special forms, matched by prefix:
`dev < alpha = a < beta = b < RC = rc < # < pl = p`, any other word below `dev`, a number counting as
`#`. When one side runs out, a further number makes the longer side greater, otherwise its next word
is weighed against `#`.

One deliberate difference from php-src, which OSV tooling (osv-scalibr) shares: a `#` in the version is
kept as a word instead of being dropped, so `1.2.3.#` equals `1.2.3`. `#` equals any number, so this
order is not transitive there; `PackagistVersion` therefore compares pairwise and is not hashable.

Composer never orders branch versions (`dev-main`): see `is_branch`.
"""

from __future__ import annotations

import re
from functools import lru_cache, total_ordering

_PART = re.compile(r"\d+|[A-Za-z#]+")
_NUMBER_WEIGHT = 4
_FORMS = (("dev", 0), ("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("RC", 3), ("rc", 3), ("#", 4))
_FORMS_TAIL = (("pl", 5), ("p", 5))


def _weight(word: str) -> int:
    for name, order in _FORMS + _FORMS_TAIL:
        if word.startswith(name):
            return order
    return -1


def canonical_parts(version: str) -> tuple[int | str, ...]:
    text = version.strip()
    if text[:1] in ("v", "V"):
        text = text[1:]
    parts = tuple(int(p) if p.isdigit() else p for p in _PART.findall(text))
    if not parts:
        raise ValueError(f"not a Packagist version: {version!r}")
    return parts


def _compare_part(a: int | str, b: int | str) -> int:
    if isinstance(a, int) and isinstance(b, int):
        return (a > b) - (a < b)
    wa = _NUMBER_WEIGHT if isinstance(a, int) else _weight(a)
    wb = _NUMBER_WEIGHT if isinstance(b, int) else _weight(b)
    return (wa > wb) - (wa < wb)


def _tail_sign(tail: tuple[int | str, ...]) -> int:
    """Sign of `tail` compared with nothing (PHP compares it with the number marker `#N#`)."""
    for part in tail:
        if isinstance(part, int):
            return 1
        weight = _weight(part)
        if weight != _NUMBER_WEIGHT:
            return 1 if weight > _NUMBER_WEIGHT else -1
    return 0


def compare_parts(a: tuple[int | str, ...], b: tuple[int | str, ...]) -> int:
    for x, y in zip(a, b, strict=False):
        result = _compare_part(x, y)
        if result:
            return result
    if len(a) > len(b):
        return _tail_sign(a[len(b) :])
    if len(b) > len(a):
        return -_tail_sign(b[len(a) :])
    return 0


@total_ordering
class PackagistVersion:
    __slots__ = ("parts",)

    def __init__(self, parts: tuple[int | str, ...]) -> None:
        self.parts = parts

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PackagistVersion):
            return NotImplemented
        return compare_parts(self.parts, other.parts) == 0

    def __lt__(self, other: PackagistVersion) -> bool:
        return compare_parts(self.parts, other.parts) < 0

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"PackagistVersion({self.parts!r})"


@lru_cache(maxsize=16384)
def parse(version: str) -> PackagistVersion:
    return PackagistVersion(canonical_parts(version))


def is_branch(version: str) -> bool:
    """Composer branch versions (`dev-main`, `dev-feature/x`) satisfy no version range."""
    return version.strip().lower().startswith("dev-")


def compare(a: str, b: str) -> int:
    return compare_parts(canonical_parts(a), canonical_parts(b))
