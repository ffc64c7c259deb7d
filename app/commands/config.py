"""`repo-hygiene config`: validate a `.github/repo-hygiene.yml`, or print its JSON Schema or its
reference (the Markdown in docs/configuration.md).

`validate` reads the file exactly as a scan does (the same size limit, safe YAML, the same schema),
prints one line per problem and exits 1 when there is any, 0 when the file is valid, 2 when it cannot
be read at all.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from checks._config_json_schema import json_schema
from checks._config_reference import config_reference
from checks.config import CONFIG_PATH, parse_config


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    validate = actions.add_parser("validate", help="check a config file against the schema")
    validate.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=Path(CONFIG_PATH),
        metavar="PATH",
        help=f"the file, or a repository folder holding {CONFIG_PATH} (default: ./{CONFIG_PATH})",
    )
    actions.add_parser("schema", help="print the JSON Schema of the config file")
    actions.add_parser("reference", help="print the Markdown reference of every key")


def _validate(path: Path) -> int:
    if path.is_dir():
        path = path / CONFIG_PATH
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"repo-hygiene: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    _, errors = parse_config(data)
    prefix = f"{CONFIG_PATH}: "
    for error in errors:
        print(f"{path}: {error.removeprefix(prefix)}")
    if errors:
        print(f"{len(errors)} problem{'s' if len(errors) != 1 else ''}; the defaults apply to those keys")
        return 1
    print(f"{path}: valid")
    return 0


def run(args: argparse.Namespace) -> int:
    if args.action == "schema":
        print(json.dumps(json_schema(), indent=2))
        return 0
    if args.action == "reference":
        print(config_reference(), end="")
        return 0
    return _validate(args.path)
