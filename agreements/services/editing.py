"""Saving an agreement with all its rows as one action (decision 0051).

`agreement_save` is the one write behind the editor page, the API's agreement and part writes, the
admin and the row services (`risk_create`, `party_remove`, …, which are one-row saves). It

1. locks the agreement once (`select_for_update`) and refuses a stale `expected_version`
   (ConflictError) before anything is read or written;
2. checks every row against the others and against the rows already stored, and raises one
   ChangesRefused carrying every problem by place, before anything is written;
3. writes only what differs from the stored values — in bulk, with history — changes shares in place,
   and regenerates occurrences only for obligations whose schedule changed or that follow an end
   date that changed;
4. raises the version once, and records one AgreementAction whose key every history record of the
   save carries as its change reason. A save that changes nothing writes nothing.

Row constraints (a partner once per agreement, party order, split totals, schedule dates) are
checked in memory over the whole locked set of rows; the database constraints stay as the backstop.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.services import ConflictError
from registry.register_cache import register_changed

from ..choices import OccurrenceStatus, SplitMethod, Stage
from ..models import (
    Agreement,
    AgreementAction,
    AgreementParty,
    Benefit,
    BenefitShare,
    Contribution,
    FundingSource,
    Obligation,
    ObligationOccurrence,
    Risk,
    RiskShare,
)
from ..models.actions import ActionKind
from ..rules.categories import category_save_problems, ksdd_save_problems
from ..splits import percent_split_problems
from .due_facts import refresh_due_facts
from .occurrences import occurrences_regenerate_many

AGREEMENT = "agreement"
SECTIONS = ("parties", "obligations", "contributions", "risks", "benefits", "funding_sources")
MODELS = {
    "parties": AgreementParty,
    "obligations": Obligation,
    "contributions": Contribution,
    "risks": Risk,
    "benefits": Benefit,
    "funding_sources": FundingSource,
}
# Rows kept below the agreement without a party of their own.
PLAIN_SECTIONS = ("funding_sources",)
# The agreement's many-to-many fields that come with its own fields (related units have their own
# member of AgreementChanges).
M2M_FIELDS = ("government_affairs", "ksdd_bordering_regions")
SCHEDULE_FIELDS = {"frequency", "first_due_date", "until_date"}
# A save whose summary names one of these may have created or removed occurrences (removing a party or
# an obligation takes its occurrences along): the agreement's due facts are refreshed.
OCCURRENCES_TOUCHED = {"occurrences", "obligations", "parties"}
PARKED_ORDER = (
    10_000  # parties that move are parked above every real order first: (agreement, order) is unique
)


@dataclass
class RowChange:
    """One row of a save: new (`id` None), changed (`id` and the fields to set) or removed (`delete`).

    `fields` holds model field values by name; only the fields given are compared and set. A row that
    belongs to a party names it by `party` (an AgreementParty of this agreement) or by `partner` (a
    partner id or Partner: the party of that partner, which may be new in the same save). `shares`
    (risks and benefits) is the row's whole set of shares — dicts of `party` or `partner`, `percent`,
    `amount` — or None to leave them as they are. After the save, `instance` is the row as saved.
    """

    id: int | None = None
    fields: dict = field(default_factory=dict)
    shares: list[dict] | None = None
    delete: bool = False
    instance: Any = None


@dataclass
class AgreementChanges:
    """Everything one action changes: the agreement's own fields, its related units (None: unchanged)
    and row changes per kind. Rows not named are left as they are."""

    fields: dict = field(default_factory=dict)
    related_units: list | None = None
    parties: list[RowChange] = field(default_factory=list)
    obligations: list[RowChange] = field(default_factory=list)
    contributions: list[RowChange] = field(default_factory=list)
    risks: list[RowChange] = field(default_factory=list)
    benefits: list[RowChange] = field(default_factory=list)
    funding_sources: list[RowChange] = field(default_factory=list)
    # False for a renewal's copied obligations: their occurrences wait for the new term's dates.
    occurrences: bool = True


class ChangesRefused(ValidationError):
    """Every problem of a save at once. `problems` maps a place to messages; a place is
    ("agreement", None, field) or (kind, row index, field), field None for the row as a whole and
    "shares" for its split. As a plain ValidationError it reads {agreement field: …, kind: …}."""

    def __init__(self, problems):
        self.problems = {place: list(messages) for place, messages in problems.items()}
        flat = {}
        for (section, _index, name), messages in self.problems.items():
            key = (name or NON_FIELD_ERRORS) if section == AGREEMENT else section
            flat.setdefault(key, []).extend(messages)
        super().__init__(flat)

    def for_row(self, section, index=0) -> ValidationError:
        """The problems by the row's own field names, for a save of that one row (the API's writes)."""
        errors = {}
        for (where, at, name), messages in self.problems.items():
            own = where == AGREEMENT or (where == section and at == index)
            errors.setdefault((name or NON_FIELD_ERRORS) if own else NON_FIELD_ERRORS, []).extend(messages)
        return ValidationError(errors)


def _value_id(value):
    return value.pk if isinstance(value, models.Model) else value


def _is_fk(instance, name) -> bool:
    f = instance._meta.get_field(name)
    return f.many_to_one or f.one_to_one


def _differs(instance, name, value) -> bool:
    if _is_fk(instance, name):
        return getattr(instance, instance._meta.get_field(name).attname) != _value_id(value)
    return getattr(instance, name) != value


def _assign(instance, name, value):
    """Set a field; a relation may be given as an object or as its id."""
    if _is_fk(instance, name) and not isinstance(value, models.Model):
        setattr(instance, instance._meta.get_field(name).attname, value)
    else:
        setattr(instance, name, value)


def _fk_names(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.many_to_one or f.one_to_one]


def _errors_by_field(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {
            (None if name == NON_FIELD_ERRORS else name): [str(m) for m in messages]
            for name, messages in error.message_dict.items()
        }
    return {None: [str(m) for m in error.messages]}


def copy_values(target, source):
    """Make `target` show the stored values of `source` (the same row, read under the lock)."""
    if target is None or target is source:
        return
    for f in source._meta.concrete_fields:
        setattr(target, f.attname, getattr(source, f.attname))
    target._state.adding = False


class _Plan:
    """The rows of one kind: what is created, changed (with the changed field names) and removed."""

    def __init__(self):
        self.create = []  # (index, instance)
        self.update = []  # (index, instance, [field names])
        self.delete = []  # (index, instance)
        self.party_of = {}  # id(instance) → the party it will belong to (may be new)
        self.shares = {}  # id(instance) → [(party, percent, amount)], for rows whose split is given


class _Save:
    def __init__(self, *, actor, agreement, changes, expected_version, lock=True):
        self.actor = actor
        self.changes = changes
        self.problems = defaultdict(list)
        self.key = uuid.uuid4()
        self.reason = AgreementAction.reason_for(self.key)
        self.now = timezone.now()
        self.creating = agreement is None
        if self.creating:
            self.agreement = Agreement(created_by=actor if getattr(actor, "pk", None) else None)
        else:
            rows = Agreement.objects.select_for_update() if lock else Agreement.objects
            self.agreement = rows.get(pk=agreement.pk)
            if expected_version is not None and expected_version != self.agreement.version:
                raise ConflictError(self.agreement.version)
        self.plans = {section: _Plan() for section in SECTIONS}
        self.summary = {}

    def problem(self, section, index, name, messages):
        if isinstance(messages, str):
            messages = [messages]
        self.problems[(section, index, name)].extend(str(m) for m in messages)

    # --- the rows stored now (read once, only the kinds the save needs) -------------------------

    def _stored(self, model):
        if self.creating:
            return {}
        return {row.pk: row for row in model.objects.filter(agreement_id=self.agreement.pk).order_by("pk")}

    @cached_property
    def stored_parties(self):
        if self.creating:
            return {}
        rows = AgreementParty.objects.filter(agreement_id=self.agreement.pk).order_by("order")
        return {row.pk: row for row in rows}

    @cached_property
    def stored_obligations(self):
        return self._stored(Obligation)

    @cached_property
    def stored_contributions(self):
        return self._stored(Contribution)

    @cached_property
    def stored_risks(self):
        return self._stored(Risk)

    @cached_property
    def stored_benefits(self):
        return self._stored(Benefit)

    @cached_property
    def stored_funding_sources(self):
        return self._stored(FundingSource)

    def stored(self, section):
        return getattr(self, f"stored_{section}")

    @cached_property
    def stored_risk_shares(self):
        shares = defaultdict(dict)
        if not self.creating:
            for share in RiskShare.objects.filter(risk__agreement_id=self.agreement.pk).order_by("pk"):
                shares[share.risk_id][share.party_id] = share
        return shares

    @cached_property
    def stored_benefit_shares(self):
        shares = defaultdict(dict)
        if not self.creating:
            for share in BenefitShare.objects.filter(benefit__agreement_id=self.agreement.pk).order_by("pk"):
                shares[share.benefit_id][share.party_id] = share
        return shares

    # --- checking ------------------------------------------------------------------------------

    def check(self):
        self.check_agreement()
        self.check_parties()
        for message in category_save_problems(self):  # the law's category ↔ party rules (issue 10)
            self.problem(AGREEMENT, None, "category", message)
        for name, message in ksdd_save_problems(self):  # what a KSDD wajib rests on
            self.problem(AGREEMENT, None, name, message)
        self.check_owned("obligations", Obligation)
        self.check_owned("contributions", Contribution)
        self.check_split("risks", Risk)
        self.check_split("benefits", Benefit)
        for section in PLAIN_SECTIONS:
            self.check_plain(section)
        self.check_removed_parties()
        self.check_removed_obligations()
        return dict(self.problems)

    def check_agreement(self):
        fields = {k: v for k, v in self.changes.fields.items() if k != "version"}
        self.m2m = {name: fields.pop(name) for name in M2M_FIELDS if name in fields}
        agreement = self.agreement
        if "stage" in fields:
            if not self.creating:
                self.problem(
                    AGREEMENT,
                    None,
                    None,
                    _("Tahap diubah melalui tindakan siklus hidup, bukan penyuntingan."),
                )
                fields.pop("stage")
            elif fields["stage"] != Stage.PREPARATION:
                self.problem(
                    AGREEMENT,
                    None,
                    None,
                    _(
                        "Kerja sama baru dimulai pada tahap persiapan; gunakan 'tetapkan tahap' untuk data lama."
                    ),
                )
        self.agreement_changed = [
            name for name, value in fields.items() if self.creating or _differs(agreement, name, value)
        ]
        self.end_date_changed = not self.creating and "end_date" in self.agreement_changed
        for name in self.agreement_changed:
            _assign(agreement, name, fields[name])
        names = {f.name for f in Agreement._meta.concrete_fields}
        unchanged = [] if self.creating else [n for n in names if n not in self.agreement_changed]
        try:
            agreement.clean_fields(exclude=[*unchanged, *_fk_names(Agreement)])
            agreement.clean()
        except ValidationError as error:
            for name, messages in _errors_by_field(error).items():
                self.problem(AGREEMENT, None, name, messages)
        if self.creating or self.agreement_changed:
            try:
                agreement.validate_constraints(exclude=set(unchanged) or None)
            except ValidationError as error:
                for name, messages in _errors_by_field(error).items():
                    self.problem(AGREEMENT, None, name, messages)
        self.m2m_changed = {}
        for name, values in self.m2m.items():
            wanted = {_value_id(v) for v in values or ()}
            current = set() if self.creating else set(getattr(agreement, name).values_list("pk", flat=True))
            if wanted != current:
                self.m2m_changed[name] = wanted
        self.units_changed = False
        if self.changes.related_units is not None:
            wanted = {_value_id(u) for u in self.changes.related_units}
            current = set() if self.creating else set(agreement.related_units.values_list("pk", flat=True))
            self.units_changed = wanted != current

    def _row(self, section, index, row, stored):
        """The instance a row change is about (None when the row is unknown or removed)."""
        plan = self.plans[section]
        if row.id is not None and row.id not in stored:
            self.problem(section, index, None, _("Baris tidak dikenal; muat ulang halaman."))
            return None
        if row.delete:
            if row.id is not None:
                plan.delete.append((index, stored[row.id]))
                row.instance = stored[row.id]
            return None
        if row.id is not None:
            return stored[row.id]
        return MODELS[section](agreement=self.agreement)

    def _set_fields(self, section, index, instance, values, *, exclude=()):
        """Set the values that differ; validate them; return the names that changed."""
        new = instance.pk is None
        changed = [n for n, v in values.items() if new or _differs(instance, n, v)]
        for name in changed:
            _assign(instance, name, values[name])
        model = type(instance)
        unchanged = [] if new else [f.name for f in model._meta.concrete_fields if f.name not in changed]
        try:
            instance.clean_fields(exclude=[*unchanged, *_fk_names(model), *exclude])
            instance.clean()
        except ValidationError as error:
            for name, messages in _errors_by_field(error).items():
                self.problem(section, index, name, messages)
        return changed

    def check_parties(self):
        plan = self.plans["parties"]
        self.removed_parties = set()
        self.original_order, self._kept_parties = {}, None
        rows = self.changes.parties
        if not rows:
            return  # the parties are read only if a row names one
        stored = self.stored_parties
        self.original_order = {pk: p.order for pk, p in stored.items()}
        holder_of = {p.partner_id: pk for pk, p in stored.items()}
        removed = {row.id for row in rows if row.delete and row.id in stored}
        given = [row.fields["order"] for row in rows if not row.delete and row.fields.get("order")]
        highest = max([p.order for pk, p in stored.items() if pk not in removed] + given + [0])
        reuse = {stored[pk].partner_id: pk for pk in removed}
        row_of = {}
        for index, row in enumerate(rows):
            values = dict(row.fields)
            if row.id is None and not row.delete:
                if not values.get("order"):
                    highest += 1
                    values["order"] = highest
                partner = _value_id(values.get("partner"))
                if partner in reuse:
                    # The party removed and added again in one save: keep its row instead.
                    row = RowChange(id=reuse.pop(partner), fields=values)
                    removed.discard(row.id)
                    plan.delete = [(i, p) for i, p in plan.delete if p.pk != row.id]
                    self.changes.parties[index].instance = stored[row.id]
            elif row.delete and row.id in stored and stored[row.id].partner_id not in reuse:
                continue  # already given back to a row that adds the same partner again
            instance = self._row("parties", index, row, stored)
            if instance is None:
                continue
            changed = self._set_fields("parties", index, instance, values)
            if instance.pk is None:
                plan.create.append((index, instance))
            elif changed:
                plan.update.append((index, instance, changed))
                moved_to = holder_of.get(instance.partner_id)
                if "partner" in changed and moved_to not in (None, instance.pk):
                    self.problem(
                        "parties",
                        index,
                        "partner",
                        _(
                            "Mitra ini masih tercatat pada pihak lain; simpan perubahan ini dalam dua langkah."
                        ),
                    )
            row_of[id(instance)] = index
            self.changes.parties[index].instance = instance
        kept = [p for pk, p in stored.items() if pk not in removed]
        parties = kept + [p for _i, p in plan.create]
        self._check_unique(
            parties, row_of, "partner_id", _("Mitra ini sudah menjadi pihak dalam kerja sama ini.")
        )
        self._check_unique(parties, row_of, "order", _("Urutan pihak ini sudah dipakai."))
        self.removed_parties = removed
        self._kept_parties = kept

    def _check_unique(self, parties, rows, attname, message):
        """A value once among the agreement's parties; the problem goes to a row that set it."""
        holders = defaultdict(list)
        for party in parties:
            holders[getattr(party, attname)].append(party)
        for value, group in holders.items():
            if value is None or len(group) < 2:
                continue
            named = [rows[id(p)] for p in group if id(p) in rows]
            for index in named[1:] if len(named) == len(group) else named:
                self.problem("parties", index, None, message)

    @cached_property
    def final_parties(self) -> list:
        if self._kept_parties is None:
            return list(self.stored_parties.values())
        return self._kept_parties + [p for _i, p in self.plans["parties"].create]

    @cached_property
    def party_by_partner(self) -> dict:
        return {p.partner_id: p for p in self.final_parties}

    @cached_property
    def party_by_pk(self) -> dict:
        return {p.pk: p for p in self.final_parties if p.pk is not None}

    def resolve(self, ref: dict, *, by_partner, by_party):
        """The party a row or share names, or (None, message) when it is not a party of this agreement."""
        if ref.get("partner") is not None:
            party = self.party_by_partner.get(_value_id(ref["partner"]))
            return (party, None) if party is not None else (None, by_partner)
        party = ref.get("party")
        if party is None:
            return None, AgreementParty._meta.get_field("partner").error_messages["blank"]
        found = self.party_by_pk.get(_value_id(party))
        return (found, None) if found is not None else (None, by_party)

    def check_owned(self, section, model):
        """Obligations and contributions: rows that belong to one party."""
        plan = self.plans[section]
        rows = getattr(self.changes, section)
        stored = self.stored(section) if rows else {}
        messages = {
            "obligations": (
                _("Pilih mitra yang tercantum sebagai pihak."),
                _("Pihak yang bertanggung jawab bukan pihak dalam kerja sama ini."),
            ),
            "contributions": (
                _("Pilih mitra yang tercantum sebagai pihak."),
                _("Kontribusi harus dari pihak dalam kerja sama ini."),
            ),
        }[section]
        for index, row in enumerate(rows):
            instance = self._row(section, index, row, stored)
            if instance is None:
                continue
            values = dict(row.fields)
            ref = {k: values.pop(k) for k in ("party", "partner") if k in values}
            changed = self._set_fields(section, index, instance, values)
            if ref or instance.pk is None:
                party, problem = self.resolve(ref, by_partner=messages[0], by_party=messages[1])
                if problem:
                    self.problem(section, index, "partner" if "partner" in ref else "party", problem)
                elif party.pk is None or party.pk != instance.party_id:
                    plan.party_of[id(instance)] = party
                    changed.append("party")
            until, first = getattr(instance, "until_date", None), getattr(instance, "first_due_date", None)
            if until and first and until < first:
                self.problem(
                    section, index, None, _("Tanggal akhir jadwal tidak boleh sebelum jatuh tempo pertama.")
                )
            if instance.pk is None:
                plan.create.append((index, instance))
            elif changed:
                plan.update.append((index, instance, changed))
            row.instance = instance

    def check_plain(self, section):
        """Rows that belong to the agreement alone (funding sources)."""
        plan = self.plans[section]
        rows = getattr(self.changes, section)
        stored = self.stored(section) if rows else {}
        for index, row in enumerate(rows):
            instance = self._row(section, index, row, stored)
            if instance is None:
                continue
            changed = self._set_fields(section, index, instance, row.fields)
            if instance.pk is None:
                plan.create.append((index, instance))
            elif changed:
                plan.update.append((index, instance, changed))
            row.instance = instance

    def check_split(self, section, model):
        """Risks and benefits, with their shares."""
        plan = self.plans[section]
        rows = getattr(self.changes, section)
        stored = self.stored(section) if rows else {}
        for index, row in enumerate(rows):
            instance = self._row(section, index, row, stored)
            if instance is None:
                continue
            changed = self._set_fields(section, index, instance, row.fields)
            shares = row.shares
            if shares is None and instance.pk is not None and "split_method" in changed:
                current = self.stored_benefit_shares[instance.pk].values()
                shares = [{"party": s.party_id, "percent": s.percent, "amount": s.amount} for s in current]
            if shares is not None:
                planned = self._check_shares(section, index, instance, shares)
                if planned is not None and (
                    instance.pk is None or self._shares_differ(section, instance, planned)
                ):
                    plan.shares[id(instance)] = planned
            if instance.pk is None:
                plan.create.append((index, instance))
            elif changed:
                plan.update.append((index, instance, changed))
            row.instance = instance

    def _check_shares(self, section, index, instance, shares):
        problems, planned = [], []
        for share in shares:
            party, problem = self.resolve(
                share,
                by_partner=_("Porsi hanya dapat diberikan kepada mitra yang tercantum sebagai pihak."),
                by_party=_("Porsi hanya dapat diberikan kepada pihak dalam kerja sama ini."),
            )
            if problem and problem not in problems:
                problems.append(problem)
            planned.append((party, share.get("percent"), share.get("amount")))
        parties = [id(p) for p, _pc, _am in planned if p is not None]
        if len(set(parties)) != len(parties):
            problems.append(_("Setiap pihak hanya boleh muncul sekali dalam satu pembagian."))
        by_amount = section == "benefits" and instance.split_method == SplitMethod.AMOUNT
        if by_amount:
            if any(am is None or pc is not None for _p, pc, am in planned):
                problems.append(_("Manfaat dibagi dalam nominal: isi nominal saja untuk setiap pihak."))
            elif any(Decimal(am) < 0 for _p, _pc, am in planned):
                problems.append(_("Nominal tidak boleh negatif."))
        elif any(pc is None or am is not None for _p, pc, am in planned):
            problems.append(
                _("Manfaat dibagi dalam persen: isi persen saja untuk setiap pihak.")
                if section == "benefits"
                else _("Isi porsi dalam persen untuk setiap pihak (tanpa nominal).")
            )
        else:
            problems += percent_split_problems([pc for _p, pc, _am in planned])
        if problems:
            self.problem(section, index, "shares", problems)
            return None
        return planned

    def _shares_differ(self, section, instance, planned) -> bool:
        current = (self.stored_risk_shares if section == "risks" else self.stored_benefit_shares)[instance.pk]
        if any(party.pk is None for party, _pc, _am in planned) or len(planned) != len(current):
            return True
        for party, percent, amount in planned:
            share = current.get(party.pk)
            if share is None or share.percent != percent or getattr(share, "amount", None) != amount:
                return True
        return False

    def check_removed_parties(self):
        """A party leaves only when nothing of the agreement still belongs to it."""
        if not self.removed_parties:
            return
        index_of = {p.pk: i for i, p in self.plans["parties"].delete}
        holding, sharing = set(), set()
        for section, holders in (("obligations", holding), ("contributions", sharing)):
            plan = self.plans[section]
            gone = {r.pk for _i, r in plan.delete}
            moved = {id(r): p for r, p in ((r, plan.party_of.get(id(r))) for _i, r, _c in plan.update) if p}
            for row in self.stored(section).values():
                if row.pk in gone:
                    continue
                party = moved.get(id(row))
                holders.add(party.pk if party is not None else row.party_id)
        for section, stored_shares in (
            ("risks", self.stored_risk_shares),
            ("benefits", self.stored_benefit_shares),
        ):
            plan = self.plans[section]
            gone = {r.pk for _i, r in plan.delete}
            resplit = {r.pk for r in self.stored(section).values() if id(r) in plan.shares}
            for row_pk, by_party in stored_shares.items():
                if row_pk not in gone and row_pk not in resplit:
                    sharing.update(by_party)
            for planned in plan.shares.values():
                sharing.update(p.pk for p, _pc, _am in planned)
        for pk in self.removed_parties:
            if pk in holding:
                self.problem(
                    "parties",
                    index_of[pk],
                    None,
                    _("Pihak ini masih memegang kewajiban; pindahkan atau hapus kewajibannya dahulu."),
                )
            elif pk in sharing:
                self.problem(
                    "parties",
                    index_of[pk],
                    None,
                    _(
                        "Pihak ini masih memiliki kontribusi atau porsi risiko/manfaat; ubah atau hapus dahulu."
                    ),
                )

    def check_removed_obligations(self):
        removed = {o.pk: i for i, o in self.plans["obligations"].delete}
        if not removed:
            return
        worked = (
            ObligationOccurrence.objects.filter(obligation_id__in=removed)
            .filter(~Q(status=OccurrenceStatus.UPCOMING) | Q(documents__isnull=False))
            .values_list("obligation_id", flat=True)
            .distinct()
        )
        for pk in worked:
            self.problem(
                "obligations",
                removed[pk],
                None,
                _("Kewajiban ini sudah memiliki bukti atau status; tidak dapat dihapus."),
            )

    # --- writing -------------------------------------------------------------------------------

    def _count(self, section, what, n):
        if n:
            self.summary.setdefault(section, {})[what] = self.summary.get(section, {}).get(what, 0) + n

    def _delete(self, instance):
        instance._history_user = self.actor
        instance._change_reason = self.reason
        instance.delete()

    def _bulk_create(self, model, instances):
        if instances:
            bulk_create_with_history(
                instances, model, default_user=self.actor, default_change_reason=self.reason
            )

    def _bulk_update(self, model, pairs):
        if not pairs:
            return
        names = sorted({name for _instance, changed in pairs for name in changed})
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            for instance, _changed in pairs:
                instance.updated_at = self.now
            names.append("updated_at")
        bulk_update_with_history(
            [instance for instance, _changed in pairs],
            model,
            names,
            default_user=self.actor,
            default_change_reason=self.reason,
        )

    def _user(self):
        return self.actor if getattr(self.actor, "pk", None) else None

    def apply(self):
        agreement = self.agreement
        agreement._history_user = self._user()
        agreement._change_reason = self.reason
        if self.creating:
            agreement.save()
            self.summary["agreement"] = sorted(self.agreement_changed)
        self.apply_removals()
        self.apply_parties()
        for section in ("obligations", "contributions", "risks", "benefits", *PLAIN_SECTIONS):
            self.apply_rows(section)
        self.apply_shares(
            "risks", RiskShare, "risk", self.stored_risk_shares if self.plans["risks"].shares else {}
        )
        self.apply_shares(
            "benefits",
            BenefitShare,
            "benefit",
            self.stored_benefit_shares if self.plans["benefits"].shares else {},
        )
        for _index, party in self.plans["parties"].delete:
            self._delete(party)
        self._count("parties", "deleted", len(self.plans["parties"].delete))
        self.apply_occurrences()
        rows_changed = bool(self.summary)
        if self.creating:
            pass
        elif self.agreement_changed:
            agreement.version += 1
            agreement.save(update_fields=[*self.agreement_changed, "version", "updated_at"])
            self.summary["agreement"] = sorted(self.agreement_changed)
        elif rows_changed or self.units_changed or self.m2m_changed:
            # The rows were written in bulk (no signals): the page's counter rises here (agreements/shown.py).
            Agreement.objects.filter(pk=agreement.pk).update(
                version=F("version") + 1, shown_version=F("shown_version") + 1, updated_at=self.now
            )
            register_changed()
            agreement.version += 1
        if self.units_changed:
            agreement.related_units.set([_value_id(u) for u in self.changes.related_units])
            self.summary["related_units"] = True
        for name, wanted in self.m2m_changed.items():
            getattr(agreement, name).set(sorted(wanted))
            self.summary[name] = True
        if OCCURRENCES_TOUCHED & self.summary.keys():
            refresh_due_facts([agreement.pk])
        if self.summary:
            AgreementAction.objects.create(
                agreement=agreement,
                key=self.key,
                kind=ActionKind.CREATE if self.creating else ActionKind.EDIT,
                actor=self._user(),
                at=self.now,
                version=agreement.version,
                summary=self.summary,
            )

    def apply_removals(self):
        """Rows removed go first, with what hangs on them, so the parties they held can go at the end."""
        for section in ("obligations", "contributions", "risks", "benefits", *PLAIN_SECTIONS):
            plan = self.plans[section]
            if not plan.delete:
                continue
            if section == "obligations":
                occurrences = ObligationOccurrence.objects.filter(
                    obligation__in=[o for _i, o in plan.delete]
                ).order_by("pk")
                for occurrence in occurrences:
                    self._delete(occurrence)
                self._count("occurrences", "deleted", len(occurrences))
            shares = {"risks": self.stored_risk_shares, "benefits": self.stored_benefit_shares}.get(
                section, {}
            )
            for _index, row in plan.delete:
                for share in shares.get(row.pk, {}).values() if shares else ():
                    self._delete(share)
                self._delete(row)
            self._count(section, "deleted", len(plan.delete))

    def apply_parties(self):
        plan = self.plans["parties"]
        moving = [p for _i, p, changed in plan.update if "order" in changed]
        taken = (
            {self.original_order[p.pk]: p.pk for p in self.stored_parties.values()}
            if moving or plan.create
            else {}
        )
        wanted = [(p.order, p.pk) for p in moving] + [(p.order, None) for _i, p in plan.create]
        if any(order in taken and taken[order] != pk for order, pk in wanted):
            park = [p.pk for p in moving] + [p.pk for _i, p in plan.delete]
            AgreementParty.objects.filter(pk__in=park).update(order=F("order") + PARKED_ORDER)
        self._bulk_update(AgreementParty, [(p, changed) for _i, p, changed in plan.update])
        self._bulk_create(AgreementParty, [p for _i, p in plan.create])
        self._count("parties", "changed", len(plan.update))
        self._count("parties", "created", len(plan.create))

    def apply_rows(self, section):
        plan, model = self.plans[section], MODELS[section]
        for _index, instance in plan.create:
            instance.agreement = self.agreement
        for _index, instance, *_changed in plan.create + plan.update:
            party = plan.party_of.get(id(instance))
            if party is not None:
                instance.party = party  # saved by now, also when it is new in this save
        self._bulk_update(model, [(instance, changed) for _i, instance, changed in plan.update])
        self._bulk_create(model, [instance for _i, instance in plan.create])
        self._count(section, "changed", len(plan.update))
        self._count(section, "created", len(plan.create))

    def apply_shares(self, section, model, owner, stored):
        plan = self.plans[section]
        owners = {id(instance): instance for _i, instance in plan.create}
        owners.update(
            {id(instance): instance for instance in self.stored(section).values()} if plan.shares else {}
        )
        create, update, delete = [], [], []
        for instance_id, planned in plan.shares.items():
            row = owners[instance_id]
            current = dict(stored.get(row.pk, {}))
            for party, percent, amount in planned:
                share = current.pop(party.pk, None)
                if share is None:
                    share = model(party=party, percent=percent)
                    setattr(share, owner, row)
                    if model is BenefitShare:
                        share.amount = amount
                    create.append(share)
                    continue
                changed = [
                    n
                    for n, v in (("percent", percent), ("amount", amount))
                    if hasattr(share, n) and getattr(share, n) != v
                ]
                for name in changed:
                    setattr(share, name, percent if name == "percent" else amount)
                if changed:
                    update.append((share, changed))
            delete.extend(current.values())
        for share in delete:
            self._delete(share)
        self._bulk_update(model, update)
        self._bulk_create(model, create)
        for what, items in (("created", create), ("changed", update), ("deleted", delete)):
            self._count(f"{owner}_shares", what, len(items))

    def apply_occurrences(self):
        """Occurrences follow the schedule: of new obligations, of those whose schedule changed, and of
        those that follow the agreement's end date when it moved."""
        plan = self.plans["obligations"]
        if not self.changes.occurrences:
            return
        due = [o for _i, o in plan.create]
        due += [o for _i, o, changed in plan.update if SCHEDULE_FIELDS & set(changed)]
        if self.end_date_changed:
            seen = {id(o) for o in due}
            removed = {o.pk for _i, o in plan.delete}
            due += [
                o
                for o in self.stored_obligations.values()
                if o.until_date is None and id(o) not in seen and o.pk not in removed
            ]
        if due:
            created, deleted = occurrences_regenerate_many(
                due, end_date=self.agreement.end_date, actor=self._user(), reason=self.reason
            )
            self._count("occurrences", "created", created)
            self._count("occurrences", "deleted", deleted)


def agreement_check(*, agreement=None, changes: AgreementChanges) -> dict:
    """The problems `agreement_save` would refuse these changes for, without locking or writing."""
    return _Save(actor=None, agreement=agreement, changes=changes, expected_version=None, lock=False).check()


@transaction.atomic
def agreement_save(*, actor, agreement=None, changes: AgreementChanges, expected_version=None) -> Agreement:
    """Create (`agreement` None) or change an agreement with its rows, as one action.

    A stale `expected_version` raises core.services.ConflictError; problems raise one ChangesRefused
    with all of them; either way nothing is written. Returns the agreement (the one given, showing the
    stored values and the new version).
    """
    save = _Save(actor=actor, agreement=agreement, changes=changes, expected_version=expected_version)
    problems = save.check()
    if problems:
        raise ChangesRefused(problems)
    save.apply()
    if agreement is None:
        return save.agreement
    copy_values(agreement, save.agreement)
    return agreement
