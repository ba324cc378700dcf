"""Scoped reads for background jobs and agreement summaries."""

from django.db import models

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
