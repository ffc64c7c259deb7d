"""`go.mod`: `require` lines (single and block), `// indirect` -> transitive, `replace` directives.

Versions are reported as written (with the `v`, e.g. `v1.9.3`, pseudo-versions and `+incompatible`
kept); the Go comparator strips the `v`. A `replace` with a version changes the module and version
(its line is reported); one pointing at a local path removes the module (not a published release).
The standard library is reported as `stdlib` only from a `toolchain` directive (an exact toolchain);
the `go` directive is a minimum, not what builds the code. go.sum is not read: since Go 1.17, go.mod
lists every module the build needs.
"""

from __future__ import annotations

import re
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


def parse(path: str, content: bytes, *, warnings: list[str] | None = None) -> list[Dependency]:
    requires: list[_Require] = []
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
    return deps
