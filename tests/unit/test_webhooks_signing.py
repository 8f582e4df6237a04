"""Standard Webhooks signing: secrets, ids and headers that the reference verifier accepts."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from gofer.webhooks.signing import new_message_id, new_secret, signature, signed_headers


def test_a_new_secret_is_whsec_with_32_random_bytes() -> None:
    first, second = new_secret(), new_secret()
    assert first.startswith("whsec_")
    assert len(base64.b64decode(first.removeprefix("whsec_"))) == 32
    assert first != second


def test_message_ids_are_unique_and_sort_by_creation() -> None:
    ids = [new_message_id() for _ in range(200)]
    assert len(set(ids)) == 200
    assert all(i.startswith("msg_") for i in ids)
    assert [i[:16] for i in ids] == sorted(i[:16] for i in ids)


def test_signed_headers_verify_with_the_reference_verifier() -> None:
    secret = new_secret()
    body = json.dumps({"event_type": "booking_completed", "data": {"success": True}})
    headers = signed_headers("msg_1", body, [secret])
    assert Webhook(secret).verify(body, headers) == json.loads(body)
    assert headers["content-type"] == "application/json"


def test_a_changed_body_or_another_secret_fails_verification() -> None:
    secret = new_secret()
    headers = signed_headers("msg_1", '{"a":1}', [secret])
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify('{"a":2}', headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(new_secret()).verify('{"a":1}', headers)


def test_two_secrets_give_two_signatures_each_verifiable() -> None:
    old, new = new_secret(), new_secret()
    headers = signed_headers("msg_2", "{}", [new, old])
    assert len(headers["webhook-signature"].split(" ")) == 2
    Webhook(new).verify("{}", headers)
    Webhook(old).verify("{}", headers)


def test_a_plain_text_secret_signs_with_its_bytes() -> None:
    at = datetime(2025, 1, 1, tzinfo=UTC)
    plain = "not base64 -- a seed style secret!"
    assert signature("msg_3", at, "{}", [plain]) == Webhook(plain.encode()).sign("msg_3", at, "{}")
