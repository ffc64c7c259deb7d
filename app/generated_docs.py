"""The generated parts of the documentation, each between two markers in its Markdown file.

`scripts/gen_docs` (`python -m app.generated_docs`) rewrites them; `--check` only reports the stale
ones (a test does the same). The text outside the markers is left as it is.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.settings_reference import settings_reference
from checks._config_reference import config_reference

FIX_COMMAND = "scripts/gen_docs"


@dataclass(frozen=True)
class GeneratedBlock:
    name: str
    path: str  # relative to the project root
    source: str  # what to edit instead of the generated text
    render: Callable[[], str]

    @property
    def begin(self) -> str:
        return f"<!-- BEGIN GENERATED {self.name}: edit {self.source}, then run {FIX_COMMAND} -->"

    @property
    def end(self) -> str:
        return f"<!-- END GENERATED {self.name} -->"


BLOCKS = (
    GeneratedBlock("settings-reference", "docs/operations.md", "app/settings.py", settings_reference),
    GeneratedBlock("config-reference", "docs/configuration.md", "checks/_config_schema.py", config_reference),
)


class MarkersMissing(ValueError):
    pass


def spliced(text: str, block: GeneratedBlock) -> str:
    """`text` with the part between the block's markers replaced by the block's current output."""
    begin = re.escape(block.begin.split(":")[0])  # the marker's instructions may change with the code
    pattern = re.compile(rf"^{begin}[^\n]*\n.*?^{re.escape(block.end)}$", re.MULTILINE | re.DOTALL)
    if pattern.search(text) is None:
        raise MarkersMissing(f"{block.path} has no {block.begin!r} ... {block.end!r} markers")
    replacement = f"{block.begin}\n{block.render()}{block.end}"
    return pattern.sub(lambda _: replacement, text, count=1)


def stale_blocks(root: Path) -> list[GeneratedBlock]:
    return [
        block
        for block in BLOCKS
        if (text := (root / block.path).read_text(encoding="utf-8")) != spliced(text, block)
    ]


def write_blocks(root: Path) -> list[GeneratedBlock]:
    """Rewrite every stale block; returns the ones that changed."""
    changed = stale_blocks(root)
    for block in changed:
        path = root / block.path
        path.write_text(spliced(path.read_text(encoding="utf-8"), block), encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=FIX_COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale blocks (exit 1 if any)")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args(argv)
    blocks = stale_blocks(args.root) if args.check else write_blocks(args.root)
    for block in blocks:
        verb = "is stale" if args.check else "rewritten"
        print(f"{block.path}: {block.name} {verb}")
    return 1 if args.check and blocks else 0


if __name__ == "__main__":
    sys.exit(main())
