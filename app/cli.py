"""The `repo-hygiene` command. Each subcommand lives in its own module, imported only when used,
as `add_arguments(parser)` plus `run(args) -> int`.
"""

from __future__ import annotations

import argparse
import importlib
import sys

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "serve": ("app.commands.serve", "run the web server with an in-process worker (embedded default)"),
    "worker": ("app.commands.worker", "run a worker alone (for separate web and worker processes)"),
    "migrate": ("app.commands.migrate", "create or upgrade the database schema"),
    "demo": ("app.commands.demo", "start a local GitHub simulator, the app and a seeded organisation"),
    "check": ("app.commands.check", "run every check on a local directory, offline"),
    "advisories": ("app.commands.advisories", "sync or import the advisory database"),
    "config": (
        "app.commands.config",
        "validate .github/repo-hygiene.yml; print its JSON Schema or reference",
    ),
    "settings": ("app.commands.settings", "print the reference of every setting (environment variable)"),
}


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    chosen = next((a for a in argv if not a.startswith("-")), None)
    parser = argparse.ArgumentParser(prog="repo-hygiene", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        sub_parser.set_defaults(_module=module_name)
        if name == chosen:
            importlib.import_module(module_name).add_arguments(sub_parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "_module", None):
        parser.print_help()
        return 2
    module = importlib.import_module(args._module)
    return int(module.run(args))
