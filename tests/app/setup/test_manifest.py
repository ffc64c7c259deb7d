"""The manifest built from app.yml, and where it is posted (github.com, GitHub Enterprise Server, the
simulator; a personal account or an organisation)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.setup.manifest import (
    ManifestError,
    build_manifest,
    find_app_yml,
    load_app_yml,
    new_app_url,
    web_url_for,
)
from tests.conftest import PROJECT_ROOT


@pytest.mark.parametrize(
    ("api_url", "web_url"),
    [
        ("https://api.github.com", "https://github.com"),
        ("https://api.github.com/", "https://github.com"),
        ("https://ghe.example.com/api/v3", "https://ghe.example.com"),
        ("https://ghe.example.com/api/v3/", "https://ghe.example.com"),
        ("http://127.0.0.1:3001", "http://127.0.0.1:3001"),  # the simulator serves both at its root
    ],
)
def test_the_web_host_of_an_api_root(api_url: str, web_url: str) -> None:
    assert web_url_for(api_url) == web_url


def test_the_new_app_page_of_an_account_or_an_organisation() -> None:
    assert new_app_url("https://github.com", None) == "https://github.com/settings/apps/new"
    assert (
        new_app_url("https://ghe.example.com", "acme")
        == "https://ghe.example.com/organizations/acme/settings/apps/new"
    )


def test_the_manifest_takes_app_yml_and_this_servers_urls() -> None:
    app_yml = load_app_yml(PROJECT_ROOT / "app.yml")
    manifest = build_manifest(
        app_yml, base_url="https://hygiene.example.com/", webhook_path="/api/github/webhooks", proxy_url=None
    )
    assert manifest["hook_attributes"] == {
        "url": "https://hygiene.example.com/api/github/webhooks",
        "active": True,
    }
    assert manifest["redirect_url"] == "https://hygiene.example.com/setup/callback"
    assert manifest["callback_urls"] == ["https://hygiene.example.com/auth/callback"]
    assert manifest["public"] is False
    assert manifest["default_permissions"] == app_yml["default_permissions"]
    assert manifest["default_events"] == app_yml["default_events"]
    assert manifest["name"] == "repo-hygiene" and manifest["url"] == app_yml["url"]
    assert set(manifest) <= {
        "name", "url", "description", "public", "hook_attributes", "redirect_url", "callback_urls",
        "setup_url", "setup_on_update", "request_oauth_on_install", "default_events", "default_permissions",
    }  # fmt: skip


def test_with_a_webhook_proxy_github_delivers_to_the_channel() -> None:
    manifest = build_manifest(
        {"name": "x", "url": "https://example.com", "public": True, "comment": "not a manifest key"},
        base_url="http://127.0.0.1:3000",
        webhook_path="/api/github/webhooks",
        proxy_url="https://smee.io/abc123",
    )
    assert manifest["hook_attributes"]["url"] == "https://smee.io/abc123"
    assert manifest["public"] is False and "comment" not in manifest
    assert manifest["callback_urls"] == ["http://127.0.0.1:3000/auth/callback"]


def test_a_working_directory_copy_of_app_yml_wins(tmp_path: Path) -> None:
    assert find_app_yml(tmp_path) == PROJECT_ROOT / "app.yml"
    (tmp_path / "app.yml").write_text("name: mine\nurl: https://example.com\n")
    assert find_app_yml(tmp_path) == tmp_path / "app.yml"


@pytest.mark.parametrize("text", ["- a list\n", "name: only-a-name\n", "name: [unclosed\n"])
def test_an_unusable_app_yml_is_one_clear_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "app.yml"
    path.write_text(text)
    with pytest.raises(ManifestError, match=str(path)):
        load_app_yml(path)
