"""Who may be a party in each category (PP 28/2018): KSDD regional governments on both sides, KSDPK a
third party, KSDPL a foreign local government, KSDLL a foreign institution, KPBU a business entity,
Sinergi a central-government party. The lists are `ProcessRules.party_types`.

Two questions, asked at two moments:
- `category_party_problems` — on every save (forms, API, import): is any party of a kind the category
  does not allow, and are the category's own fields used only where they belong?
- `counterpart_problems` — at the gate to signing: is the home government a party, and is there a
  counterpart of the kind the category needs?
"""

from django.utils.translation import gettext as _

from registry.choices import PartnerType
from registry.models import Partner

from ..choices import Category, KsddNature
from ..models import ProcessRules

TYPE_LABELS = dict(PartnerType.choices)


def _rules(rules):
    return rules if rules is not None else ProcessRules.current()


def _partner(party):
    """A Partner from a Partner or an AgreementParty."""
    return getattr(party, "partner", party)


def allowed_types(category, rules=None) -> list[str]:
    return list(_rules(rules).party_types.get(category, []))


def _allowed_words(types) -> str:
    return ", ".join(str(TYPE_LABELS.get(t, t)) for t in types) or _("(tidak ada jenis yang diizinkan)")


def category_party_problems(agreement, parties, rules=None) -> list[str]:
    """What the category forbids among `parties` (Partners or AgreementParties) and in the agreement's
    own fields. Empty when the save may go on."""
    rules = _rules(rules)
    category = agreement.category
    problems = []
    if agreement.ksdd_nature and category != Category.KSDD:
        problems.append(_("Sifat wajib / sukarela hanya untuk KSDD; kosongkan untuk kategori ini."))
    if not category:
        return problems
    allowed = set(allowed_types(category, rules))
    label = Category(category).label if category in Category.values else category
    for party in parties:
        partner = _partner(party)
        if partner.is_home_government or partner.partner_type in allowed:
            continue
        problems.append(
            _(
                "%(partner)s (%(type)s) tidak dapat menjadi pihak dalam %(category)s: pihak mitranya harus %(allowed)s."
            )
            % {
                "partner": partner,
                "type": TYPE_LABELS.get(partner.partner_type, partner.partner_type),
                "category": label,
                "allowed": _allowed_words(sorted(allowed)),
            }
        )
    return problems


def category_party_problems_for_ids(agreement, partner_ids, rules=None) -> list[str]:
    """`category_party_problems` for the partners with these ids (one query): for the save of an
    agreement, where new parties carry only their partner's id."""
    partners = list(
        Partner.objects.filter(pk__in=[pk for pk in partner_ids if pk is not None]).only(
            "pk", "name", "partner_type", "is_home_government"
        )
    )
    return category_party_problems(agreement, partners, rules)


def counterpart_problems(agreement, parties, rules=None) -> list[str]:
    """At the gate to signing: the home government among the parties, and a counterpart the category
    needs."""
    rules = _rules(rules)
    partners = [_partner(p) for p in parties]
    problems = []
    if not any(p.is_home_government for p in partners):
        problems.append(_("Pemerintah daerah sendiri belum tercatat sebagai pihak."))
    allowed = set(allowed_types(agreement.category, rules))
    if not any(not p.is_home_government and p.partner_type in allowed for p in partners):
        problems.append(
            _("Belum ada pihak mitra yang sesuai kategori %(category)s (%(allowed)s).")
            % {"category": agreement.get_category_display(), "allowed": _allowed_words(sorted(allowed))}
        )
    return problems


def category_save_problems(save) -> list[str]:
    """The category rules on one save of agreements.services.editing (`_Save`, after its parties are
    checked): asked only when the save creates the agreement, adds a party or changes one's partner,
    or changes its category or KSDD nature, so other edits cost no query."""
    changed = set(getattr(save, "agreement_changed", ()))
    plan = save.plans["parties"]
    new_partner = bool(plan.create) or any("partner" in fields for _i, _p, fields in plan.update)
    if not (save.creating or new_partner or changed & {"category", "ksdd_nature"}):
        return []
    return category_party_problems_for_ids(save.agreement, [p.partner_id for p in save.final_parties])


REGIONAL_TYPES = frozenset({PartnerType.PROVINCE, PartnerType.REGENCY, PartnerType.CITY})
BORDERING = "ksdd_bordering_regions"
AFFAIR = "ksdd_affair"


def bordering_region_choices():
    """The partners a KSDD wajib may name as bordering regions: the other regional governments."""
    return Partner.objects.filter(partner_type__in=REGIONAL_TYPES, is_home_government=False).order_by("name")


def ksdd_mandatory_problems(agreement, bordering, party_partner_ids) -> list[tuple[str, str]]:
    """(field, message) for what a *wajib* KSDD rests on (PP 28/2018): the bordering regions, among
    its parties and regional governments, and the government affair — required for a KSDD *wajib*,
    refused for any other agreement. `bordering` are Partners."""
    mandatory = agreement.category == Category.KSDD and agreement.ksdd_nature == KsddNature.MANDATORY
    if not mandatory:
        if bordering or agreement.ksdd_affair_id:
            return [
                (
                    BORDERING if bordering else AFFAIR,
                    _(
                        "Daerah yang berbatasan dan urusan yang dikerjasamakan hanya diisi untuk KSDD "
                        "yang bersifat wajib; kosongkan."
                    ),
                )
            ]
        return []
    problems = []
    if not agreement.ksdd_affair_id:
        problems.append(
            (AFFAIR, _("KSDD wajib memerlukan urusan pemerintahan yang dikerjasamakan: pilih urusannya."))
        )
    if not bordering:
        problems.append(
            (BORDERING, _("KSDD wajib memerlukan daerah yang berbatasan: pilih di antara daerah para pihak."))
        )
    parties = set(party_partner_ids)
    for partner in bordering:
        if partner.partner_type not in REGIONAL_TYPES or partner.is_home_government:
            problems.append(
                (BORDERING, _("%(partner)s bukan daerah lain yang dapat berbatasan.") % {"partner": partner})
            )
        elif partner.pk not in parties:
            problems.append(
                (
                    BORDERING,
                    _("%(partner)s bukan pihak dalam kerja sama ini; pilih di antara daerah para pihak.")
                    % {"partner": partner},
                )
            )
    return problems


def ksdd_save_problems(save) -> list[tuple[str, str]]:
    """`ksdd_mandatory_problems` on one save of agreements.services.editing: asked when the save
    creates the agreement or changes its category, nature, affair, bordering regions or parties."""
    changed = set(getattr(save, "agreement_changed", ()))
    plan = save.plans["parties"]
    parties_changed = bool(plan.create or plan.update or plan.delete)
    bordering_given = BORDERING in save.m2m
    if not (
        save.creating or parties_changed or bordering_given or changed & {"category", "ksdd_nature", AFFAIR}
    ):
        return []
    if bordering_given:
        ids = {getattr(v, "pk", v) for v in save.m2m[BORDERING] or ()}
    elif save.creating:
        ids = set()
    else:
        ids = set(save.agreement.ksdd_bordering_regions.values_list("pk", flat=True))
    bordering = list(
        Partner.objects.filter(pk__in=ids).only("pk", "name", "partner_type", "is_home_government")
    )
    return ksdd_mandatory_problems(save.agreement, bordering, [p.partner_id for p in save.final_parties])
