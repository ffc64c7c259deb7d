"""The App's private key, parsed once per process, and the JWTs signed with it.

Parsing an RSA PEM costs tens of milliseconds (the key's consistency checks); signing with the parsed
key object costs well under one. pyjwt accepts the `cryptography` key object directly.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import jwt
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.errors import SettingsError

# GitHub accepts App JWTs of at most 10 minutes; `iat` is backdated for clock drift, as GitHub advises.
JWT_BACKDATE = timedelta(seconds=60)
JWT_LIFETIME = timedelta(minutes=9)


def load_private_key(pem: str) -> RSAPrivateKey:
    """The PEM parsed into a key object (the expensive step, done once per `AppKey`)."""
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, RSAPrivateKey):
        raise SettingsError("PRIVATE_KEY", "is not an RSA private key (GitHub Apps sign with RS256)")
    return key


class AppKey:
    """One App's identity: its id and its private key, parsed on first use and then kept."""

    def __init__(self, app_id: int, pem: str) -> None:
        self.app_id = app_id
        self._pem = pem
        self._key: RSAPrivateKey | None = None
        self._lock = threading.Lock()

    def private_key(self) -> RSAPrivateKey:
        if self._key is None:
            with self._lock:
                if self._key is None:
                    self._key = load_private_key(self._pem)
        return self._key

    def jwt(self, now: datetime | None = None) -> str:
        """A fresh RS256 JWT authenticating as the App (about 9 minutes of validity)."""
        issued = (now or datetime.now(UTC)) - JWT_BACKDATE
        claims = {
            "iss": str(self.app_id),
            "iat": int(issued.timestamp()),
            "exp": int((issued + JWT_LIFETIME).timestamp()),
        }
        return jwt.encode(claims, self.private_key(), algorithm="RS256")

    def derive_secret(self, purpose: bytes, length: int = 32) -> bytes:
        """A key for `purpose`, derived with HKDF-SHA256 from the private key (its canonical DER
        encoding, so the PEM's line breaks or PKCS#1/PKCS#8 wrapping do not change it)."""
        material = self.private_key().private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        hkdf = HKDF(
            algorithm=hashes.SHA256(),
            length=length,
            salt=f"repo-hygiene app {self.app_id}".encode(),
            info=purpose,
        )
        return hkdf.derive(material)
