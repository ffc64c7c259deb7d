"""Subcommands of the `repo-hygiene` command, one module each."""
