"""A secured cluster: SASL (SCRAM-SHA-512 and PLAIN) over TLS with a CA file and an optional client certificate.

The test makes its own certificate authority, server and client certificates, starts a broker of its own
with a SASL_SSL listener and creates the SCRAM user when it formats the broker's storage.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from newsstream.settings import Settings

from ..conftest import SAMPLE_ARTICLE
from ..kafka_stack import Stack, free_port, test_broker

pytestmark = pytest.mark.integration

SCRAM_USER, SCRAM_PASSWORD = "alice", "alice-s3cret-pw"
PLAIN_USER, PLAIN_PASSWORD = "bob", "bob-s3cret-pw"
WRONG_PASSWORD = "not-the-password-42"


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _pem_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _certificate(subject: str, key, issuer_name: x509.Name | None, issuer_key, *, ca: bool = False,
                 san: bool = False) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(issuer_name or name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if san:
        builder = builder.add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
    return builder.sign(issuer_key or key, hashes.SHA256())


@dataclass(frozen=True)
class Pki:
    ca: Path
    server: Path       # private key + certificate chain, PEM (Kafka's PEM key store)
    client_cert: Path
    client_key: Path


def make_pki(directory: Path) -> Pki:
    directory.mkdir(parents=True, exist_ok=True)
    ca_key = _key()
    ca_cert = _certificate("newsstream test CA", ca_key, None, None, ca=True)
    server_key, client_key = _key(), _key()
    server_cert = _certificate("localhost", server_key, ca_cert.subject, ca_key, san=True)
    client_cert = _certificate("newsstream-worker", client_key, ca_cert.subject, ca_key)
    pem = serialization.Encoding.PEM
    paths = Pki(directory / "ca.pem", directory / "server.pem", directory / "client.pem", directory / "client.key")
    paths.ca.write_bytes(ca_cert.public_bytes(pem))
    paths.server.write_bytes(_pem_key(server_key) + server_cert.public_bytes(pem) + ca_cert.public_bytes(pem))
    paths.client_cert.write_bytes(client_cert.public_bytes(pem))
    paths.client_key.write_bytes(_pem_key(client_key))
    return paths


@dataclass(frozen=True)
class SecureBroker:
    plaintext: str   # for the test's own set-up and checks
    secure: str      # SASL_SSL
    pki: Pki


@pytest.fixture(scope="module")
def secure_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecureBroker]:
    state = tmp_path_factory.mktemp("secure-broker")
    pki = make_pki(state / "pki")
    port, controller, secure_port = free_port(), free_port(), free_port()
    extra = f"""
# --- a SASL_SSL listener for the security tests
listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller},SASL_SSL://127.0.0.1:{secure_port}
advertised.listeners=PLAINTEXT://127.0.0.1:{port},SASL_SSL://127.0.0.1:{secure_port}
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_{PLAIN_USER}="{PLAIN_PASSWORD}";
ssl.keystore.type=PEM
ssl.keystore.location={pki.server}
ssl.truststore.type=PEM
ssl.truststore.location={pki.ca}
ssl.client.auth=requested
"""
    broker = test_broker(state, port, controller, extra_properties=extra,
                         format_arguments=["--add-scram",
                                           f"SCRAM-SHA-512=[name={SCRAM_USER},password={SCRAM_PASSWORD}]"])
    broker.start(timeout=120)
    try:
        yield SecureBroker(plaintext=broker.bootstrap, secure=f"127.0.0.1:{secure_port}", pki=pki)
    finally:
        broker.stop()


def secure_env(broker: SecureBroker, tmp_path: Path, *, mechanism: str, user: str, password: str,
               client_certificate: bool = False) -> dict[str, str]:
    env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": broker.secure, "KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
           "KAFKA_SASL_MECHANISM": mechanism, "KAFKA_SASL_USERNAME": user, "KAFKA_SASL_PASSWORD": password,
           "KAFKA_SSL_CAFILE": str(broker.pki.ca), "NEWSSTREAM_TOPIC_PREFIX": f"sec{mechanism[-3:].lower()}.",
           "NEWSSTREAM_APP_ID": f"newsstream-sec-{mechanism.lower()}", "NEWSSTREAM_STATE_DIR": str(tmp_path / "state"),
           "NEWSSTREAM_METRICS_PORT": "0"}
    if client_certificate:
        env.update(KAFKA_SSL_CERTFILE=str(broker.pki.client_cert), KAFKA_SSL_KEYFILE=str(broker.pki.client_key))
    return env


def newsstream(env: dict[str, str], *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsstream", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.mark.parametrize(("mechanism", "user", "password", "client_certificate"), [
    ("SCRAM-SHA-512", SCRAM_USER, SCRAM_PASSWORD, False),
    ("PLAIN", PLAIN_USER, PLAIN_PASSWORD, True),
])
def test_the_right_credentials_work_end_to_end(secure_broker, tmp_path, mechanism, user, password,
                                               client_certificate):
    env = secure_env(secure_broker, tmp_path, mechanism=mechanism, user=user, password=password,
                     client_certificate=client_certificate)
    created = newsstream(env, "topics", "create")
    assert created.returncode == 0, created.stderr
    fed = newsstream(env, "feed", str(SAMPLE_ARTICLE))
    assert fed.returncode == 0 and "sent 1 record" in fed.stdout, fed.stderr
    settings = Settings.from_env(env)
    stack = Stack(bootstrap=secure_broker.plaintext, env=env, settings=settings, log_dir=tmp_path)
    try:
        worker = stack.start_worker()
        [message] = stack.consume(settings.topics.enriched, lambda got: len(got) >= 1, timeout=120, process=worker)
        assert orjson.loads(message.value)["title"].startswith("US sends extra 2,000 troops")
        tailed = newsstream(env, "tail", "enriched", "--from-beginning", "--max", "1", "--timeout", "20")
        assert tailed.returncode == 0 and orjson.loads(tailed.stdout)["id"] == message.key.decode()
    finally:
        stack.stop_all()
    log = stack.worker_log(0)
    assert password not in log and password not in created.stderr + fed.stderr + tailed.stderr


def test_a_wrong_password_fails_fast_with_a_clear_error(secure_broker, tmp_path):
    env = secure_env(secure_broker, tmp_path, mechanism="SCRAM-SHA-512", user=SCRAM_USER, password=WRONG_PASSWORD)
    started = time.monotonic()
    result = newsstream(env, "worker", timeout=60)
    elapsed = time.monotonic() - started
    assert result.returncode != 0
    assert elapsed < 30, f"took {elapsed:.1f} s to give up"
    assert "refused the credentials of user 'alice'" in result.stderr, result.stderr
    assert "KAFKA_SASL_PASSWORD" in result.stderr
    assert WRONG_PASSWORD not in result.stdout + result.stderr


def test_an_unknown_certificate_authority_is_refused_clearly(secure_broker, tmp_path):
    other = make_pki(tmp_path / "other-pki")
    env = secure_env(secure_broker, tmp_path, mechanism="SCRAM-SHA-512", user=SCRAM_USER, password=SCRAM_PASSWORD)
    env["KAFKA_SSL_CAFILE"] = str(other.ca)
    result = newsstream(env, "topics", "list", timeout=60)
    assert result.returncode != 0
    assert "TLS" in result.stderr or "certificate" in result.stderr.lower(), result.stderr
