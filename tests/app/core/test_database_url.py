"""`DATABASE_URL` in the forms hosts hand out, and every unusable one as a single line with exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.database_url import DatabaseUrlError, describe_target, normalise_database_url
from app.settings import load_settings


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://app:pw@db.example:5433/hygiene", "postgresql+psycopg://app:pw@db.example:5433/hygiene"),
        ("postgresql://app:pw@db/hygiene", "postgresql+psycopg://app:pw@db/hygiene"),
        ("postgresql+psycopg://app:pw@db/hygiene", "postgresql+psycopg://app:pw@db/hygiene"),
        ("sqlite:////var/lib/repo-hygiene/app.db", "sqlite:////var/lib/repo-hygiene/app.db"),
        ("sqlite://", "sqlite://"),
    ],
)
def test_postgres_spellings_map_to_the_driver_in_use(given: str, expected: str) -> None:
    assert normalise_database_url(given) == expected
    assert (
        load_settings({"DATABASE_URL": given}, env_file=None, require_github=False).database_url == expected
    )


def test_a_password_with_reserved_characters_survives_normalising() -> None:
    url = normalise_database_url("postgres://app:p%40ss%2Fword@db/hygiene")
    assert url == "postgresql+psycopg://app:p%40ss%2Fword@db/hygiene"


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ("mysql://u@h/db", "'mysql' is not supported"),
        ("repo.db", "is not a database URL"),
        ("postgres://db-host", "names no database"),
    ],
)
def test_unusable_urls_are_refused_with_the_fix(given: str, words: str) -> None:
    with pytest.raises(DatabaseUrlError, match=words) as caught:
        normalise_database_url(given)
    assert "postgresql://USER:PASSWORD@HOST:5432/DATABASE" in str(caught.value)


def test_describing_a_target_never_shows_the_password() -> None:
    text = describe_target("postgresql+psycopg://app:secret-pw@db:6432/hygiene")
    assert text == "PostgreSQL at db:6432/hygiene" and "secret-pw" not in text


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again when the block ends: nothing listens there


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (
            "postgres://app:pw@127.0.0.1:{port}/hygiene",
            "cannot connect to PostgreSQL at 127.0.0.1:{port}/hygiene",
        ),
        ("postgresql://app:pw@127.0.0.1:{port}/hygiene", "start the server"),
        ("mysql://app@127.0.0.1/hygiene", "'mysql' is not supported"),
        ("sqlite:////proc/no-such-dir/app.db", "cannot create the SQLite file /proc/no-such-dir/app.db"),
    ],
)
def test_migrate_with_a_bad_database_prints_one_line_and_exits_2(
    url: str,
    words: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    port = _closed_port()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url.format(port=port))
    with pytest.raises(SystemExit) as stopped:
        main(["migrate"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("repo-hygiene: setting DATABASE_URL: ")
    assert words.format(port=port) in err
    assert "pw@" not in err


def test_migrate_on_a_good_sqlite_file_still_works(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'nested' / 'app.db'}")
    assert main(["migrate"]) == 0
    assert (tmp_path / "nested" / "app.db").is_file()
