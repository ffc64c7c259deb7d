"""Maven ordering, per the POM "Version Order Specification" as `ComparableVersion` implements it.

A version is lower-cased and split into tokens at `.`, at `-` and where digits meet letters (such a
transition counts as `-`); an empty token reads as 0; `a`/`b`/`m` directly followed by a digit mean
alpha/beta/milestone; `cr` means `rc`; `ga`, `final` and `release` mean the empty qualifier.
Trailing null tokens (0 and the empty qualifier) are trimmed from the end, and again before each
remaining `-` from the end to the start.

Tokens compare pairwise; the shorter version is padded with nulls (0 against a number, the empty
qualifier against a word) carrying the other side's separator. Same separator: numbers numerically,
a number above a word, words as `alpha < beta < milestone < rc < snapshot < "" < sp`, then unknown
words lexically. Different separators: `.word < -word < -number < .number`.
"""

from __future__ import annotations

from functools import lru_cache, total_ordering

_QUALIFIERS = {"alpha": 0, "beta": 1, "milestone": 2, "rc": 3, "snapshot": 4, "": 5, "sp": 6}
_ALIASES = {"cr": "rc", "ga": "", "final": "", "release": ""}
_SHORT = {"a": "alpha", "b": "beta", "m": "milestone"}

Token = tuple[str, int | str]  # (separator, value)


def _tokens(version: str) -> list[Token]:
    text = version.strip().lower()
    if not text:
        raise ValueError(f"not a Maven version: {version!r}")
    tokens: list[Token] = []
    pos = 0
    first = True
    while pos < len(text):
        separator = "."
        if text[pos] in ".-":
            separator = text[pos]
            pos += 1
        elif not first:
            separator = "-"  # a digit/letter transition
        end = pos
        if end < len(text) and text[end].isdigit():
            while end < len(text) and text[end].isdigit():
                end += 1
        else:
            while end < len(text) and text[end] not in ".-" and not text[end].isdigit():
                end += 1
        raw = text[pos:end]
        value: int | str
        if raw == "":
            value = 0
        elif raw.isdigit():
            value = int(raw)
        else:
            followed_by_digit = end < len(text) and text[end].isdigit()
            value = _SHORT.get(raw, raw) if followed_by_digit else raw
            value = _ALIASES.get(value, value)
        tokens.append((separator, value))
        pos = end
        first = False
    return _trim(tokens)


def _is_null(token: Token) -> bool:
    return token[1] == 0 or token[1] == ""


def _trim(tokens: list[Token]) -> list[Token]:
    i = len(tokens) - 1
    while i > 0:
        if _is_null(tokens[i]):
            del tokens[i]
            i -= 1
            continue
        while i >= 0 and tokens[i][0] != "-":
            i -= 1
        i -= 1
    return tokens


def _kind(token: Token) -> int:
    """Cross-separator order: .word < -word < -number < .number."""
    number = isinstance(token[1], int)
    if token[0] == "-":
        return 2 if number else 1
    return 3 if number else 0


def _compare_token(a: Token, b: Token) -> int:
    if a[0] != b[0]:
        ka, kb = _kind(a), _kind(b)
        return (ka > kb) - (ka < kb)
    x, y = a[1], b[1]
    if isinstance(x, int) and isinstance(y, int):
        return (x > y) - (x < y)
    if isinstance(x, int) or isinstance(y, int):
        return 1 if isinstance(x, int) else -1
    rx, ry = _QUALIFIERS.get(x, len(_QUALIFIERS)), _QUALIFIERS.get(y, len(_QUALIFIERS))
    if rx != ry:
        return (rx > ry) - (rx < ry)
    return (x > y) - (x < y)


def _null_like(token: Token) -> Token:
    return (token[0], 0 if isinstance(token[1], int) else "")


def compare_tokens(a: list[Token], b: list[Token]) -> int:
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else _null_like(b[i])
        y = b[i] if i < len(b) else _null_like(a[i])
        result = _compare_token(x, y)
        if result:
            return result
    return 0


@total_ordering
class MavenVersion:
    __slots__ = ("tokens",)

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MavenVersion):
            return NotImplemented
        return compare_tokens(self.tokens, other.tokens) == 0

    def __lt__(self, other: MavenVersion) -> bool:
        return compare_tokens(self.tokens, other.tokens) < 0

    def __hash__(self) -> int:
        return hash(tuple(self.tokens))

    def __repr__(self) -> str:
        return f"MavenVersion({self.tokens!r})"


@lru_cache(maxsize=16384)
def parse(version: str) -> MavenVersion:
    return MavenVersion(_tokens(version))


def compare(a: str, b: str) -> int:
    return compare_tokens(_tokens(a), _tokens(b))
