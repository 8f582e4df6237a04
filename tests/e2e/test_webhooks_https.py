"""HTTPS delivery: TLS verified against a trusted CA (WEBHOOK_CA_BUNDLE), for the URL's name, at
the pinned address."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from standardwebhooks.webhooks import Webhook

from gofer.events import model as events
from tests.e2e.webhooks_support import (
    Receiver,
    RunningGofer,
    running_gofer,
    serve,
    settings_for_tests,
)

pytestmark = pytest.mark.timeout(60)

HOST = "hooks.gofer.test"


@dataclass
class LocalPki:
    ca_file: Path
    cert_file: Path
    key_file: Path


def make_pki(folder: Path) -> LocalPki:
    """A throwaway CA and a server certificate for HOST and 127.0.0.1, signed by it."""
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Gofer test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName(HOST), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.OID_SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    pki = LocalPki(folder / "ca.pem", folder / "server.pem", folder / "server.key")
    pki.ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    pki.cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pki.key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return pki


@pytest.fixture
def pki(tmp_path: Path) -> LocalPki:
    folder = tmp_path / "pki"
    folder.mkdir()
    return make_pki(folder)


async def only_local(host: str, port: int) -> list[str]:
    """DNS for the test: the test names live on 127.0.0.1."""
    return ["127.0.0.1"] if host.endswith(".gofer.test") else []


async def first_attempt(gofer: RunningGofer, job_id: str) -> dict[str, object]:
    message = (await gofer.messages(job_id=job_id))[0]

    async def attempted() -> bool:
        response = await gofer.http.get(
            f"/api/v1/webhooks/messages/{message['id']}/attempts", headers=gofer.auth()
        )
        return bool(response.json()["attempts"])

    await gofer.until(attempted)
    response = await gofer.http.get(
        f"/api/v1/webhooks/messages/{message['id']}/attempts", headers=gofer.auth()
    )
    return response.json()["attempts"][0]  # type: ignore[no-any-return]


async def test_https_delivery_to_a_receiver_with_a_trusted_ca(
    tmp_path: Path, pki: LocalPki
) -> None:
    receiver = Receiver()
    async with serve(receiver, tls=(pki.cert_file, pki.key_file)) as hooks:
        port = hooks.rsplit(":", 1)[1]
        async with running_gofer(
            tmp_path,
            resolver=only_local,
            webhook_ca_bundle=str(pki.ca_file),
            webhook_allow_hosts=[HOST],
        ) as gofer:
            job_id = await gofer.job(webhook_url=f"https://{HOST}:{port}/in")
            await gofer.core.store.record(job_id, events.BOOKING_STARTED, {"params": {}, "n": 1})
            await receiver.wait_for(lambda got: len(got) == 1)
            attempt = await first_attempt(gofer, job_id)

    request = receiver.requests[0]
    assert request.headers["host"] == f"{HOST}:{port}"
    assert request.json["job_id"] == job_id
    Webhook(settings_for_tests(tmp_path).webhook_secret.get_secret_value()).verify(  # type: ignore[union-attr]
        request.body, request.headers
    )
    assert attempt["succeeded"] is True


async def test_an_untrusted_certificate_is_refused(tmp_path: Path, pki: LocalPki) -> None:
    receiver = Receiver()
    async with serve(receiver, tls=(pki.cert_file, pki.key_file)) as hooks:
        port = hooks.rsplit(":", 1)[1]
        # The system CAs only: the test CA is not among them.
        async with running_gofer(
            tmp_path, resolver=only_local, webhook_allow_hosts=[HOST]
        ) as gofer:
            job_id = await gofer.job(webhook_url=f"https://{HOST}:{port}/in")
            await gofer.core.store.record(job_id, events.BOOKING_STARTED, {"params": {}})
            attempt = await first_attempt(gofer, job_id)

    assert receiver.requests == []
    assert attempt["succeeded"] is False
    assert "certificate verify failed" in str(attempt["error"])


async def test_the_certificate_must_name_the_url_host_not_the_pinned_address(
    tmp_path: Path, pki: LocalPki
) -> None:
    receiver = Receiver()
    async with serve(receiver, tls=(pki.cert_file, pki.key_file)) as hooks:
        port = hooks.rsplit(":", 1)[1]
        other = "other.gofer.test"  # resolves to the same checked address
        async with running_gofer(
            tmp_path,
            resolver=only_local,
            webhook_ca_bundle=str(pki.ca_file),
            webhook_allow_hosts=[other],
        ) as gofer:
            job_id = await gofer.job(webhook_url=f"https://{other}:{port}/in")
            await gofer.core.store.record(job_id, events.BOOKING_STARTED, {"params": {}})
            attempt = await first_attempt(gofer, job_id)

    assert receiver.requests == []
    assert attempt["succeeded"] is False
    assert "Hostname mismatch" in str(attempt["error"])
