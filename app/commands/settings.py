"""`repo-hygiene settings reference`: the table of every setting, as docs/operations.md shows it."""

from __future__ import annotations

import argparse

from app.settings_reference import settings_reference


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("reference", help="print the Markdown table of every environment variable")


def run(args: argparse.Namespace) -> int:
    print(settings_reference(), end="")
    return 0
