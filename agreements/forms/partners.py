"""Which partners the agreement editor's selects offer, and the search that narrows them.

Up to `PARTNER_SELECT_LIMIT` selectable partners, every select lists them all: a plain select that works
without JavaScript. Past that, a select lists only the partners the agreement or the submission already
names, and a search by name, short name or NIB adds up to `SEARCH_LIMIT` matches — live through htmx, or
through a submit button without JavaScript.
"""

import re

from django.db.models import Q

from registry.forms import PartnerForm
from registry.models import Partner

from ..models import AgreementParty
from .widgets import bootstrapify

PARTNER_SELECT_LIMIT = 300
SEARCH_LIMIT = 50
REFERENCED_LIMIT = 1000  # partner ids read from one submission; a page never names more
PARTNER_KEY = re.compile(
    r"^(?:parties|obligations|contributions|(?:risks|benefits)-\d{1,4}-shares)-\d{1,4}-(?:partner|party_partner)$"
)


def selectable_partners(user, agreement=None):
    """Active partners in the user's scope, and those already party to `agreement` (even if archived since)."""
    partners = Partner.objects.visible_to(user).filter(archived_at__isnull=True)
    if agreement is not None:
        parties = AgreementParty.objects.filter(agreement=agreement).values("partner_id")
        partners = Partner.objects.filter(Q(pk__in=partners.values("pk")) | Q(pk__in=parties))
    return partners


def search_partners(partners, query):
    """At most SEARCH_LIMIT of `partners` whose name, short name or NIB contains `query`, by name."""
    query = (query or "").strip()[:100]
    if query:
        partners = partners.filter(
            Q(name__icontains=query) | Q(short_name__icontains=query) | Q(nib__icontains=query)
        )
    return list(partners.order_by("name", "pk").values_list("pk", "name")[:SEARCH_LIMIT])


def referenced_ids(data) -> set[int]:
    """Partner ids that a submission's party, obligation, contribution and share rows name."""
    ids = set()
    for key in data or {}:
        if PARTNER_KEY.match(key):
            value = data.get(key)
            if value and value.isdigit() and len(ids) < REFERENCED_LIMIT:
                ids.add(int(value))
    return ids


class PartnerChoices:
    """The (id, name) choices of every partner select on one editor page; `many` turns the search on."""

    def __init__(self, user, *, agreement=None, data=None, query=""):
        partners = selectable_partners(user, agreement)
        listed = list(partners.order_by("name", "pk").values_list("pk", "name")[:PARTNER_SELECT_LIMIT])
        self.many = len(listed) >= PARTNER_SELECT_LIMIT
        if not self.many:
            self.choices = listed
            return
        named = Q(pk__in=referenced_ids(data))
        if agreement is not None:
            named |= Q(pk__in=AgreementParty.objects.filter(agreement=agreement).values("partner_id"))
        chosen = dict(partners.filter(named).values_list("pk", "name"))
        if query:
            chosen.update(search_partners(partners, query))
        self.choices = sorted(chosen.items(), key=lambda item: (item[1], item[0]))


class NewPartnerForm(PartnerForm):
    """A partner created from inside the agreement editor: what a party needs to be named; the rest
    is completed on the partner's own page."""

    prefix = "mitra_baru"
    website = None  # completed on the partner's page

    class Meta(PartnerForm.Meta):
        fields = ["name", "short_name", "partner_type", "nib", "npwp", "email", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
