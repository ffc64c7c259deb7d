"""go.mod, Cargo.lock, Gemfile.lock, composer.lock."""

from __future__ import annotations

from checks.lockfiles import parse_all
from tests.checks.lockfiles.helpers import corpus, find, pairs, parse_failing, parse_ok

GO = "golang/gomod/testdata"


def test_go_mod_require_blocks_and_indirect() -> None:
    deps = parse_ok("go.mod", corpus(f"{GO}/indirect-packages.mod"))
    assert len(deps) == 5 and all(d.ecosystem == "Go" for d in deps)
    assert find(deps, "gopkg.in/yaml.v2").direct is True
    sys = find(deps, "golang.org/x/sys")
    assert sys.direct is False and sys.version == "v0.0.0-20210630005230-0f9fa26af87c" and sys.line == 13


def test_go_mod_replace_directives() -> None:
    mixed = parse_ok("go.mod", corpus(f"{GO}/replace-mixed.mod"))
    assert pairs(mixed) == {("example.com/fork/net", "v1.4.5"), ("golang.org/x/net", "v0.5.6")}
    assert find(mixed, "example.com/fork/net").line == 7  # the replace line declares it
    no_version = parse_ok("go.mod", corpus(f"{GO}/replace-no-version.mod"))
    assert pairs(no_version) == {("example.com/fork/net", "v1.4.5")}
    local = parse_ok("go.mod", corpus(f"{GO}/replace-local.mod"))
    assert pairs(local) == {("github.com/BurntSushi/toml", "v1.0.0")}
    not_required = parse_ok("go.mod", corpus(f"{GO}/replace-not-required.mod"))
    # the replace names v1.2.3 only; the required v0.5.6 stays
    assert pairs(not_required) == {("golang.org/x/net", "v0.5.6"), ("github.com/BurntSushi/toml", "v1.0.0")}


def test_go_mod_toolchain_gives_stdlib_and_bad_files_fail() -> None:
    deps = parse_ok("go.mod", corpus(f"{GO}/toolchain-with-suffix.mod"))
    assert find(deps, "stdlib").version == "1.23.6"
    assert "not a go.mod" in (parse_failing("go.mod", corpus(f"{GO}/not-go-mod.mod")).error or "")
    assert "unterminated" in (parse_failing("go.mod", b"module x\nrequire (\n a.b/c v1.0.0\n").error or "")
    single = parse_ok("go.mod", b'module x\n\ngo 1.21\n\nrequire "example.com/q" v1.2.3 // indirect\n')
    assert [(d.name, d.version, d.direct, d.line) for d in single] == [("example.com/q", "v1.2.3", False, 5)]


def test_cargo() -> None:
    local = parse_ok("Cargo.lock", corpus("rust/cargolock/testdata/two-packages-with-local.lock"))
    assert [(d.name, d.version, d.line) for d in local] == [("addr2line", "0.15.2", 6)]
    dup = parse_ok("Cargo.lock", corpus("rust/cargolock/testdata/duplicate.lock"))
    assert len(dup) == 2
    build = parse_ok("Cargo.lock", corpus("rust/cargolock/testdata/package-with-build-string.lock"))
    assert pairs(build) == {("wasi", "0.10.2+wasi-snapshot-preview1")}
    lock = b"""version = 3
[[package]]
name = "app"
version = "0.1.0"
dependencies = ["serde", "gitdep"]
[[package]]
name = "serde"
version = "1.0.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = ["itoa"]
[[package]]
name = "itoa"
version = "1.0.1"
source = "sparse+https://index.crates.io/"
[[package]]
name = "gitdep"
version = "0.1.0"
source = "git+https://github.com/a/b#abc"
"""
    deps = parse_ok("Cargo.lock", lock)
    assert [(d.name, d.direct, d.line) for d in deps] == [("serde", True, 7), ("itoa", False, 12)]


def test_gemfile() -> None:
    git = parse_ok("Gemfile.lock", corpus("ruby/gemfilelock/testdata/has-git-gem.lock"))
    assert pairs(git) == {("concurrent-ruby", "1.1.7"), ("rack", "2.2.3"), ("transproc", "1.1.1")}
    at_end = parse_ok("Gemfile.lock", corpus("ruby/gemfilelock/testdata/source-section-at-end.lock"))
    assert [(d.name, d.version, d.direct) for d in at_end] == [("ast", "2.4.2", True)]
    rails = parse_ok("Gemfile.lock", corpus("ruby/gemfilelock/testdata/rails.lock"))
    assert len(rails) == 46 and find(rails, "rails").direct
    platform = parse_ok(
        "Gemfile.lock",
        b"GEM\n  remote: https://rubygems.org/\n  specs:\n"
        b"    nokogiri (1.15.0-x86_64-linux)\n      racc (~> 1.4)\n"
        b"    racc (1.7.1)\n\nDEPENDENCIES\n  nokogiri (~> 1.15)\n",
    )
    assert [(d.name, d.version, d.direct, d.line) for d in platform] == [
        ("nokogiri", "1.15.0", True, 4),
        ("racc", "1.7.1", False, 6),
    ]
    assert "not a Gemfile.lock" in (parse_failing("Gemfile.lock", b"hello world\n").error or "")


def test_composer() -> None:
    drupal = parse_ok("composer.lock", corpus("php/composerlock/testdata/drupal-packages.json"))
    assert [(d.name, d.version, d.dev, d.line) for d in drupal] == [
        ("drupal/core", "10.4.5", False, 10),
        ("drupal/tfa", "2.0.0-alpha4", False, 174),
        ("theseer/tokenizer", "1.1.3", False, 261),
        ("drupal/field_time", "1.0.0-beta5", True, 299),
    ]
    dev = parse_ok("composer.lock", corpus("php/composerlock/testdata/one-package-dev.json"))
    assert [(d.name, d.dev) for d in dev] == [("sentry/sdk", True)]
    branch = (
        b'{"packages": [{"name": "a/b", "version": "dev-main"}, {"name": "c/d", "version": "v1.2.0"}],'
        b' "packages-dev": []}'
    )
    assert pairs(parse_ok("composer.lock", branch)) == {("c/d", "v1.2.0")}


def test_go_sum_completes_modules_older_than_go_1_17() -> None:
    go_mod = corpus(f"{GO}/indirect-1.16.mod")
    go_sum = corpus(f"{GO}/indirect-1.16.sum")
    inventory = parse_all({"svc/go.mod": go_mod, "svc/go.sum": go_sum})
    assert [f.path for f in inventory.files] == ["svc/go.mod"]  # go.sum is not a file of its own
    from_sum = [d for d in inventory.dependencies if d.file == "svc/go.sum"]
    assert {(d.name, d.version) for d in from_sum} == {
        ("github.com/davecgh/go-spew", "v1.1.1"),  # 1.1.0 appears only as a /go.mod hash
        ("github.com/pmezard/go-difflib", "v1.0.0"),
        ("github.com/stretchr/testify", "v1.7.0"),
        ("golang.org/x/sys", "v0.0.0-20220715151400-c0bba94af5f8"),
        ("gopkg.in/yaml.v3", "v3.0.0-20200313102051-9f266ea9e77c"),
    }
    assert all(d.direct is False for d in from_sum)
    assert find(from_sum, "github.com/stretchr/testify").line == 9
    # Go 1.17+ go.mod lists everything: its go.sum is not consulted
    modern = parse_all(
        {"go.mod": corpus(f"{GO}/indirect-1.23.mod"), "go.sum": corpus(f"{GO}/indirect-1.23.sum")}
    )
    assert {d.file for d in modern.dependencies} == {"go.mod"}


def test_go_sum_keeps_the_highest_version() -> None:
    go_mod = b"module x\n\ngo 1.14\n\nrequire a.b/direct v1.0.0\n"
    go_sum = (
        b"a.b/direct v1.0.0 h1:x=\n"
        b"c.d/e v1.2.0 h1:x=\nc.d/e v1.10.0 h1:x=\nc.d/e v1.11.0/go.mod h1:x=\nc.d/e v1.10.0-rc.1 h1:x=\n"
    )
    inventory = parse_all({"go.mod": go_mod, "go.sum": go_sum})
    assert [(d.name, d.version, d.line) for d in inventory.dependencies] == [
        ("a.b/direct", "v1.0.0", 5),
        ("c.d/e", "v1.10.0", 3),
    ]
