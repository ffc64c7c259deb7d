"""Keys derived from settings: the cookie-signing secret and the Fernet key for stored user tokens."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


class DashboardConfigError(RuntimeError):
    """A setting the dashboard needs is missing or unusable."""


def setting_text(settings: Any, name: str, default: str = "") -> str:
    """A setting by its lower-case env name (attribute), else from the raw env values in `settings.extra`
    (SESSION_SECRET, BASE_URL are not core settings); secret wrappers are unwrapped."""
    value: Any = getattr(settings, name, None)
    if value in (None, ""):
        extra = getattr(settings, "extra", None)
        value = extra.get(name.upper()) if isinstance(extra, Mapping) else None
    unwrap = getattr(value, "get_secret_value", None)  # pydantic-style SecretStr
    if callable(unwrap):
        value = unwrap()
    return str(value) if value not in (None, "") else default


def _private_key_text(settings: Any) -> str:
    key = setting_text(settings, "private_key")
    if key:
        return str(key)
    path = setting_text(settings, "private_key_path")
    if path and Path(str(path)).is_file():
        return Path(str(path)).read_text()
    return ""


def session_secret(settings: Any) -> bytes:
    """SESSION_SECRET when set, else HKDF over WEBHOOK_SECRET + PRIVATE_KEY (stable across processes)."""
    explicit = setting_text(settings, "session_secret")
    if explicit:
        if len(str(explicit)) < 16:
            raise DashboardConfigError("SESSION_SECRET must be at least 16 characters")
        return hashlib.sha256(str(explicit).encode()).digest()
    webhook_secret = setting_text(settings, "webhook_secret") or ""
    private_key = _private_key_text(settings)
    if not webhook_secret and not private_key:
        raise DashboardConfigError(
            "the dashboard needs SESSION_SECRET, or WEBHOOK_SECRET/PRIVATE_KEY to derive one from"
        )
    material = f"{webhook_secret}\0{private_key}".encode()
    return _hkdf(material, b"repo-hygiene dashboard session secret")


def fernet_key(secret: bytes) -> bytes:
    return base64.urlsafe_b64encode(_hkdf(secret, b"repo-hygiene dashboard token encryption"))


def _hkdf(material: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(material)
