"""The rules in force, as the staff page "Aturan yang berlaku" lists them: what each says now, its
default and the regulation it comes from (an article only where the text is certain)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from registry.choices import PartnerType

from ..choices import ApprovalKind, Category, ClosureReason, Stage
from ..models import ProcessRules
from . import sources
from .sources import Source

YES, NO = _("Ya"), _("Tidak")
CATEGORY_LABELS = dict(Category.choices)


@dataclass(frozen=True)
class RuleRow:
    field: str
    label: str
    value: str
    default: str
    source: Source
    is_default: bool


def _words(values, labels) -> str:
    return ", ".join(str(labels.get(v, v)) for v in values) or "—"


def _per_category(mapping, labels, unit="") -> str:
    if not mapping:
        return "—"
    parts = []
    for category, value in mapping.items():
        shown = _words(value, labels) if isinstance(value, list) else f"{value}{unit}"
        parts.append(f"{CATEGORY_LABELS.get(category, category)}: {shown}")
    return "; ".join(parts)


def _show(name, value):
    if isinstance(value, bool):
        return str(YES if value else NO)
    if name in ("central_approvals",):
        return _per_category(value, dict(ApprovalKind.choices))
    if name == "party_types":
        return _per_category(value, dict(PartnerType.choices))
    if name == "duration_caps_years":
        return _per_category(value, {}, unit=" " + str(_("tahun")))
    if name in ("approvals_before_mou", "mou_before_operational", "benefit_study_categories"):
        return _words(value, CATEGORY_LABELS)
    if name == "termination_reasons":
        return _words(value, dict(ClosureReason.choices))
    if name == "notice_required_for":
        return _words(value, dict(Stage.choices))
    if name == "mandate_exempt_titles":
        return ", ".join(value) or "—"
    return str(value) if value not in ("", None) else "—"


# field → where it comes from. PP 28/2018 Pasal 2: the region is represented by its head, who may give
# a mandate (kuasa) to an official to sign; the other rules name the regulation only.
RULE_SOURCES = {
    "dprd_when_burdens": Source(sources.PP_28_2018),
    "dprd_when_not_budgeted": Source(sources.PP_28_2018),
    "dprd_for_foreign": Source(sources.PERMENDAGRI_25_2020),
    "central_approvals": Source(sources.PERMENDAGRI_25_2020),
    "approvals_before_mou": Source(sources.PERMENDAGRI_25_2020),
    "mou_before_operational": Source(sources.PERMENDAGRI_22_2020),
    "party_types": Source(sources.PP_28_2018),
    "duration_caps_years": Source(str(sources.SYSTEM)),
    "mandate_exempt_titles": Source(sources.PP_28_2018, "Pasal 2"),
    "benefit_study_categories": Source(sources.PERMENDAGRI_22_2020),
    "legal_review_required": Source(str(sources.SYSTEM)),
    "risk_split_required_outside_kpbu": Source(str(sources.SYSTEM)),
    "report_recipients": Source(sources.PP_28_2018),
    "report_frequency": Source(sources.PP_28_2018),
    # The cover letter of the report: the region's own choice, no regulation fixes it.
    "report_letterhead_unit": Source(str(sources.SYSTEM)),
    "report_place": Source(str(sources.SYSTEM)),
    "report_signatory_name": Source(str(sources.SYSTEM)),
    "report_signatory_title": Source(str(sources.SYSTEM)),
    "report_signatory_nip": Source(str(sources.SYSTEM)),
    "evaluation_frequency": Source(sources.PP_28_2018),
    "termination_reasons": Source(sources.PP_28_2018),
    "notice_required_for": Source(sources.PP_28_2018),
    "renewal_requires_final_evaluation": Source(str(sources.SYSTEM)),
}


def rules_in_force(rules: ProcessRules | None = None) -> list[RuleRow]:
    rules = rules or ProcessRules.current()
    rows = []
    for name, source in RULE_SOURCES.items():
        field = ProcessRules._meta.get_field(name)
        default = field.get_default()
        value = getattr(rules, name)
        if field.choices:
            shown, shown_default = (
                getattr(rules, f"get_{name}_display")(),
                dict(field.flatchoices).get(default),
            )
        else:
            shown, shown_default = _show(name, value), _show(name, default)
        rows.append(RuleRow(name, field.verbose_name, shown, str(shown_default), source, value == default))
    return rows
