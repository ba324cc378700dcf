"""`make run` seals with a DEMO certificate it makes on first start (manage.py ensure_demo_certificate)."""

import stat

from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.management import call_command
from django.test import override_settings

from core.seal import Pkcs12Sealer


def _common_name(name) -> str:
    return name.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value


def test_the_demo_certificate_is_made_once_named_demo_and_private(tmp_path):
    path = tmp_path / "signing" / "demo-segel.p12"
    call_command("ensure_demo_certificate", str(path))
    passphrase_path = path.with_name("demo-segel.p12.passphrase")
    for made in (path, passphrase_path):
        assert stat.S_IMODE(made.stat().st_mode) == 0o600
    passphrase = passphrase_path.read_bytes()
    _key, certificate, chain = pkcs12.load_key_and_certificates(path.read_bytes(), passphrase)
    assert _common_name(certificate.subject).startswith("DEMO ")
    assert _common_name(certificate.issuer).startswith("DEMO ")
    assert [_common_name(ca.subject) for ca in chain] == [_common_name(certificate.issuer)]

    content = path.read_bytes()
    call_command("ensure_demo_certificate", str(path))  # a second start keeps it
    assert path.read_bytes() == content and passphrase_path.read_bytes() == passphrase

    with override_settings(KEMITRAAN_SIGNING_P12=str(path), KEMITRAAN_SIGNING_PASSPHRASE=passphrase.decode()):
        sealer = Pkcs12Sealer()
    assert sealer.signer.subject_name.startswith("DEMO ")
    assert [root.subject.native["common_name"] for root in sealer.trust_roots()] == [
        _common_name(certificate.issuer)
    ]
