"""requirements*.txt: pins, unpinned specs, options, markers, includes."""

from __future__ import annotations

from checks.lockfiles import requirements
from tests.checks.lockfiles.helpers import corpus, find, pairs, parse_ok

REQ = "python/requirements/testdata"


def test_pins_and_unpinned_specs() -> None:
    deps = parse_ok("requirements.txt", corpus(f"{REQ}/with_versions.txt"))
    assert find(deps, "nltk").version == "3.2.2"
    assert find(deps, "yolo").version == "1.0"  # ===
    assert find(deps, "qwerty").version == "0.1"  # `qwerty \` continued on the next line
    assert find(deps, "qwerty").line == 5
    assert find(deps, "asdf").version is None  # ==0.7.* is a range
    assert find(deps, "newspaper3k").version is None  # >= is never guessed
    assert find(deps, "pkg").version is None
    assert find(deps, "pkg-dot-name").version == "5.0.0"  # PEP 503 name
    assert find(deps, "combination-also-valid").version is None
    assert all(d.ecosystem == "PyPI" and d.direct is None for d in deps)


def test_example_with_markers_urls_and_missing_includes() -> None:
    warnings: list[str] = []
    deps = requirements.parse("requirements.txt", corpus(f"{REQ}/example.txt"), warnings=warnings)
    assert pairs(deps) == {
        ("pytest", None),
        ("pytest-cov", None),
        ("beautifulsoup4", None),
        ("docopt", "0.6.1"),
        ("requests", None),  # >= 2.8.1, == 2.8.* with a marker: kept, unpinned
        ("keyring", None),
        ("coverage", None),
        ("mopidy-dirble", None),
    }
    assert find(deps, "docopt").line == 8
    assert any("other-requirements.txt" in w and "not found" in w for w in warnings)


def test_per_requirement_options_and_hashes() -> None:
    deps = parse_ok("requirements.txt", corpus(f"{REQ}/per_req_options.txt"))
    got = {d.name: d.version for d in deps}
    for n in (1, 2, 3, 4, 5, 6, 8, 9, 11, 12, 13, 14):
        assert got[f"foo{n}"] == "1.0", n
    assert got["foo16-client"] == "1.0" and got["foo18-client"] == "1.0"
    # unreadable requirement text (`foo10==`, trailing words) -> a warning, never a guess
    assert "foo7" not in got and "foo10" not in got and "foo15" not in got


def test_comments_continuations_and_env_vars() -> None:
    deps = parse_ok("requirements.txt", corpus(f"{REQ}/multiline_and_comments.txt"))
    assert [(d.name, d.version, d.line) for d in deps] == [("pkga", "1.0", 3), ("pkgb", "2.0", 7)]
    comments = parse_ok("requirements.txt", corpus(f"{REQ}/comments.txt"))
    assert find(comments, "requests").version == "1.0"
    env = parse_ok("requirements.txt", corpus(f"{REQ}/env_var.txt"))
    assert find(env, "qwert").version is None and find(env, "another").version == "1.0"


def test_include_loops_end() -> None:
    files = {
        "loop.txt": corpus(f"{REQ}/loop.txt"),
        "other-loop.txt": corpus(f"{REQ}/other-loop.txt"),
    }
    warnings: list[str] = []
    assert requirements.parse("loop.txt", files["loop.txt"], warnings=warnings, read=files.get) == []
    assert warnings == []


def test_includes_constraints_and_escapes() -> None:
    files = {
        "reqs/requirements.txt": b"-r base.txt\n-c ../constraints.txt\nflask\n-r ../../outside.txt\n",
        "reqs/base.txt": b"six==1.16.0 # pinned\n",
        "constraints.txt": b"flask==2.3.2\n",
    }
    warnings: list[str] = []
    deps = requirements.parse(
        "reqs/requirements.txt", files["reqs/requirements.txt"], warnings=warnings, read=files.get
    )
    assert [(d.name, d.version, d.file, d.line) for d in deps] == [
        ("six", "1.16.0", "reqs/base.txt", 1),
        ("flask", "2.3.2", "reqs/requirements.txt", 3),
    ]
    assert any("outside the repository" in w for w in warnings)


def test_pip_compile_via_comments_give_direct_and_dev_from_file_name() -> None:
    content = b"""\
certifi==2023.7.22
    # via requests
idna==3.4
    # via
    #   -r requirements.in
    #   requests
requests==2.31.0
    # via -r requirements.in
plain==1.0
"""
    deps = parse_ok("requirements-dev.txt", content)
    assert [(d.name, d.direct) for d in deps] == [
        ("certifi", False),
        ("idna", True),
        ("requests", True),
        ("plain", None),
    ]
    assert all(d.dev for d in deps)


def test_editable_url_and_path_lines_are_not_registry_packages() -> None:
    content = b"""-e git+https://github.com/a/b.git#egg=b
./local
https://x.org/p-1.0.whl
name @ https://x.org/n.zip
--index-url https://pypi.org/simple
ok==1
"""
    assert pairs(parse_ok("requirements.txt", content)) == {("ok", "1")}
