"""manage.py ensure_demo_certificate FILE: the demo seal certificate `make run` seals its PDFs with,
made on first start (a CA and an organisation certificate of their own, both named DEMO), kept as
FILE (PKCS#12) and FILE.passphrase; an existing one is left alone. scripts/run.sh points
KEMITRAAN_SIGNING_P12 and KEMITRAAN_SIGNING_PASSPHRASE at them unless they are already set."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from core.certificates import seal_bundle_make


def _write_private(path: Path, content: bytes) -> None:
    """Written readable by the owner only: the file holds a key or its passphrase."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(content)


class Command(BaseCommand):
    help = "Buat sertifikat segel elektronik DEMO untuk `make run` bila belum ada."

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("berkas PKCS#12 yang dibuat (sandinya di BERKAS.passphrase)"))

    def handle(self, *args, **options):
        path = Path(options["path"])
        passphrase_path = path.with_name(path.name + ".passphrase")
        if path.exists() and passphrase_path.exists():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        passphrase = secrets.token_urlsafe(24)
        bundle = seal_bundle_make(
            organisation=f"DEMO {settings.HOME_GOVERNMENT_NAME}",
            common_name="DEMO Segel Kemitraan (tidak resmi)",
            ca_name="DEMO CA Kemitraan (bukan otoritas resmi)",
            passphrase=passphrase,
        )
        _write_private(passphrase_path, passphrase.encode())
        _write_private(path, bundle.pkcs12)
        self.stdout.write(_("Sertifikat segel DEMO dibuat: %(path)s") % {"path": path})
