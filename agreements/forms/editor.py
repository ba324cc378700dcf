"""Create and edit an agreement with all its parties, obligations, contributions, risks and benefits on
one page.

`AgreementEditor` binds the agreement form and the row formsets, checks what only the whole
submission can tell (shares point at parties of this agreement, splits total 100 %), and saves
everything in one transaction through the services. A refusal from a service is attached to the row
that caused it and the whole transaction is rolled back, so nothing half-saved remains.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from registry.models import OrganisationUnit, Partner

from .. import services
from ..choices import SplitMethod
from ..fields import AGREEMENT_FIELDS
from ..models import Agreement
from ..splits import percent_split_problems
from .partners import PartnerChoices
from .rows import FORMSETS, NEW_ROW_SHARES
from .widgets import DateInput, bootstrapify

TEMPORARY_ORDER = 1000  # parties are renumbered through free numbers: (agreement, order) is unique


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
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from registry.models import CooperationObject

        self.fields["cooperation_object"].queryset = CooperationObject.objects.visible_to(user)
        self.fields["lead_unit"].queryset = OrganisationUnit.objects.active()
        self.fields["related_units"].queryset = OrganisationUnit.objects.active()
        bootstrapify(self)

    def agreement_data(self):
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("version", "related_units")
        }


class _Abort(Exception):
    """A service refused one row: roll the whole submission back."""


def attach_errors(form, error: ValidationError):
    """Show a service's ValidationError on the form that caused it, by field where the field exists."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            messages = [m for e in errors for m in e.messages]
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


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
        self.unit_choices = list(OrganisationUnit.objects.active().values_list("pk", "name"))
        row_kwargs = {"partner_choices": self.partner_choices, "unit_choices": self.unit_choices}
        initial = self._initial() if agreement is not None else {}
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
        }

    # --- validating ---------------------------------------------------------------------------

    def is_valid(self) -> bool:
        results = [self.form.is_valid()] + [fs.is_valid() for fs in self.formsets.values()]
        return all(results) and self._cross_check()

    def _party_partners(self) -> list[int]:
        return [f.cleaned_data["partner"] for f in self.formsets["parties"].kept_forms()]

    def _cross_check(self) -> bool:
        ok = True
        partners = self._party_partners()
        if len(set(partners)) != len(partners):
            self.formsets["parties"].kept_forms()[-1].add_error(
                "partner", _("Mitra yang sama tidak boleh menjadi dua pihak.")
            )
            ok = False
        for form in self.formsets["obligations"].kept_forms() + self.formsets["contributions"].kept_forms():
            if form.cleaned_data["party_partner"] not in partners:
                form.add_error("party_partner", _("Pilih mitra yang tercantum sebagai pihak."))
                ok = False
        for kind in ("risks", "benefits"):
            for form in self.formsets[kind].kept_forms():
                ok = self._check_shares(form, partners, is_risk=kind == "risks") and ok
        return ok

    def _check_shares(self, form, partners, *, is_risk) -> bool:
        shares = form.shares.shares()
        problems = []
        chosen = [s["partner"] for s in shares]
        if any(p not in partners for p in chosen):
            problems.append(_("Porsi hanya dapat diberikan kepada mitra yang tercantum sebagai pihak."))
        if len(set(chosen)) != len(chosen):
            problems.append(_("Setiap pihak hanya boleh muncul sekali dalam satu pembagian."))
        by_amount = not is_risk and form.cleaned_data.get("split_method") == SplitMethod.AMOUNT
        if by_amount:
            if any(s.get("amount") is None or s.get("percent") is not None for s in shares):
                problems.append(_("Manfaat dibagi dalam nominal: isi nominal saja untuk setiap pihak."))
        else:
            if any(s.get("percent") is None or s.get("amount") is not None for s in shares):
                problems.append(_("Isi porsi dalam persen untuk setiap pihak (tanpa nominal)."))
            else:
                problems += percent_split_problems([s["percent"] for s in shares])
        for problem in problems:
            form.add_error(None, problem)
        return not problems

    # --- saving -------------------------------------------------------------------------------

    def save(self) -> Agreement | None:
        """Save everything in one transaction; None when a service refused (errors are on the forms).

        A stale version raises core.services.ConflictError and nothing is written.
        """
        try:
            with transaction.atomic():
                agreement = self._save_agreement()
                parties, removed = self._save_parties(agreement)
                self._save_obligations(agreement, parties)
                self._save_contributions(agreement, parties)
                self._save_splits(agreement, parties)
                for party in removed:
                    self._call(self.formsets["parties"].forms[0], services.party_remove, party=party)
                return agreement
        except _Abort:
            return None

    def _call(self, form, service, /, **kwargs):
        try:
            return service(actor=self.user, **kwargs)
        except ValidationError as error:
            attach_errors(form, error)
            raise _Abort from error

    def _save_agreement(self):
        data = self.form.agreement_data()
        units = list(self.form.cleaned_data.get("related_units") or [])
        if self.agreement is None:
            return self._call(self.form, services.agreement_create, related_units=units, **data)
        return self._call(
            self.form,
            services.agreement_update,
            agreement=self.agreement,
            expected_version=self.form.cleaned_data.get("version"),
            related_units=units,
            **data,
        )

    def _save_parties(self, agreement):
        """Add and update parties in page order; return {partner id: party} and the parties to remove.

        Removal waits until obligations and splits no longer point at those parties.
        """
        formset = self.formsets["parties"]
        existing = {p.pk: p for p in agreement.parties.select_related("partner")}
        kept = formset.kept_forms()
        kept_ids = {f.cleaned_data.get("id") for f in kept} - {None}
        unknown = kept_ids - existing.keys()
        if unknown:
            formset.forms[0].add_error(None, _("Baris pihak tidak dikenal; muat ulang halaman."))
            raise _Abort
        removed = [p for pk, p in existing.items() if pk not in kept_ids]
        # First park every party whose number changes on a free number, then give the final numbers.
        targets = {f.cleaned_data.get("id"): index for index, f in enumerate(kept, start=1)}
        anchor = kept[0] if kept else self.form
        for party in list(existing.values()):
            target = targets.get(party.pk)
            if target != party.order:
                self._call(anchor, services.party_update, party=party, order=TEMPORARY_ORDER + party.pk)
        partners = Partner.objects.in_bulk([f.cleaned_data["partner"] for f in kept])
        by_partner = {}
        for order, form in enumerate(kept, start=1):
            data = {
                "partner": partners[form.cleaned_data["partner"]],
                "order": order,
                "roles": form.cleaned_data["roles"],
                "signatory_name": form.cleaned_data["signatory_name"],
                "signatory_title": form.cleaned_data["signatory_title"],
                "mandate_reference": form.cleaned_data["mandate_reference"],
            }
            pk = form.cleaned_data.get("id")
            if pk and not form.has_changed() and existing[pk].order == order:
                party = existing[pk]  # untouched: no write, no history entry
            elif pk:
                party = self._call(form, services.party_update, party=existing[pk], **data)
            else:
                party = self._call(form, services.party_add, agreement=agreement, **data)
            by_partner[party.partner_id] = party
        return by_partner, removed

    def _owned(self, formset, rows, label):
        """The existing rows (by id) this formset refers to; tampered ids abort the save."""
        ids = {f.cleaned_data.get("id") for f in formset.forms if getattr(f, "cleaned_data", None)} - {None}
        if ids - rows.keys():
            formset.forms[0].add_error(None, label)
            raise _Abort
        return rows

    def _save_rows(self, agreement, kind, rows, *, create, update, delete, key, complete):
        """Save one formset through the services: delete the removed rows, update the changed ones and
        create the new ones. `complete(data, form)` turns a row's ids into what the service takes."""
        formset = self.formsets[kind]
        rows = self._owned(formset, rows, _("Baris tidak dikenal."))
        for pk in formset.deleted_ids():
            self._call(formset.forms[0], delete, **{key: rows[pk]})
        for form in formset.kept_forms():
            pk = form.cleaned_data.get("id")
            if pk and not form.has_changed():
                continue  # untouched: no write, no history entry
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("id", "DELETE")}
            complete(data, form)
            if pk:
                self._call(form, update, **{key: rows[pk]}, **data)
            else:
                self._call(form, create, agreement=agreement, **data)

    def _save_party_rows(self, agreement, kind, rows, parties, *, prepare=None, **row_services):
        """Save the rows of a formset whose rows belong to one party (obligations, contributions).

        `prepare(data)` turns other ids of a row into objects before it goes to the service.
        """

        def complete(data, form):
            data["party"] = parties[data.pop("party_partner")]
            if prepare is not None:
                prepare(data)

        self._save_rows(agreement, kind, rows, complete=complete, **row_services)

    def _save_obligations(self, agreement, parties):
        kept = self.formsets["obligations"].kept_forms()
        units = OrganisationUnit.objects.in_bulk(
            [f.cleaned_data["responsible_unit"] for f in kept if f.cleaned_data["responsible_unit"]]
        )

        def prepare(data):
            data["responsible_unit"] = units.get(data["responsible_unit"])

        self._save_party_rows(
            agreement,
            "obligations",
            {o.pk: o for o in agreement.obligations.all()},
            parties,
            create=services.obligation_create,
            update=services.obligation_update,
            delete=services.obligation_delete,
            key="obligation",
            prepare=prepare,
        )

    def _save_contributions(self, agreement, parties):
        self._save_party_rows(
            agreement,
            "contributions",
            {c.pk: c for c in agreement.contributions.all()},
            parties,
            create=services.contribution_create,
            update=services.contribution_update,
            delete=services.contribution_delete,
            key="contribution",
        )

    def _save_splits(self, agreement, parties):
        """Risks and benefits with their shares; a benefit's share may be an amount instead of a percent."""

        def risk_shares(data, form):
            data["shares"] = [
                {"party": parties[s["partner"]], "percent": s.get("percent")} for s in form.shares.shares()
            ]

        def benefit_shares(data, form):
            data["shares"] = [
                {"party": parties[s["partner"]], "percent": s.get("percent"), "amount": s.get("amount")}
                for s in form.shares.shares()
            ]

        self._save_rows(
            agreement,
            "risks",
            {r.pk: r for r in agreement.risks.all()},
            create=services.risk_create,
            update=services.risk_update,
            delete=services.risk_delete,
            key="risk",
            complete=risk_shares,
        )
        self._save_rows(
            agreement,
            "benefits",
            {b.pk: b for b in agreement.benefits.all()},
            create=services.benefit_create,
            update=services.benefit_update,
            delete=services.benefit_delete,
            key="benefit",
            complete=benefit_shares,
        )

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
