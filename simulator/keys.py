"""RSA key pairs for simulated GitHub Apps (a registered App's key, a test App's key)."""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

PKCS1 = serialization.PrivateFormat.TraditionalOpenSSL  # "BEGIN RSA PRIVATE KEY", as GitHub hands out
PKCS8 = serialization.PrivateFormat.PKCS8


def rsa_key_pair(private_format: serialization.PrivateFormat = PKCS8) -> tuple[str, str]:
    """(private key PEM, public key PEM), RSA 2048."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(serialization.Encoding.PEM, private_format, serialization.NoEncryption())
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private.decode(), public.decode()
