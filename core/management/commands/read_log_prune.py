"""manage.py read_log_prune: delete download records older than READ_LOG_RETENTION_DAYS now (the
daily `core.read_log_prune` task does the same from beat)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from core.audit import read_log_prune


class Command(BaseCommand):
    help = "Hapus catatan unduhan yang lebih tua dari READ_LOG_RETENTION_DAYS hari."

    def handle(self, *args, **options):
        deleted = read_log_prune()
        self.stdout.write(
            _("%(count)s catatan unduhan yang lebih tua dari %(days)s hari dihapus.")
            % {"count": deleted, "days": settings.READ_LOG_RETENTION_DAYS}
        )
