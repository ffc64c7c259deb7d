"""`go.mod`: `require` lines (single and block), `// indirect` -> transitive, `replace` directives.

Versions are reported as written (with the `v`, e.g. `v1.9.3`, pseudo-versions and `+incompatible`
kept); the Go comparator strips the `v`. A `replace` with a version changes the module and version
(its line is reported); one pointing at a local path removes the module (not a published release).
The standard library is reported as `stdlib` only from a `toolchain` directive (an exact toolchain);
the `go` directive is a minimum, not what builds the code.

go.sum is read only for modules declaring `go` 1.16 or older, whose go.mod does not list the indirect
modules (since 1.17 go.mod lists every module the build needs): the `read(path)` callback fetches the
go.sum beside the go.mod, and each module whose source hash is there (not only its `/go.mod` hash) and
that go.mod does not name is reported once, at its highest version, as transitive.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from checks.lockfiles._common import LockfileError, decode_lenient
from checks.model import Dependency

ECOSYSTEM = "Go"
_DIRECTIVES = {
    "module",
    "go",
    "toolchain",
    "require",
    "replace",
    "exclude",
    "retract",
    "godebug",
    "tool",
    "ignore",
}
_GO_VERSION = re.compile(r"^(\d+)\.(\d+)")
_SEMVER = re.compile(r"^v(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")
_TOOLCHAIN = re.compile(r"^go(\d+\.\d+(?:\.\d+)?)")


@dataclass
class _Require:
    module: str
    version: str
    line: int
    indirect: bool


def _unquote(token: str) -> str:
    return token[1:-1] if len(token) >= 2 and token[0] == token[-1] and token[0] in '"`' else token


def _entries(text: str) -> list[tuple[str, list[str], str, int]]:
    """(directive, tokens, comment, line) for every directive line, block members included."""
    result: list[tuple[str, list[str], str, int]] = []
    block: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        code, _, comment = raw.partition("//")
        tokens = code.split()
        if not tokens:
            continue
        if block is not None:
            if tokens == [")"]:
                block = None
            else:
                result.append((block, [_unquote(t) for t in tokens], comment.strip(), number))
            continue
        verb = tokens[0]
        if verb not in _DIRECTIVES:
            raise LockfileError(f"line {number}: unknown directive {verb!r}: not a go.mod file")
        if tokens[1:] == ["("]:
            block = verb
        elif tokens[1:2] == ["("] or tokens[-1:] == ["("]:
            raise LockfileError(f"line {number}: malformed {verb} block")
        else:
            result.append((verb, [_unquote(t) for t in tokens[1:]], comment.strip(), number))
    if block is not None:
        raise LockfileError(f"unterminated {block} ( block")
    return result


def _version_key(version: str) -> tuple[object, ...]:
    """SemVer precedence (pseudo-versions are prereleases); unparseable versions sort first."""
    match = _SEMVER.match(version)
    if match is None:
        return (-1,)
    major, minor, patch, pre = match.groups()
    if pre is None:
        return (int(major), int(minor), int(patch), 1, ())
    identifiers = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split("."))
    return (int(major), int(minor), int(patch), 0, identifiers)


def _needs_go_sum(go_version: str | None) -> bool:
    match = _GO_VERSION.match(go_version or "")
    return match is not None and (int(match.group(1)), int(match.group(2))) < (1, 17)


def _from_go_sum(path: str, content: bytes, known: set[str], warnings: list[str] | None) -> list[Dependency]:
    best: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(decode_lenient(content, warnings).splitlines(), start=1):
        fields = line.split()
        if len(fields) != 3 or fields[1].endswith("/go.mod") or fields[0] in known:
            continue
        module, version = fields[0], fields[1]
        if module not in best or _version_key(version) > _version_key(best[module][0]):
            best[module] = (version, number)
    return [Dependency(ECOSYSTEM, m, v, path, line, False, False) for m, (v, line) in best.items()]


def parse(
    path: str,
    content: bytes,
    *,
    warnings: list[str] | None = None,
    read: Callable[[str], bytes | None] | None = None,
) -> list[Dependency]:
    requires: list[_Require] = []
    go_version: str | None = None
    replaces: list[tuple[str, str | None, str, str | None, int]] = []
    stdlib: tuple[str, int] | None = None
    for verb, tokens, comment, line in _entries(decode_lenient(content, warnings)):
        if verb == "require":
            if len(tokens) != 2:
                raise LockfileError(f"line {line}: expected `module version` in require")
            requires.append(_Require(tokens[0], tokens[1], line, comment.startswith("indirect")))
        elif verb == "replace":
            if "=>" not in tokens:
                raise LockfileError(f"line {line}: replace without =>")
            arrow = tokens.index("=>")
            old, new = tokens[:arrow], tokens[arrow + 1 :]
            if len(old) not in (1, 2) or len(new) not in (1, 2):
                raise LockfileError(f"line {line}: malformed replace")
            replaces.append(
                (old[0], old[1] if len(old) == 2 else None, new[0], new[1] if len(new) == 2 else None, line)
            )
        elif verb == "go" and tokens:
            go_version = tokens[0]
        elif verb == "toolchain" and tokens:
            match = _TOOLCHAIN.match(tokens[0])
            if match:
                stdlib = (match.group(1), line)
    deps: list[Dependency] = []
    for req in requires:
        module, version, line = req.module, req.version, req.line
        for from_module, from_version, to_module, to_version, replace_line in replaces:
            if from_module == module and from_version in (None, version):
                module, version, line = to_module, to_version or "", replace_line
                break
        if not version or module.startswith((".", "/")):
            continue  # replaced by a local directory: not a published module
        deps.append(Dependency(ECOSYSTEM, module, version, path, line, not req.indirect, False))
    if stdlib:
        deps.append(Dependency(ECOSYSTEM, "stdlib", stdlib[0], path, stdlib[1], True, False))
    if read is not None and _needs_go_sum(go_version):
        sum_path = posixpath.join(posixpath.dirname(path), "go.sum")
        go_sum = read(sum_path)
        if go_sum is not None:
            known = {r.module for r in requires} | {r[0] for r in replaces}
            deps.extend(_from_go_sum(sum_path, go_sum, known, warnings))
    return deps
