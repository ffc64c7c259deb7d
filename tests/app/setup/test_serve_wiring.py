"""How `serve` composes the first run and the relay: the settings that decide it, the local address the
relay posts to."""

from __future__ import annotations

import pytest

from app.commands.serve import background_tasks, local_url
from app.errors import SettingsError
from app.settings import Settings, has_no_app_credentials, load_settings


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("0.0.0.0", "http://127.0.0.1:3000"),
        ("127.0.0.1", "http://127.0.0.1:3000"),
        ("::", "http://[::1]:3000"),
        ("::1", "http://[::1]:3000"),
        ("hygiene.internal", "http://hygiene.internal:3000"),
    ],
)
def test_the_relay_posts_to_where_serve_listens(host: str, url: str) -> None:
    assert local_url(Settings(host=host)) == url


def test_the_relay_runs_only_with_a_proxy_url() -> None:
    assert background_tasks(Settings()) == []
    assert len(background_tasks(Settings(webhook_proxy_url="https://smee.io/abc"))) == 1


def test_a_first_run_is_one_with_none_of_the_app_credentials(private_key_pem: str) -> None:
    assert has_no_app_credentials(load_settings({}, env_file=None, require_github=False))
    for partial in ({"APP_ID": "1"}, {"WEBHOOK_SECRET": "s"}, {"PRIVATE_KEY": private_key_pem}):
        assert not has_no_app_credentials(load_settings(partial, env_file=None, require_github=False))


@pytest.mark.parametrize(
    ("env", "name"),
    [({"WEBHOOK_PROXY_URL": "smee.io/abc"}, "WEBHOOK_PROXY_URL"), ({"GH_ORG": "not an org"}, "GH_ORG")],
)
def test_a_malformed_proxy_url_or_org_names_its_setting(env: dict[str, str], name: str) -> None:
    with pytest.raises(SettingsError, match=name):
        load_settings(env, env_file=None, require_github=False)
