"""The audit's tests reuse the core fixtures (settings with a fresh key, SQLite services, an ASGI client)."""

from __future__ import annotations

from tests.app.core.conftest import client, private_key_pem, services, settings

__all__ = ["client", "private_key_pem", "services", "settings"]
