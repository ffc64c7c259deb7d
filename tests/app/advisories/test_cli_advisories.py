from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import respx

from app.cli import main
from tests.app.advisories.conftest import osv
from tests.conftest import shared_path


def test_import_then_stats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "adv.db"
    folder = tmp_path / "osv"
    folder.mkdir()
    (folder / "A-1.json").write_text(json.dumps(osv("A-1", "npm", "lodash", [{"introduced": "0"}])))
    (folder / "bad.json").write_text("{")
    code = main(["advisories", "--db", str(db), "--create-schema", "import", str(folder)])
    out, err = capsys.readouterr()
    assert code == 0
    assert "1 new" in out and "1 rejected" in out
    assert "bad.json: invalid JSON" in err

    assert main(["advisories", "--db", str(db), "stats"]) == 0
    out, _ = capsys.readouterr()
    assert "advisories: 1 (0 withdrawn)" in out
    assert "ecosystem npm: 1" in out
    assert "last run of osv-files" in out


def test_import_of_only_garbage_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x.yaml").write_text("id: [unclosed")
    code = main(["advisories", "--db", str(tmp_path / "a.db"), "--create-schema", "import", str(tmp_path)])
    assert code == 1
    assert "invalid YAML" in capsys.readouterr().err


def test_missing_schema_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    sqlite3.connect(tmp_path / "new.db").close()  # a database without the advisory tables
    assert main(["advisories", "--db", str(tmp_path / "new.db"), "stats"]) == 2
    assert "repo-hygiene migrate" in capsys.readouterr().err


def test_import_real_wg_and_pypa(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wg = shared_path("advisories", "nodejs-security-wg", "vuln")
    pypa = shared_path("advisories", "pypa", "vulns", "jinja2")
    code = main(
        ["advisories", "--db", str(tmp_path / "a.db"), "--create-schema", "import", str(wg), str(pypa)]
    )
    out, _ = capsys.readouterr()
    assert code == 0
    assert "472 new" in out  # 467 WG npm entries + 5 jinja2 advisories
    assert "173 skipped" in out  # two index.json files and 171 Node.js core entries
    assert main(["advisories", "--db", str(tmp_path / "a.db"), "stats"]) == 0
    out, _ = capsys.readouterr()
    assert "source nodejs-security-wg: 467" in out and "source osv-files: 5" in out
    assert "last run of nodejs-security-wg:" in out and ", 467 new, 0 updated" in out
    assert ", 5 new, 0 updated" in out  # each source's own counts


@respx.mock
def test_sync_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("APP_ID", raising=False)
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_not_a_real_token")
    monkeypatch.setenv("GITHUB_API_URL", "https://ghe.example.test/api/v3")
    record = {
        "ghsa_id": "GHSA-aaaa-bbbb-cccc",
        "updated_at": "2024-05-01T00:00:00Z",
        "summary": "bad",
        "severity": "critical",
        "vulnerabilities": [
            {
                "package": {"ecosystem": "pip", "name": "Demo"},
                "vulnerable_version_range": "< 2.0",
                "first_patched_version": "2.0",
            }
        ],
    }
    route = respx.get("https://ghe.example.test/api/v3/advisories").mock(
        return_value=httpx.Response(200, json=[record])
    )
    db = tmp_path / "a.db"
    assert main(["advisories", "--db", str(db), "--create-schema", "sync"]) == 0
    assert route.calls.last.request.headers["authorization"].endswith("ghp_not_a_real_token")
    out, err = capsys.readouterr()
    assert "1 new" in out and "cursor 2024-05-01T00:00:00Z" in out
    assert "ghp_not_a_real_token" not in out + err

    route.mock(return_value=httpx.Response(401, json={"message": "Bad credentials"}))
    assert main(["advisories", "--db", str(db), "sync"]) == 1
    assert "sync failed" in capsys.readouterr().err


def test_reading_never_creates_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'nothing.db'}")
    assert main(["advisories", "stats"]) == 2
    assert "nothing.db does not exist" in capsys.readouterr().err
    (tmp_path / "requirements.txt").write_text("jinja2==2.10\n")
    assert main(["check", str(tmp_path)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "nothing.db").exists()


@respx.mock
def test_lookup_stores_what_the_osv_api_knows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "requirements.txt").write_text("jinja2==2.10\nflask==2.0.0\n")
    db = tmp_path / "a.db"
    (tmp_path / "known.json").write_text(json.dumps(osv("KNOWN-1", "PyPI", "jinja2", [{"introduced": "0"}])))
    assert (
        main(["advisories", "--db", str(db), "--create-schema", "import", str(tmp_path / "known.json")]) == 0
    )

    batch = respx.post("http://osv.test/v1/querybatch").mock(
        return_value=httpx.Response(
            200, json={"results": [{}, {"vulns": [{"id": "KNOWN-1"}, {"id": "PYSEC-NEW"}]}]}
        )
    )
    new = osv("PYSEC-NEW", "PyPI", "jinja2", [{"introduced": "0"}, {"fixed": "2.10.1"}])
    respx.get("http://osv.test/v1/vulns/PYSEC-NEW").mock(return_value=httpx.Response(200, json=new))
    capsys.readouterr()
    assert main(["advisories", "--db", str(db), "lookup", str(project), "--osv-url", "http://osv.test"]) == 0
    sent = json.loads(batch.calls.last.request.content)["queries"]
    assert sent == [
        {"package": {"ecosystem": "PyPI", "name": "flask"}, "version": "2.0.0"},
        {"package": {"ecosystem": "PyPI", "name": "jinja2"}, "version": "2.10"},
    ]
    assert "1 new advisories stored, 1 already known" in capsys.readouterr().out

    respx.post("http://osv.test/v1/querybatch").mock(side_effect=httpx.ConnectError("no route"))
    assert main(["advisories", "--db", str(db), "lookup", str(project), "--osv-url", "http://osv.test"]) == 1
    assert "lookup failed: ConnectError" in capsys.readouterr().err


def test_import_queues_rechecks_of_the_changed_packages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from app.store.models import Installation, Job

    db = tmp_path / "adv.db"
    folder = tmp_path / "osv"
    folder.mkdir()
    assert main(["advisories", "--db", str(db), "import", str(folder)]) == 0  # creates the database
    with Session(create_engine(f"sqlite:///{db}")) as session, session.begin():
        session.add(Installation(id=1, account_login="octo", account_id=7, account_type="User"))
    (folder / "A-1.json").write_text(json.dumps(osv("A-1", "npm", "lodash", [{"introduced": "0"}])))
    capsys.readouterr()
    assert main(["advisories", "--db", str(db), "import", str(folder)]) == 0
    assert "queued re-checks of repositories using 1 changed packages" in capsys.readouterr().out
    assert main(["advisories", "--db", str(db), "import", str(folder)]) == 0  # unchanged: nothing queued
    assert "queued" not in capsys.readouterr().out
    with Session(create_engine(f"sqlite:///{db}")) as session:
        jobs = session.scalars(select(Job).where(Job.kind == "advisories.changed")).all()
    assert [job.payload["packages"] for job in jobs] == [[["npm", "lodash"]]]
