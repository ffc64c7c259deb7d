"""The GitHub App manifest, built from `app.yml` and the settings, and where GitHub takes it.

Pure apart from reading `app.yml`. GitHub's manifest parameters:
https://docs.github.com/apps/sharing-github-apps/registering-a-github-app-from-a-manifest
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import yaml

from app.paths import PROJECT_ROOT

APP_YML = "app.yml"
CALLBACK_PATH = "/setup/callback"
# The manifest keys GitHub reads; anything else in app.yml stays out of the form.
MANIFEST_KEYS = (
    "name",
    "url",
    "description",
    "public",
    "hook_attributes",
    "redirect_url",
    "callback_urls",
    "setup_url",
    "setup_on_update",
    "request_oauth_on_install",
    "default_events",
    "default_permissions",
)


class ManifestError(ValueError):
    """app.yml is missing or is not a usable manifest; the message says which."""


def find_app_yml(cwd: Path | None = None) -> Path:
    """`app.yml` in the working directory (a customised copy), else the project's own."""
    for candidate in ((cwd or Path.cwd()) / APP_YML, PROJECT_ROOT / APP_YML):
        if candidate.is_file():
            return candidate
    raise ManifestError(f"no {APP_YML} in {cwd or Path.cwd()} or {PROJECT_ROOT}")


def load_app_yml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ManifestError(f"cannot read {path}: {exc}") from None
    if not isinstance(data, dict) or not data.get("name") or not data.get("url"):
        raise ManifestError(f"{path} must be a mapping with at least `name` and `url`")
    return data


def web_url_for(api_url: str) -> str:
    """The web host of a REST API root: api.github.com -> github.com, GitHub Enterprise Server's
    https://HOST/api/v3 -> https://HOST; anything else (the simulator) serves both at one root."""
    parts = urlsplit(api_url.rstrip("/"))
    if parts.netloc.lower() == "api.github.com":
        return "https://github.com"
    path = parts.path.removesuffix("/api/v3")
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def new_app_url(web_url: str, org: str | None) -> str:
    """Where the manifest form is posted: the personal account's or an organisation's new-App page."""
    if org:
        return f"{web_url}/organizations/{quote(org, safe='')}/settings/apps/new"
    return f"{web_url}/settings/apps/new"


def build_manifest(
    app_yml: dict[str, Any], *, base_url: str, webhook_path: str, proxy_url: str | None
) -> dict[str, Any]:
    """app.yml's manifest keys with this server's URLs: webhooks to `proxy_url` (a smee.io channel)
    or to `base_url` + `webhook_path`, the registration's redirect to `base_url` + /setup/callback,
    and app.yml's OAuth callback paths moved onto `base_url`. The App is always private."""
    base = base_url.rstrip("/")
    manifest = {key: app_yml[key] for key in MANIFEST_KEYS if key in app_yml}
    hook = dict(app_yml.get("hook_attributes") or {})
    hook["url"] = proxy_url or f"{base}{webhook_path}"
    hook.setdefault("active", True)
    manifest["hook_attributes"] = hook
    manifest["redirect_url"] = f"{base}{CALLBACK_PATH}"
    callbacks = [str(url) for url in app_yml.get("callback_urls") or []] or ["/auth/callback"]
    manifest["callback_urls"] = [f"{base}{urlsplit(url).path}" for url in callbacks][:10]
    manifest["public"] = False
    return manifest
