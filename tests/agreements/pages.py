"""The staff agreement page as tests read it: one section at a time (`?tab=`), or all of them."""

from django.urls import reverse

from agreements.views.detail import TABS


def agreement_page(client, agreement, *tabs) -> str:
    """The HTML of the page on each of `tabs` (default: every section), one after another."""
    url = reverse("agreements:detail", args=[agreement.pk])
    return "".join(client.get(url, {"tab": tab}).content.decode() for tab in tabs or [t.slug for t in TABS])
