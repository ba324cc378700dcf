"""System checks of the project's own settings (registered in core.apps)."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register("kemitraan")
def seal_configured(app_configs=None, **kwargs):
    """Where settings.KEMITRAAN_SEAL_REQUIRED (production), the sealer must load: every PDF the
    system issues is sealed, and a worker without a certificate would fail every one of them."""
    if not getattr(settings, "KEMITRAAN_SEAL_REQUIRED", False):
        return []
    from .seal import sealer  # noqa: PLC0415 — loads pyHanko, only where a seal is required

    try:
        sealer()
    except (ImproperlyConfigured, ImportError, ValueError) as exc:
        return [
            checks.Error(
                f"The electronic seal is not configured: {exc}",
                hint="Set KEMITRAAN_SIGNING_P12 and KEMITRAAN_SIGNING_PASSPHRASE (README, "
                "'Electronic seal'), or KEMITRAAN_PDF_SEALER.",
                id="kemitraan.E001",
            )
        ]
    return []
