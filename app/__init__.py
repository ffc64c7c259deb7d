"""repo-hygiene: a GitHub App that keeps repositories' security hygiene in order."""

__version__ = "0.1.0"
