from __future__ import annotations

import pytest

from simulator.testing import generate_app_keypair


@pytest.fixture(scope="module")
def private_key_pem() -> str:
    return generate_app_keypair()[0]
