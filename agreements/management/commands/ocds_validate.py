"""`manage.py ocds_validate [FILE]`: validate OCDS release packages offline.

With FILE, that JSON file (a release package); without, the release package of every public agreement,
built as the public endpoint (publik/ocds/<id>/release-package.json) serves it, with absolute URLs on
SITE_URL. Against the OCDS for PPPs schemas kept in agreements/opendata/schema/ with our extension and
the codelists (agreements.opendata.validation). Each problem is printed with its JSONPath; the exit
status is 0 when everything is valid, 1 otherwise.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agreements.opendata import ocds
from agreements.opendata.selectors import public_agreements_for_ocds
from agreements.opendata.validation import release_count, validate_release_package


class SiteRequest:
    """All that ocds.py asks of a request: absolute URLs, here on settings.SITE_URL."""

    def build_absolute_uri(self, location: str) -> str:
        return settings.SITE_URL.rstrip("/") + location


class Command(BaseCommand):
    @property
    def help(self):  # argparse needs a real str, not a lazy one: translated when the parser is built
        return _(
            "Validasi paket rilis OCDS terhadap skema OCDS untuk KPBU beserta ekstensi Kemitraan, tanpa "
            "jaringan: berkas FILE, atau paket rilis setiap kerja sama publik bila FILE tidak diberikan."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            metavar="FILE",
            help=_("Berkas JSON berisi paket rilis OCDS (tanpa FILE: paket rilis register publik)."),
        )

    def handle(self, *args, file=None, **options):
        packages = [("", self._read(Path(file)))] if file else self._live_packages()
        problems = releases = 0
        for label, package in packages:
            releases += release_count(package)
            for problem in validate_release_package(package):
                self.stdout.write(f"{label} {problem}" if label else problem)
                problems += 1
        if problems:
            raise CommandError(
                ngettext("Tidak valid: %(count)d kesalahan.", "Tidak valid: %(count)d kesalahan.", problems)
                % {"count": problems}
            )
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "Valid: %(count)d rilis sesuai skema OCDS.",
                    "Valid: %(count)d rilis sesuai skema OCDS.",
                    releases,
                )
                % {"count": releases}
            )
        )

    def _read(self, path: Path):
        try:
            content = path.read_bytes()
        except FileNotFoundError:
            raise CommandError(_("Berkas tidak ditemukan: %(path)s") % {"path": path}) from None
        except OSError as error:
            raise CommandError(
                _("Berkas %(path)s tidak dapat dibaca: %(error)s")
                % {"path": path, "error": error.strerror or error}
            ) from None
        try:
            return json.loads(content)
        except ValueError as error:  # JSONDecodeError, or bytes that are no Unicode text
            raise CommandError(
                _("Berkas %(path)s bukan JSON yang sah: %(error)s") % {"path": path, "error": error}
            ) from None

    def _live_packages(self):
        """(ocid, release package) of every public agreement, as the public endpoint builds them."""
        request = SiteRequest()
        agreements = public_agreements_for_ocds().order_by("pk")
        if not agreements.exists():
            self.stdout.write(_("Tidak ada kerja sama publik; tidak ada rilis untuk divalidasi."))
        for agreement in agreements.iterator(chunk_size=200):
            yield f"[{ocds.ocid(agreement)}]", ocds.release_package(agreement, request)
