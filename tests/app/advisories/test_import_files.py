"""Offline import of OSV directories and zips and of the Node.js Security WG database."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.advisories.importer import import_items
from app.advisories.sources.files import iter_paths
from app.advisories.store import Advisory, database_stats
from tests.app.advisories.conftest import osv
from tests.conftest import shared_path


def _import(sessions: sessionmaker[Session], *paths: Path):  # type: ignore[no-untyped-def]
    return import_items(sessions, iter_paths(paths), batch_size=200)


def test_wg_npm_every_entry_converts_or_is_rejected_with_a_reason(sessions: sessionmaker[Session]) -> None:
    folder = shared_path("advisories", "nodejs-security-wg", "vuln", "npm")
    report = _import(sessions, folder)
    assert report.seen == 468
    assert report.skipped == 1  # index.json
    assert report.stats.inserted + report.rejected_count == 467
    assert all(reason for _, reason in report.rejected)
    assert report.stats.inserted == 467
    with sessions() as session:
        bassmaster = session.get(Advisory, "NSWG-ECO-1")
        assert bassmaster is not None and bassmaster.source == "nodejs-security-wg"
        record = bassmaster.record
    assert record["aliases"] == ["CVE-2014-7205"]
    assert record["affected"][0]["package"] == {
        "ecosystem": "npm",
        "name": "bassmaster",
        "purl": "pkg:npm/bassmaster",
    }
    assert record["affected"][0]["ranges"] == [
        {"type": "SEMVER", "events": [{"introduced": "0"}, {"last_affected": "1.5.1"}]}
    ]
    assert record["severity"] == [
        {"type": "CVSS_V3", "score": "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N"}
    ]


def test_wg_core_entries_are_skipped_not_rejected(sessions: sessionmaker[Session]) -> None:
    report = _import(sessions, shared_path("advisories", "nodejs-security-wg", "vuln", "core"))
    assert report.rejected_count == 0 and report.stats.inserted == 0 and report.skipped == 172


def test_pypa_yaml(sessions: sessionmaker[Session]) -> None:
    report = _import(sessions, shared_path("advisories", "pypa", "vulns"))
    assert (report.stats.inserted, report.rejected_count) == (2661, 0)  # plus .id-allocator, not a document
    with sessions() as session:
        row = session.get(Advisory, "PYSEC-2019-217")
        assert row is not None
        assert row.record["aliases"] == ["CVE-2019-10906", "GHSA-462w-v97r-4m45"]
        assert row.summary == "In Pallets Jinja before 2.10.1, str.format_map allows a sandbox escape."
        assert database_stats(session).by_ecosystem == {"PyPI": 2661}


def test_go_and_rustsec_osv_json(sessions: sessionmaker[Session]) -> None:
    report = _import(
        sessions, shared_path("advisories", "go", "data", "osv"), shared_path("advisories", "rustsec-osv")
    )
    assert (report.stats.inserted, report.rejected_count) == (4291 + 1206, 0)
    with sessions() as session:
        stats = database_stats(session)
        assert stats.by_ecosystem["crates.io"] == 1206
        assert stats.by_ecosystem["Go"] >= 4000
        go = session.get(Advisory, "GO-2021-0113")
        smallvec = session.get(Advisory, "RUSTSEC-2021-0003")
        assert go is not None and smallvec is not None
        assert go.record["aliases"] == ["CVE-2021-38561", "GHSA-ppp9-7jff-5vj2"]
        assert go.record["affected"][0]["package"] == {"name": "golang.org/x/text", "ecosystem": "Go"}
        assert go.record["affected"][0]["ranges"][0]["events"] == [{"introduced": "0"}, {"fixed": "0.3.7"}]
        assert smallvec.record["affected"][0]["ranges"][0]["events"] == [
            {"introduced": "0.6.3"}, {"fixed": "0.6.14"}, {"introduced": "1.0.0"}, {"fixed": "1.6.1"}
        ]  # fmt: skip
        assert (smallvec.source, smallvec.summary) == (
            "osv-files",
            "Buffer overflow in SmallVec::insert_many",
        )


def test_reimport_is_unchanged(sessions: sessionmaker[Session]) -> None:
    folder = shared_path("advisories", "rustsec-osv")
    _import(sessions, folder)
    again = _import(sessions, folder)
    assert (again.stats.inserted, again.stats.updated, again.stats.unchanged) == (0, 0, 1206)


def test_zip_with_hostile_members_imports_the_good_ones(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    archive = tmp_path / "all.zip"
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\nid: BOMB-1\n"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("GOOD-1.json", json.dumps(osv("GOOD-1", "npm", "left-pad", [{"introduced": "0"}])))
        zf.writestr("broken.json", "{not json")
        zf.writestr("bomb.yaml", bomb)
        zf.writestr("list.json", "[1, 2]")
        zf.writestr("noid.json", json.dumps({"modified": "2024-01-01T00:00:00Z"}))
        zf.writestr("badtime.json", json.dumps({"id": "X-1", "modified": "yesterday"}))
        zf.writestr("latin1.yaml", "id: X-2\nsummary: caf\xe9\n".encode("latin-1"))
        zf.writestr("README.md", "not an advisory")
        zf.writestr("deep.json", "[" * 5000 + "]" * 5000)
    report = _import(sessions, archive)
    reasons = dict((origin.split("!")[1], reason) for origin, reason in report.rejected)
    assert report.stats.inserted == 1
    assert reasons["broken.json"].startswith("invalid JSON")
    assert reasons["bomb.yaml"] == "YAML aliases are not allowed in advisories"
    assert reasons["list.json"] == "neither an OSV record nor a Node.js Security WG entry"
    assert reasons["noid.json"] == "neither an OSV record nor a Node.js Security WG entry"
    assert "not an RFC 3339 time" in reasons["badtime.json"]
    assert reasons["latin1.yaml"].startswith("not UTF-8")
    assert "nested" in reasons["deep.json"]
    assert "README.md" not in reasons


def test_corrupt_zip_and_missing_path_are_reported(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 definitely not a zip")
    report = _import(sessions, tmp_path / "bad.zip", tmp_path / "absent")
    assert report.rejected_count == 2
    assert report.rejected[0][1].startswith("cannot open zip")
    assert report.rejected[1][1] == "no such file or directory"


def test_rows_the_database_refuses_are_rejected_one_by_one(
    sessions: sessionmaker[Session], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import IntegrityError

    import app.advisories.importer as importer

    real = importer.upsert_batch

    def picky(session: Session, rows: list) -> object:  # type: ignore[type-arg]
        if any(r.id == "POISON-1" for r in rows):
            raise IntegrityError("INSERT", {}, ValueError("refused"))
        return real(session, rows)

    monkeypatch.setattr(importer, "upsert_batch", picky)
    for osv_id in ("OK-1", "POISON-1", "OK-2"):
        (tmp_path / f"{osv_id}.json").write_text(json.dumps(osv(osv_id, "npm", "x", [{"introduced": "0"}])))
    (tmp_path / "nul.json").write_text(json.dumps(osv("NUL-1", "npm", "x\u0000", [{"introduced": "0"}])))
    report = _import(sessions, tmp_path)
    assert report.stats.inserted == 2
    reasons = dict(report.rejected)
    assert reasons["POISON-1"] == "the database refused it (ValueError)"
    assert reasons[str(tmp_path / "nul.json")] == "contains a NUL character (\\u0000)"
