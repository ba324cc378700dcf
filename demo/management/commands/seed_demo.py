"""`manage.py seed_demo`: a believable demo registry on an empty database (and bulk volume with --scale)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from agreements.models import Agreement
from demo.kit import Kit
from demo.scale import add_scale
from demo.stories import STORIES
from demo.users import create_users, link_memberships, users_table
from demo.world import build_world
from registry.models import Partner

PRODUCTION_SETTINGS = "kemitraan.settings.production"


def _dots(number) -> str:
    """Indonesian thousands separator: 10.327 rather than 10,327."""
    return f"{number:,}".replace(",", ".") if isinstance(number, int) else str(number).replace(".", ",")


class Command(BaseCommand):
    help = "Isi basis data kosong dengan data contoh Kabupaten Jember (dan data volume dengan --scale)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Jika sudah ada kerja sama, cetak 'already seeded' dan selesai tanpa galat.",
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="Tambahkan N × 1.000 kerja sama (dengan mitra, pihak dan jatuh tempo) secara massal.",
        )

    def handle(self, *args, if_empty=False, scale=0, **options):
        # One clear rule: never under the production settings module, whatever DEBUG says.
        if settings.SETTINGS_MODULE == PRODUCTION_SETTINGS:
            raise CommandError(
                "seed_demo menolak berjalan dengan pengaturan produksi (kemitraan.settings.production)."
            )
        if scale < 0:
            raise CommandError("--scale harus 0 atau lebih.")
        seeded = Agreement.objects.exists()
        if seeded and if_empty:
            self.stdout.write("already seeded")
            return
        if seeded and not scale:
            raise CommandError(
                "Basis data sudah berisi kerja sama; seed_demo hanya mengisi basis data kosong. "
                "Gunakan --if-empty untuk melewati, atau --scale N untuk menambah data volume."
            )
        users = None
        if not seeded:
            users = self._seed_story()
        if scale:
            self._seed_scale(scale)
        if users:
            self._print_users(users)

    def _seed_story(self):
        today = timezone.localdate()
        with transaction.atomic():
            users = create_users()
            world = build_world(actor=users["admin"])
            link_memberships(users, world)
            kit = Kit(world, users, today)
            for story in STORIES:
                story(kit)
        self.stdout.write(
            self.style.SUCCESS(
                f"Data contoh dibuat: {Partner.objects.count()} mitra, {Agreement.objects.count()} kerja sama."
            )
        )
        return users

    def _seed_scale(self, scale):
        home = Partner.objects.filter(is_home_government=True).first()
        if home is None:
            raise CommandError(
                "Pemerintah daerah sendiri belum ada; jalankan seed_demo tanpa --scale dahulu."
            )
        self.stdout.write(f"Menambah {_dots(scale * 1000)} kerja sama secara massal …")
        counts = add_scale(scale, home=home, stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                "Ditambahkan {agreements} kerja sama, {partners} mitra, {parties} pihak, "
                "{obligations} kewajiban, {occurrences} jatuh tempo dalam {seconds} detik.".format(
                    **{key: _dots(value) for key, value in counts.items()}
                )
            )
        )

    def _print_users(self, users):
        rows = users_table(users)
        self.stdout.write("")
        self.stdout.write(f"{'Pengguna':<10} {'Peran':<28} Kata sandi")
        for username, role, password in rows:
            self.stdout.write(f"{username:<10} {role:<28} {password}")
