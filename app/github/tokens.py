"""Installation tokens shared by every worker until 5 minutes before they expire.

A token lives an hour; minting one per job cost a `POST /app/installations/{id}/access_tokens` per
job. `InstallationTokens.get` reads the cached token (`app.store.tokens`), and when none is valid for
at least `margin` more, one caller claims the refresh and mints while the others wait for its result.

Tokens are stored encrypted (AES-256-GCM, a fresh nonce each, the installation id as associated data
so a ciphertext cannot be moved to another installation's row). The key is derived with HKDF from the
App's private key rather than `WEBHOOK_SECRET`: whoever holds the private key can mint tokens anyway,
so the cache grants nothing beyond it, while the webhook secret only proves deliveries and can leak
with a proxy's configuration. Rotating the private key makes the cached tokens undecipherable; they
are then dropped and minted afresh. Neither a token nor its ciphertext is ever logged.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import anyio
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.github.app_key import AppKey
from app.store.base import utcnow
from app.store.tokens import TokenRows

log = logging.getLogger(__name__)

REFRESH_MARGIN = timedelta(minutes=5)
CLAIM_LEASE = timedelta(seconds=30)
WAIT_LIMIT_SECONDS = 60.0
_VERSION = b"\x01"
_NONCE_BYTES = 12


@dataclass(frozen=True)
class MintedToken:
    value: str
    expires_at: datetime


@dataclass(frozen=True)
class InstallationToken:
    value: str
    expires_at: datetime
    ciphertext: bytes  # as stored: a 401 drops exactly this one, not a newer token


class TokenCipher:
    """AES-256-GCM with a key derived from the App's private key."""

    PURPOSE = b"repo-hygiene installation-token cache v1"

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    @classmethod
    def for_app(cls, app_key: AppKey) -> TokenCipher:
        return cls(app_key.derive_secret(cls.PURPOSE))

    @staticmethod
    def _aad(installation_id: int) -> bytes:
        return f"installation:{installation_id}".encode()

    def encrypt(self, installation_id: int, token: str) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return _VERSION + nonce + self._aead.encrypt(nonce, token.encode(), self._aad(installation_id))

    def decrypt(self, installation_id: int, ciphertext: bytes) -> str | None:
        """The token, or None when it was not encrypted by this key for this installation."""
        if not ciphertext.startswith(_VERSION) or len(ciphertext) <= 1 + _NONCE_BYTES:
            return None
        nonce, sealed = ciphertext[1 : 1 + _NONCE_BYTES], ciphertext[1 + _NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, sealed, self._aad(installation_id)).decode()
        except (InvalidTag, UnicodeDecodeError):
            return None


def process_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class InstallationTokens:
    def __init__(
        self,
        rows: TokenRows,
        cipher: TokenCipher,
        mint: Callable[[int], Awaitable[MintedToken]],
        *,
        owner: str | None = None,
        clock: Callable[[], datetime] = utcnow,
        margin: timedelta = REFRESH_MARGIN,
        claim_lease: timedelta = CLAIM_LEASE,
        wait_limit: float = WAIT_LIMIT_SECONDS,
    ) -> None:
        self.rows, self.cipher, self.mint = rows, cipher, mint
        self.owner = owner or process_owner()
        self.clock, self.margin, self.claim_lease, self.wait_limit = clock, margin, claim_lease, wait_limit

    def usable(self, token: InstallationToken) -> bool:
        return token.expires_at - self.margin > self.clock()

    async def get(self, installation_id: int) -> InstallationToken:
        """A token valid for at least `margin` more: the shared one, or one minted now by this caller
        or by whichever concurrent caller claimed the refresh."""
        give_up = time.monotonic() + self.wait_limit
        pause = 0.02
        while True:
            cached = await self._cached(installation_id)
            if cached is not None:
                return cached
            claimed = await anyio.to_thread.run_sync(self._claim, installation_id, self.clock())
            if claimed:
                return await self._refresh(installation_id)
            if time.monotonic() > give_up:
                raise TimeoutError(
                    f"no installation token for {installation_id} within {self.wait_limit:.0f} s"
                )
            await anyio.sleep(pause)
            pause = min(pause * 2, 0.5)

    def _claim(self, installation_id: int, now: datetime) -> bool:
        return self.rows.claim_refresh(
            installation_id,
            self.owner,
            now=now,
            renew_before=now + self.margin,
            until=now + self.claim_lease,
        )

    async def _cached(self, installation_id: int) -> InstallationToken | None:
        stored = await anyio.to_thread.run_sync(self.rows.read, installation_id)
        if stored is None:
            return None
        value = self.cipher.decrypt(installation_id, stored.ciphertext)
        if value is None:  # another key (rotated) or a damaged row: unusable, so mint a new one
            log.warning(
                "cached token of installation %s cannot be decrypted; minting a new one", installation_id
            )
            await anyio.to_thread.run_sync(self.rows.drop, installation_id, stored.ciphertext)
            return None
        token = InstallationToken(value, stored.expires_at, stored.ciphertext)
        return token if self.usable(token) else None

    async def _refresh(self, installation_id: int) -> InstallationToken:
        try:
            minted = await self.mint(installation_id)
        except BaseException:
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(self.rows.release, installation_id, self.owner)
            raise
        ciphertext = self.cipher.encrypt(installation_id, minted.value)
        saved = await anyio.to_thread.run_sync(
            self.rows.save, installation_id, self.owner, ciphertext, minted.expires_at
        )
        if not saved:
            log.info("installation %s: refresh claim expired before the token was stored", installation_id)
        return InstallationToken(minted.value, minted.expires_at, ciphertext)

    async def drop(self, token: InstallationToken, installation_id: int) -> None:
        """Forget a token GitHub refused (401: revoked, or the installation's permissions changed)."""
        await anyio.to_thread.run_sync(self.rows.drop, installation_id, token.ciphertext)
