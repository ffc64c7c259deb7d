from __future__ import annotations

import json

import pytest

from app.errors import SignatureError, WebhookError
from app.webhooks.verify import signature_for, verify_and_parse, verify_signature
from tests.conftest import shared_path


def test_github_docs_test_vector() -> None:
    vector = json.loads(
        shared_path("fixtures", "webhook-signature", "github-docs-test-vector.json").read_text()
    )
    body = vector["payload"].encode()
    assert signature_for(vector["secret"], body) == vector["x_hub_signature_256"]
    verify_signature(vector["x_hub_signature_256"], body, vector["secret"])


def test_hand_computed_vector() -> None:
    # the same published vector, kept here so the suite runs without ../shared
    expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
    assert signature_for("It's a Secret to Everybody", b"Hello, World!") == expected


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "missing"),
        ("", "missing"),
        ("sha1=0a4d55a8d778e5022fab701977c5d840bbc486d0", "sha256="),
        ("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", "sha256="),
        ("sha256=" + "0" * 64, "does not match"),
    ],
)
def test_rejected_signatures(header: str | None, message: str) -> None:
    with pytest.raises(SignatureError, match=message):
        verify_signature(header, b"Hello, World!", "It's a Secret to Everybody")


def test_no_secret_configured_rejects_everything() -> None:
    with pytest.raises(SignatureError):
        verify_signature(signature_for("", b"{}"), b"{}", "")


def test_body_is_verified_byte_for_byte() -> None:
    body = b'{"a": 1}'
    header = signature_for("k", body)
    with pytest.raises(SignatureError):
        verify_signature(header, b'{"a":1}', "k")


def test_parse_after_verification() -> None:
    body = b'{"action": "created", "installation": {"id": 9}}'
    headers = {
        "X-Hub-Signature-256": signature_for("k", body),
        "X-GitHub-Event": "installation",
        "X-GitHub-Delivery": "d1",
    }
    event = verify_and_parse(headers, body, "k")
    assert (event.name, event.action, event.installation_id, event.delivery_id) == (
        "installation",
        "created",
        9,
        "d1",
    )


@pytest.mark.parametrize("body", [b'{"action": "crea', b"[1, 2]", b"\xff\xfe"])
def test_bad_json_is_a_400_error(body: bytes) -> None:
    headers = {
        "X-Hub-Signature-256": signature_for("k", body),
        "X-GitHub-Event": "push",
        "X-GitHub-Delivery": "d",
    }
    with pytest.raises(WebhookError) as info:
        verify_and_parse(headers, body, "k")
    assert info.value.status == 400


def test_wrong_signature_is_reported_before_bad_json() -> None:
    headers = {
        "X-Hub-Signature-256": "sha256=" + "1" * 64,
        "X-GitHub-Event": "push",
        "X-GitHub-Delivery": "d",
    }
    with pytest.raises(SignatureError):
        verify_and_parse(headers, b"{not json", "k")
