"""Create and edit an agreement with all its parties, obligations, contributions, risks and benefits on
one page.

`AgreementEditor` binds the agreement form and the row formsets, reads the submission into one
`AgreementChanges` and saves it with one call of `agreement_save` (decision 0051): the service checks
the rows against each other (shares point at parties, splits total 100 %, …) and refuses with every
problem at once, which the editor puts on the row and field it belongs to. When some fields do not
even parse, the editor still asks the service (`agreement_check`) about the rest, so the page shows
every problem in one round.
"""

import re
from collections import defaultdict

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _lazy

from core.forms import attach_errors
from registry.models import CooperationObject, OrganisationUnit

from .. import services
from ..fields import AGREEMENT_FIELDS
from ..models import Agreement
from ..rules.categories import bordering_region_choices
from ..services.editing import AGREEMENT, AgreementChanges, ChangesRefused, RowChange
from .partners import PartnerChoices
from .rows import FORMSETS, NEW_ROW_SHARES
from .widgets import DateInput, bootstrapify

# The service names a row's party by `partner`/`party`; the obligation and contribution rows call it
# `party_partner`.
ROW_FIELD = {("obligations", "partner"): "party_partner", ("obligations", "party"): "party_partner",
             ("contributions", "partner"): "party_partner", ("contributions", "party"): "party_partner"}  # fmt: skip


PARTY_PARTNER_KEY = re.compile(r"^parties-(\d{1,4})-partner$")


class AgreementForm(forms.ModelForm):
    """The agreement's own fields, plus the version the user started from (optimistic locking)."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Agreement
        fields = AGREEMENT_FIELDS
        widgets = {
            "start_date": DateInput,
            "end_date": DateInput,
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "object_description": forms.Textarea(attrs={"rows": 2}),
            "scope": forms.Textarea(attrs={"rows": 2}),
            "internal_notes": forms.Textarea(attrs={"rows": 2}),
            "kpbu_government_support": forms.Textarea(attrs={"rows": 2}),
            "government_affairs": forms.SelectMultiple(attrs={"size": 6}),
            "ksdd_bordering_regions": forms.SelectMultiple(attrs={"size": 4}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cooperation_object"].queryset = CooperationObject.objects.visible_to(user)
        self.fields["lead_unit"].queryset = OrganisationUnit.objects.active()
        self.fields["related_units"].queryset = OrganisationUnit.objects.active()
        self.fields["ksdd_bordering_regions"].queryset = bordering_region_choices()
        bootstrapify(self)

    def _post_clean(self):
        """Nothing is copied onto the agreement here and the model is not asked: its rules (a number
        used once, end after start, …) are the service's to check, with the rest of the submission."""


class AgreementEditor:
    """The form and formsets of the agreement page editor; `agreement` is None when creating."""

    prefixes = tuple(FORMSETS)

    def __init__(self, *, user, agreement=None, data=None, hints=None, query=""):
        """`hints`: data that names partners without being a submission (an htmx row request);
        `query`: a partner search typed on the page without JavaScript."""
        self.user = user
        self.agreement = agreement
        self.partners = PartnerChoices(
            user, agreement=agreement, data=data if data is not None else hints, query=query
        )
        self.partner_choices = self.partners.choices
        # OPDs by the one name they have everywhere (their str: the short name, else the full one).
        self.unit_choices = [(unit.pk, str(unit)) for unit in OrganisationUnit.objects.active()]
        # A submission carries its own rows; the stored ones are read only to show the page.
        initial = self._initial() if agreement is not None and data is None else {}
        self.party_choices = self._party_choices(data if data is not None else hints, initial)
        row_kwargs = {
            "partner_choices": self.partner_choices,
            "party_choices": self.party_choices,
            "unit_choices": self.unit_choices,
        }
        self.form = AgreementForm(
            data,
            instance=agreement or Agreement(),
            user=user,
            initial={"version": agreement.version} if agreement is not None else None,
        )
        self.form.fields["version"].required = agreement is not None
        self.formsets = {
            prefix: formset_class(data, prefix=prefix, initial=initial.get(prefix), form_kwargs=row_kwargs)
            for prefix, formset_class in FORMSETS.items()
        }
        if agreement is None and data is None:
            # A new agreement starts with two party rows: two is the minimum to sign.
            self.formsets["parties"].extra = 2

    # --- reading ------------------------------------------------------------------------------

    def _party_choices(self, data, initial):
        """(partner id, name) of the parties, in page order: the party rows of a submission (or of the
        row request's hints) not marked for removal, else the stored parties."""
        names = dict(self.partner_choices)
        if data is not None:
            rows = sorted(
                (int(match[1]), value)
                for key, value in data.items()
                if (match := PARTY_PARTNER_KEY.match(key)) and not data.get(f"parties-{match[1]}-DELETE")
            )
            ids = [int(value) for _index, value in rows if str(value).isdigit()]
        else:
            ids = [row["partner"] for row in initial.get("parties", ())]
        return [(pk, names[pk]) for pk in dict.fromkeys(ids) if pk in names]

    def _initial(self):
        agreement = self.agreement
        parties = list(agreement.parties.select_related("partner").order_by("order"))
        partner_of = {p.pk: p.partner_id for p in parties}
        return {
            "parties": [
                {
                    "id": p.pk,
                    "partner": p.partner_id,
                    "roles": p.roles,
                    "signatory_name": p.signatory_name,
                    "signatory_title": p.signatory_title,
                    "mandate_reference": p.mandate_reference,
                }
                for p in parties
            ],
            "obligations": [
                {
                    "id": o.pk,
                    "party_partner": partner_of[o.party_id],
                    "kind": o.kind,
                    "category": o.category,
                    "title": o.title,
                    "clause_reference": o.clause_reference,
                    "frequency": o.frequency,
                    "first_due_date": o.first_due_date,
                    "until_date": o.until_date,
                    "responsible_unit": o.responsible_unit_id,
                    "shared_with_parties": o.shared_with_parties,
                }
                for o in agreement.obligations.order_by("first_due_date", "pk")
            ],
            "contributions": [
                {
                    "id": c.pk,
                    "party_partner": partner_of[c.party_id],
                    "kind": c.kind,
                    "description": c.description,
                    "estimated_value": c.estimated_value,
                    "shared_with_parties": c.shared_with_parties,
                }
                for c in agreement.contributions.order_by("pk")
            ],
            "risks": [
                {
                    "id": r.pk,
                    "category": r.category,
                    "event": r.event,
                    "likelihood": r.likelihood,
                    "impact": r.impact,
                    "mitigation": r.mitigation,
                    "status": r.status,
                    "shared_with_parties": r.shared_with_parties,
                    "shares": [
                        {"partner": partner_of[s.party_id], "percent": s.percent} for s in r.shares.all()
                    ],
                }
                for r in agreement.risks.prefetch_related("shares").order_by("pk")
            ],
            "benefits": [
                {
                    "id": b.pk,
                    "kind": b.kind,
                    "description": b.description,
                    "split_method": b.split_method,
                    "shared_with_parties": b.shared_with_parties,
                    "shares": [
                        {"partner": partner_of[s.party_id], "percent": s.percent, "amount": s.amount}
                        for s in b.shares.all()
                    ],
                }
                for b in agreement.benefits.prefetch_related("shares").order_by("pk")
            ],
            "funding_sources": [
                {
                    "id": f.pk,
                    "kind": f.kind,
                    "year": f.year,
                    "amount": f.amount,
                    "budget_line": f.budget_line,
                    "description": f.description,
                }
                for f in agreement.funding_sources.order_by("year", "pk")
            ],
        }

    # --- validating and saving ----------------------------------------------------------------

    def is_valid(self) -> bool:
        """Every field parses and the service finds nothing to refuse in what was typed so far."""
        results = [self.form.is_valid()] + [fs.is_valid() for fs in self.formsets.values()]
        if all(results):
            return True
        changes, places = self.changes()
        self._attach(services.agreement_check(agreement=self.agreement, changes=changes), places)
        return False

    def changes(self):
        """The submission as AgreementChanges, and the form of each row ({kind: [form, …]}, the rows'
        order). Parties are numbered in page order; rows name their party by its partner."""
        places = {AGREEMENT: [self.form]}
        data = getattr(self.form, "cleaned_data", None) or {}
        changes = AgreementChanges(
            fields={name: value for name, value in data.items() if name not in ("version", "related_units")},
            related_units=list(data["related_units"]) if "related_units" in data else None,
        )
        for kind, formset in self.formsets.items():
            rows, forms_ = getattr(changes, kind), places.setdefault(kind, [])
            kept = {id(form) for form in formset.kept_forms()}
            for form in formset.forms:
                values = dict(getattr(form, "cleaned_data", None) or {})
                pk = values.pop("id", None)
                if values.pop("DELETE", False):
                    if pk:
                        rows.append(RowChange(id=pk, delete=True))
                        forms_.append(form)
                    continue
                if id(form) not in kept:
                    continue  # an empty new row
                if kind == "parties":
                    values["order"] = len(rows) - sum(r.delete for r in rows) + 1
                if "party_partner" in values:
                    values["partner"] = values.pop("party_partner")
                rows.append(RowChange(id=pk, fields=values, shares=self._shares(kind, form)))
                forms_.append(form)
        return changes, places

    @staticmethod
    def _shares(kind, form):
        if kind not in ("risks", "benefits") or not form.shares.is_valid():
            return None  # not a split row, or its shares do not parse (their own errors say why)
        fields = ("percent",) if kind == "risks" else ("percent", "amount")
        return [
            {"partner": share["partner"], **{name: share.get(name) for name in fields}}
            for share in form.shares.shares()
        ]

    def _attach(self, problems, places):
        """The service's problems on the forms: at the row and field they name, above the row for the
        row as a whole; nothing the form already says about that field is repeated."""
        per_form = defaultdict(dict)
        for (kind, index, name), messages in problems.items():
            form = places[kind][0 if index is None else index]
            name = ROW_FIELD.get((kind, name), name)
            field = name if name in form.fields else NON_FIELD_ERRORS
            if field != NON_FIELD_ERRORS and field in form.errors:
                continue
            known = form.errors.get(field, [])
            per_form[form].setdefault(field, []).extend(m for m in messages if m not in known)
        for form, errors in per_form.items():
            attach_errors(form, ValidationError({f: m for f, m in errors.items() if m}))

    def save(self) -> Agreement | None:
        """Save the whole submission as one action; None when the service refused it (the reasons
        are on the forms). A stale version raises core.services.ConflictError; nothing is written."""
        changes, places = self.changes()
        try:
            return services.agreement_save(
                actor=self.user,
                agreement=self.agreement,
                changes=changes,
                expected_version=self.form.cleaned_data.get("version"),
            )
        except ChangesRefused as refused:
            self._attach(refused.problems, places)
            return None

    # --- rendering ----------------------------------------------------------------------------

    def sections(self):
        """(prefix, heading, add-button label, formset) in page order."""
        return [
            ("parties", _lazy("Para pihak"), _lazy("Tambah pihak"), self.formsets["parties"]),
            (
                "obligations",
                _lazy("Hak dan kewajiban"),
                _lazy("Tambah kewajiban"),
                self.formsets["obligations"],
            ),
            (
                "contributions",
                _lazy("Kontribusi para pihak"),
                _lazy("Tambah kontribusi"),
                self.formsets["contributions"],
            ),
            ("risks", _lazy("Alokasi risiko"), _lazy("Tambah risiko"), self.formsets["risks"]),
            ("benefits", _lazy("Pembagian manfaat"), _lazy("Tambah manfaat"), self.formsets["benefits"]),
            (
                "funding_sources",
                _lazy("Sumber pendanaan"),
                _lazy("Tambah sumber pendanaan"),
                self.formsets["funding_sources"],
            ),
        ]

    def with_partner_search(self, prefix):
        """For the no-JavaScript search button: the same bound data, the search's matches offered."""
        query = self.form.data.get(f"{prefix}-partner_search", "")
        editor = AgreementEditor(user=self.user, agreement=self.agreement, data=self.form.data, query=query)
        editor.silence_errors()
        return editor

    def add_row(self, prefix):
        """For the no-JavaScript 'add row' button: the same bound data with one more empty row."""
        data = self.form.data.copy()
        key = f"{prefix}-TOTAL_FORMS"
        index = int(data.get(key) or 0)
        data[key] = str(index + 1)
        if prefix in ("risks", "benefits"):
            data[f"{prefix}-{index}-shares-TOTAL_FORMS"] = str(NEW_ROW_SHARES)
            data[f"{prefix}-{index}-shares-INITIAL_FORMS"] = "0"
        editor = AgreementEditor(user=self.user, agreement=self.agreement, data=data)
        editor.silence_errors()
        return editor

    def silence_errors(self):
        """Re-show what was typed without judging it yet (the user only asked for another row)."""
        forms_ = [self.form]
        for formset in self.formsets.values():
            formset._errors, formset._non_form_errors = [], forms.utils.ErrorList()
            for row in formset.forms:
                forms_.append(row)
                shares = getattr(row, "shares", None)
                if shares is not None:
                    shares._errors, shares._non_form_errors = [], forms.utils.ErrorList()
                    forms_.extend(shares.forms)
        for form in forms_:
            form._errors = forms.utils.ErrorDict()
            form.cleaned_data = {}
