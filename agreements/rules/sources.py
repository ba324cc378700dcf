"""Where each rule and step comes from. An article is named only where the regulation's text is
certain; otherwise the regulation alone is named and the article left blank (never guessed)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..choices import FOREIGN_CATEGORIES, Category


@dataclass(frozen=True)
class Source:
    regulation: str
    article: str = ""

    def __str__(self):
        return f"{self.regulation} {self.article}".strip()


UU_23_2014 = "UU 23/2014"
PP_28_2018 = "PP 28/2018"
PERMENDAGRI_22_2020 = "Permendagri 22/2020"
PERMENDAGRI_25_2020 = "Permendagri 25/2020"
PERPRES_38_2015 = "Perpres 38/2015"
SYSTEM = _("Aturan sistem (bukan dari peraturan)")

DOMESTIC = Source(PERMENDAGRI_22_2020)
FOREIGN = Source(PERMENDAGRI_25_2020)
KPBU = Source(PERPRES_38_2015)
LAW = Source(PP_28_2018)


def for_category(category) -> Source:
    """The regulation that lays down the steps of a category."""
    if category in FOREIGN_CATEGORIES:
        return FOREIGN
    if category == Category.KPBU:
        return KPBU
    if category == Category.SYNERGY:
        return LAW
    return DOMESTIC
