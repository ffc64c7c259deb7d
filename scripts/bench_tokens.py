"""Benchmark: the cost of one App JWT, with the private key re-parsed per JWT and with it parsed once.

    python scripts/bench_tokens.py [--jwts 200] [--bits 2048]

"before" is what signing from the PEM text costs (pyjwt parses the PEM on every `jwt.encode`, as
githubkit's App auth did per job); "after" is `app.github.app_key.AppKey`, which parses the key once
and signs every JWT with the key object. Prints milliseconds per JWT for both.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.github.app_key import AppKey


def per_pem_jwt(app_id: int, pem: str) -> str:
    issued = datetime.now(UTC) - timedelta(seconds=60)
    claims = {"iss": str(app_id), "iat": issued, "exp": issued + timedelta(minutes=9)}
    return jwt.encode(claims, pem, algorithm="RS256")


def ms_per_call(count: int, call: object) -> float:
    assert callable(call)
    started = time.perf_counter()
    for _ in range(count):
        call()
    return (time.perf_counter() - started) * 1000 / count


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--jwts", type=int, default=200)
    parser.add_argument("--bits", type=int, default=2048)
    args = parser.parse_args()
    pem = (
        rsa.generate_private_key(public_exponent=65537, key_size=args.bits)
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
        .decode()
    )
    before = ms_per_call(args.jwts, lambda: per_pem_jwt(1, pem))
    key = AppKey(1, pem)
    first = ms_per_call(1, key.jwt)  # includes the one parse
    after = ms_per_call(args.jwts, key.jwt)
    print(f"RSA-{args.bits}, {args.jwts} JWTs each")
    print(f"before (PEM parsed per JWT): {before:7.2f} ms per JWT")
    print(
        f"after  (key parsed once):    {after:7.2f} ms per JWT  (first JWT, with the parse: {first:.2f} ms)"
    )
    print(f"speed-up: {before / after:.0f}x")


if __name__ == "__main__":
    main()
