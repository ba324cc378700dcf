"""Scoped reads for background jobs and agreement summaries."""

from django.db import models
from django.db.models import Exists, OuterRef

from accounts.roles import sees_everything
from agreements.audience import audience_q


class BackgroundJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A user sees the jobs they requested; staff and managers see every job."""
        if user is None or not user.is_authenticated:
            return self.none()
        if sees_everything(user):
            return self
        return self.filter(requested_by=user)


class AgreementSummaryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The versions of an audience the user reads the agreement as (agreements.audience), or a
        narrower one: staff all; OPD officers the government and parties' versions, never the internal
        one; partner users only the parties' version, even when another role shows them the agreement."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(audience_q(user, "agreement"))

    def latest_per_audience(self, agreement):
        """The newest version of each audience for one agreement."""
        # Every audience of a version is stored together, so the newest few rows hold the answer.
        rows = list(self.filter(agreement=agreement).order_by("-version", "audience")[:8])
        latest = {}
        for row in rows:
            latest.setdefault(row.audience, row)
        return latest


class IssuedDocumentQuerySet(models.QuerySet):
    """Issued documents are read by their code alone (the verification page is public): no scope."""

    def with_newer_exists(self):
        """`newer_exists`: a later document of the same series (kind, agreement, audience, and a
        report's parameters)."""
        later = self.model.objects.filter(series=OuterRef("series"), pk__gt=OuterRef("pk"))
        return self.annotate(newer_exists=Exists(later))
