"""Scoped reads for background jobs and agreement summaries."""

from django.db import models
from django.db.models import Q

from accounts.roles import sees_everything


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
        """Internal users see both audiences of the agreements they see; partner users only the parties'
        version of their agreements — never the internal one, even when they also hold another role
        that shows them the agreement."""
        from agreements.querysets import agreement_scope_q
        from jobs.choices import Audience

        if user is None or not user.is_authenticated:
            return self.none()
        if sees_everything(user):
            return self
        # Internal readers of an agreement: OPD officers of its units (partner_q=False drops the
        # partner path). Partner readers: the parties' audience only.
        internal = agreement_scope_q(user, "agreement", partner_q=False, public_q=False)
        as_party = Q(audience=Audience.PARTIES) & agreement_scope_q(
            user, "agreement", partner_q=True, public_q=False
        )
        return self.filter(internal | as_party)

    def latest_per_audience(self, agreement):
        """The newest version of each audience for one agreement."""
        # Both audiences of a version are stored together, so the newest few rows hold the answer.
        rows = list(self.filter(agreement=agreement).order_by("-version", "audience")[:4])
        latest = {}
        for row in rows:
            latest.setdefault(row.audience, row)
        return latest
