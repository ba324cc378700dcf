"""manage.py backup [--output DIR]: the database and the uploaded files in one dated archive."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Cadangkan basis data dan berkas unggahan ke satu arsip bertanggal "
        "kemitraan-backup-YYYYMMDD-HHMMSS.tar.gz dengan manifest.json (jumlah baris tiap model, ukuran "
        "dan sha256 tiap berkas). PostgreSQL: pg_dump --format=custom (klien PostgreSQL dengan versi yang "
        "sama dengan server); SQLite: salinan utuh lewat API backup sqlite3. Pulihkan dengan "
        "manage.py restore ARSIP."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help=_("Folder tujuan arsip (bawaan: $KEMITRAAN_VAR_DIR/backups)."),
        )

    def handle(self, *args, output=None, **options):
        try:
            archive, manifest = backup_create(output or Path(settings.VAR_DIR) / "backups")
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(item["rows"] for item in manifest["models"].values())
        size = sum(entry["size"] for entry in manifest["files"])
        self.stdout.write(
            _(
                "Cadangan tersimpan: %(path)s (%(models)s model, %(rows)s baris, %(files)s berkas, %(bytes)s bita)."
            )
            % {
                "path": archive,
                "models": len(manifest["models"]),
                "rows": rows,
                "files": len(manifest["files"]),
                "bytes": size,
            }
        )
