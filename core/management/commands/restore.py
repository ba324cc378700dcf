"""manage.py restore ARCHIVE [--force]: an archive of manage.py backup into an empty database and folders."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Pulihkan arsip dari manage.py backup ke basis data kosong dan folder berkas kosong: sha256 tiap "
        "berkas diperiksa sebelum apa pun ditulis, jumlah baris tiap model dan sha256 berkas diperiksa "
        "lagi sesudahnya. Menolak bila basis data atau folder sudah berisi, kecuali dengan --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help=_("Arsip kemitraan-backup-….tar.gz."))
        parser.add_argument(
            "--force",
            action="store_true",
            help=_(
                "Pulihkan juga bila basis data atau folder sudah berisi: semua tabel yang ada dihapus dan "
                "berkas yang bernama sama ditimpa."
            ),
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            report = backup_restore(archive, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _(
                "Pemulihan selesai: %(tables)s tabel dengan %(rows)s baris dan %(files)s berkas (%(bytes)s "
                "bita); semua jumlah baris dan sha256 cocok dengan manifest."
            )
            % {"tables": report.tables, "rows": report.rows, "files": report.files, "bytes": report.bytes}
        )
        if report.extra_files:
            self.stdout.write(
                _("%(count)s berkas yang tidak ada di cadangan dibiarkan di folder.")
                % {"count": len(report.extra_files)}
            )
