"""Keys derived from settings: the cookie-signing secret and the Fernet key for stored user tokens."""

from __future__ import annotations

import base64
import hashlib

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.settings import Settings, secret_text


class DashboardConfigError(RuntimeError):
    """A setting the dashboard needs is missing or unusable."""


def session_secret(settings: Settings) -> bytes:
    """SESSION_SECRET when set, else HKDF over WEBHOOK_SECRET + PRIVATE_KEY (stable across processes).
    `Settings` has already refused a SESSION_SECRET shorter than 16 characters."""
    explicit = secret_text(settings.session_secret)
    if explicit:
        return hashlib.sha256(explicit.encode()).digest()
    webhook_secret = secret_text(settings.webhook_secret)
    private_key = secret_text(settings.private_key)
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
