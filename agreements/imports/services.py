"""Importing partners and agreements (with parties, obligations, risk and benefit shares): all or nothing.

`import_run(name, data, actor, dry_run=True)` reads the file, checks every cell and every rule the
services enforce on creation, and unless it is a dry run (or something is wrong) writes everything in
one transaction. A file of 50,000 rows takes seconds, not the quarter of an hour that a service call per
row took (bench/imports.py), because the same rules run over all rows at once:

- the registry and the stored numbers are read once (`_Registry`, `bulk.UniqueRows`), not per row;
- each new row is checked by its model's validators, `clean()` and check constraints in memory
  (`bulk.problems_of`), and by the rules of `agreements.services.agreement_save` for a new agreement:
  it starts in preparation at version 1, a partner is a party once, parties are numbered in order,
  obligations and shares belong to the agreement's parties, a split totals 100 %
  (`agreements.splits`), occurrences follow the schedule (`agreements.schedule`), and who may be a
  party in each category (`agreements.rules.categories`);
- an agreement that predates the system (a *tahap* past preparation, its steps outside the system on
  the sheet "Langkah Lama") enters its stage through `agreement_enter_legacy`, the path of the legacy
  entry page, once its rows are written: the gates read those steps, and a refusal is a problem on its
  row (a dry run writes and undoes it to report the same);
- rows are written with `bulk_create_with_history`; each agreement is one action (an
  `AgreementAction` of kind "create" whose key every history record of its rows carries), exactly as
  the agreement editor saves a new agreement with its rows (tests/imports/test_bulk_parity.py compares
  the two).

A dry run checks the same and writes nothing, so what it reports is what the import would do; a real
run checks again against the data as it is then. Duplicates: a partner already in the registry (same
NIB, NPWP or normalised name) is reported and reused, never created twice; the same partner twice in
the file is an error. A row that cannot be read is reported once: the rows that refer to it (a party of
agreement "K1" when K1's row has a problem) are left out without a second message.
"""

import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from agreements.choices import OUTCOMES, Frequency, OccurrenceStatus, Stage
from agreements.models import (
    Agreement,
    AgreementAction,
    AgreementParty,
    Benefit,
    BenefitShare,
    Obligation,
    ObligationOccurrence,
    ProcessRules,
    Risk,
    RiskShare,
)
from agreements.models.actions import ActionKind
from agreements.rules.categories import category_party_problems
from agreements.schedule import due_dates, period_label
from agreements.services import agreement_enter_legacy, refresh_due_facts
from agreements.shown import bump
from agreements.splits import percent_split_problems
from registry.choices import sector_for
from registry.models import Partner

from .bulk import UniqueRows, problems_of
from .columns import (
    AGREEMENTS,
    BENEFITS,
    LEGACY_STEPS,
    OBLIGATIONS,
    PARTIES,
    PARTNERS,
    RISKS,
    CellError,
    read_cell,
)
from .reading import FileRejected, Problem, Table, read_upload

LEGAL_FORMS = re.compile(r"\b(pt|cv|tbk|persero)\b")
BATCH = 1000
# Two imports applied at once must not both create the same new partner: applies take turns (PostgreSQL).
APPLY_LOCK = 7_310_013

PARTNER_COLUMNS = {
    "name": "nama",
    "short_name": "nama_singkat",
    "sector": "sektor",
    "partner_type": "jenis",
    "nib": "nib",
    "npwp": "npwp",
    "address": "alamat",
    "email": "email",
    "phone": "telepon",
}
AGREEMENT_COLUMNS = {
    "number": "nomor",
    "title": "judul",
    "category": "kategori",
    "form": "bentuk",
    "start_date": "tanggal_mulai",
    "end_date": "tanggal_berakhir",
    "estimated_value": "perkiraan_nilai",
    "location": "lokasi",
    "object_description": "objek",
    "scope": "ruang_lingkup",
    "is_public": "publik",
}
PARTY_COLUMNS = {
    "partner": "mitra",
    "roles": "peran",
    "signatory_name": "nama_penandatangan",
    "signatory_title": "jabatan_penandatangan",
}
OBLIGATION_COLUMNS = {
    "title": "uraian",
    "category": "kategori",
    "frequency": "jadwal",
    "first_due_date": "jatuh_tempo_pertama",
    "clause_reference": "pasal",
    "shared_with_parties": "dibagikan",
}
RISK_COLUMNS = {"category": "kategori", "event": "peristiwa", "likelihood": "kemungkinan", "impact": "dampak"}
BENEFIT_COLUMNS = {"kind": "jenis"}


def normalise_name(name: str) -> str:
    """lowercase, without "PT", "CV", "Tbk", "Persero", punctuation and spaces: "PT. Maju-Jaya" → "majujaya"."""
    text = LEGAL_FORMS.sub(" ", (name or "").lower())
    return re.sub(r"[\W_]+", "", text)


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    created: dict = field(default_factory=dict)  # a plain dict: templates look keys up on it
    reused: dict = field(default_factory=dict)  # found in the registry and used, not created
    rows: int = 0
    applied: bool = False

    def count(self, kind, counts=None, n=1):
        counts = self.created if counts is None else counts
        counts[kind] = counts.get(kind, 0) + n

    @property
    def ok(self):
        return not self.problems

    def as_dict(self):
        return {
            "ok": self.ok,
            "applied": self.applied,
            "rows": self.rows,
            "problems": [p.as_dict() for p in self.problems],
            "notices": [p.as_dict() for p in self.notices],
            "created": dict(self.created),
            "reused": dict(self.reused),
        }


class _Rollback(Exception):
    pass


# A row that was refused: whatever refers to it is left out without a second message.
BROKEN = object()


class _Progress:
    """Whole percents only (a large file would report thousands of times); 100 is said at the end."""

    def __init__(self, callback, total):
        self.callback, self.total, self.done, self.reported = callback, max(total, 1), 0, 0

    def advance(self, n=1):
        self.done += n
        if self.callback is None:
            return
        percent = min(99, self.done * 100 // self.total)
        if percent > self.reported:
            self.reported = percent
            self.callback(percent)


class _Registry:
    """The partners already registered, read in one query: by NIB or NPWP (any partner, archived too,
    as their uniqueness counts them) and, among the live ones, by identifier and by normalised name."""

    def __init__(self):
        self.identifier, self.live_identifier, self.live_name, self.records = {}, {}, {}, {}
        rows = Partner.objects.values_list(
            "pk", "name", "short_name", "nib", "npwp", "archived_at", "partner_type", "is_home_government"
        )
        for pk, name, short_name, nib, npwp, archived_at, partner_type, is_home in rows.order_by("pk"):
            # The type and home flag too: the category rules ask who each party is.
            self.records[pk] = (name, short_name, nib, npwp, partner_type, is_home)
            for identifier in (nib, npwp):
                if identifier:
                    self.identifier.setdefault(identifier, pk)
                    if archived_at is None:
                        self.live_identifier.setdefault(identifier, pk)
            if archived_at is None:
                for text in (name, short_name):
                    if text:
                        self.live_name.setdefault(normalise_name(text), pk)
        self.stubs = {}

    def partner(self, pk) -> Partner:
        """A stand-in for a stored partner, enough to point a party at it (one object per partner)."""
        if pk not in self.stubs:
            name, short_name, nib, npwp, partner_type, is_home = self.records[pk]
            self.stubs[pk] = Partner(
                pk=pk,
                name=name,
                short_name=short_name,
                nib=nib,
                npwp=npwp,
                partner_type=partner_type,
                is_home_government=is_home,
            )
        return self.stubs[pk]

    def existing(self, row):
        """The registered partner a row of the Mitra sheet describes, or None."""
        for identifier in (row["nib"], row["npwp"]):
            if identifier and identifier in self.identifier:
                return self.partner(self.identifier[identifier])
        pk = self.live_name.get(normalise_name(row["nama"]))
        return self.partner(pk) if pk else None

    def referred(self, text):
        """The live partner a reference (name, NIB or NPWP) in another sheet names, or None."""
        pk = self.live_identifier.get((text or "").strip()) or self.live_name.get(normalise_name(text))
        return self.partner(pk) if pk else None


@dataclass
class _NewAgreement:
    """One agreement of the file with its rows, saved as one action."""

    agreement: Agreement
    fields: list
    key: uuid.UUID = field(default_factory=uuid.uuid4)
    parties: dict = field(default_factory=dict)  # id(partner) → AgreementParty
    obligations: list = field(default_factory=list)
    risks: list = field(default_factory=list)  # (Risk, [RiskShare])
    benefits: list = field(default_factory=list)  # (Benefit, [BenefitShare])
    number: int = 0  # its row on the sheet Kerja Sama
    stage: str = ""  # the stage an agreement that predates the system is entered at
    legacy_steps: list = field(default_factory=list)  # agreement_enter_legacy's `steps`

    @property
    def reason(self):
        return AgreementAction.reason_for(self.key)


def _parsed(table: Table, result: ImportResult, refused=None) -> list[tuple[int, dict]]:
    """Rows of a table with every cell read; a row with a bad cell is reported and left out
    (`refused(raw)` is told of it)."""
    rows = []
    for number, raw in table.rows:
        values, good = {}, True
        for column in table.sheet.columns:
            try:
                values[column.name] = read_cell(column, raw.get(column.name))
            except CellError as exc:
                result.problems.append(Problem(str(exc), table.sheet.name, number, column.name))
                good = False
        if good:
            rows.append((number, values))
        elif refused is not None:
            refused(raw)
    return rows


def _text(raw, name):
    value = raw.get(name)
    return str(value).strip() if value is not None else ""


class _Importer:
    def __init__(self, tables, actor, result, progress):
        self.tables, self.result, self.progress = tables, result, progress
        self.user = actor if getattr(actor, "pk", None) else None
        self.actor = actor
        self.now = timezone.now()
        self.partners = {}  # reference text (name/NIB/NPWP, normalised) → Partner, or BROKEN
        self.agreements = {}  # kode → _NewAgreement, or BROKEN
        self.new_partners = []
        self.registry = None

    def problem(self, message, sheet, number, column=""):
        self.result.problems.append(Problem(str(message), sheet.name, number, column))

    def refused(self, sheet, number, problems, columns):
        """A model's problems as problems on the row, with the column when the field maps to one."""
        for name, messages in problems.items():
            for message in messages:
                self.problem(message, sheet, number, columns.get(name, "") if name else "")

    def rows(self, sheet, refused=None):
        table = self.tables.get(sheet.name)
        rows = _parsed(table, self.result, refused) if table else []
        self.progress.advance(len(table.rows) - len(rows) if table else 0)
        return rows

    # --- checking ------------------------------------------------------------------------------

    def plan(self):
        self.registry = _Registry()
        self.plan_partners()
        self.plan_agreements()
        self.plan_parties()
        self.plan_category_rules()
        self.plan_obligations()
        self.plan_splits(RISKS, "kode_risiko", self.new_risk, RiskShare, "risk")
        self.plan_splits(BENEFITS, "kode_manfaat", self.new_benefit, BenefitShare, "benefit")
        self.plan_legacy_steps()

    def good_plans(self):
        return [p for p in self.agreements.values() if p is not BROKEN]

    @property
    def has_legacy(self) -> bool:
        return any(p.stage for p in self.good_plans())

    def remember(self, partner, keys=None):
        keys = keys or (partner.name, partner.short_name, partner.nib, partner.npwp)
        for key in keys:
            if key:
                self.partners.setdefault(normalise_name(key), partner)

    def plan_partners(self):
        rows = self.rows(
            PARTNERS,
            refused=lambda raw: self.remember(
                BROKEN, [_text(raw, "nama"), _text(raw, "nib"), _text(raw, "npwp")]
            ),
        )
        seen, candidates = {}, []
        for number, row in rows:
            keys = [k for k in (normalise_name(row["nama"]), row["nib"], row["npwp"]) if k]
            earlier = next((seen[k] for k in keys if k in seen), None)
            if earlier is not None:
                self.problem(
                    _("Mitra ini sama dengan baris %(n)s (duplikat dalam berkas).") % {"n": earlier},
                    PARTNERS,
                    number,
                    "nama",
                )
                self.progress.advance()
                continue
            seen.update(dict.fromkeys(keys, number))
            existing = self.registry.existing(row)
            if existing is not None:
                self.result.notices.append(
                    Problem(
                        _("Mitra sudah terdaftar sebagai '%(p)s'; dipakai, tidak dibuat lagi.")
                        % {"p": existing.name},
                        PARTNERS.name,
                        number,
                        "nama",
                    )
                )
                self.remember(existing)
                self.result.count("partners", self.result.reused)
                self.progress.advance()
                continue
            sector = sector_for(row["jenis"])
            if row.get("sektor") and row["sektor"] != sector:
                self.result.notices.append(
                    Problem(
                        _("Sektor mengikuti jenis mitra: dicatat sebagai '%(s)s'.")
                        % {"s": Partner(sector=sector).get_sector_display()},
                        PARTNERS.name,
                        number,
                        "sektor",
                    )
                )
            partner = Partner(
                name=row["nama"],
                short_name=row["nama_singkat"] or "",
                sector=sector,
                partner_type=row["jenis"],
                nib=row["nib"] or "",
                npwp=row["npwp"] or "",
                address=row["alamat"] or "",
                email=row["email"] or "",
                phone=row["telepon"] or "",
            )
            candidates.append((number, row, partner))
        unique = UniqueRows(Partner, [p for _n, _r, p in candidates])
        for number, row, partner in candidates:
            problems = problems_of(partner)
            if not problems:
                taken = unique.add(partner)
                problems = {None: taken} if taken else {}
            if problems:
                self.refused(PARTNERS, number, problems, PARTNER_COLUMNS)
                self.remember(BROKEN, [row["nama"], row["nib"], row["npwp"]])
            else:
                partner._history_user = self.user
                self.new_partners.append(partner)
                self.remember(partner)
                self.result.count("partners")
            self.progress.advance()

    def plan_agreements(self):
        rows = self.rows(
            AGREEMENTS, refused=lambda raw: self.agreements.setdefault(_text(raw, "kode"), BROKEN)
        )
        candidates = []
        for number, row in rows:
            if row["kode"] in self.agreements:
                self.problem(
                    _("Kode '%(k)s' dipakai lebih dari sekali.") % {"k": row["kode"]},
                    AGREEMENTS,
                    number,
                    "kode",
                )
                self.progress.advance()
                continue
            fields = {
                "number": row["nomor"] or "",
                "title": row["judul"],
                "category": row["kategori"],
                "form": row["bentuk"] or "",
                "start_date": row["tanggal_mulai"],
                "end_date": row["tanggal_berakhir"],
                "estimated_value": row["perkiraan_nilai"],
                "location": row["lokasi"] or "",
                "object_description": row["objek"] or "",
                "scope": row["ruang_lingkup"] or "",
                "is_public": bool(row["publik"]),
            }
            # As agreement_save creates one: in preparation (the default), version 1, by the actor.
            agreement = Agreement(created_by=self.user, **fields)
            self.agreements[row["kode"]] = BROKEN  # until it is found good
            stage = row["tahap"] or Stage.PREPARATION
            if stage in OUTCOMES:
                self.problem(
                    _("Kerja sama lama dicatat pada tahap berjalan; tahap akhir tidak dapat diimpor."),
                    AGREEMENTS,
                    number,
                    "tahap",
                )
                self.progress.advance()
                continue
            candidates.append((number, row["kode"], agreement, sorted(fields), stage))
        unique = UniqueRows(Agreement, [c[2] for c in candidates])
        for number, kode, agreement, fields, stage in candidates:
            problems = problems_of(agreement)
            if not problems:
                taken = unique.add(agreement)
                problems = {"number": taken} if taken else {}
            if problems:
                self.refused(AGREEMENTS, number, problems, AGREEMENT_COLUMNS)
            else:
                plan = self.agreements[kode] = _NewAgreement(
                    agreement, fields, number=number, stage="" if stage == Stage.PREPARATION else stage
                )
                self.stamp(agreement, plan)
                self.result.count("agreements")
            self.progress.advance()

    def agreement_of(self, sheet, number, kode):
        """The new agreement `kode` names; None when the file has none (reported), BROKEN when its
        row was refused (already reported)."""
        found = self.agreements.get(kode)
        if found is None:
            self.problem(
                _("Kerja sama dengan kode '%(k)s' tidak ada di sheet Kerja Sama.") % {"k": kode},
                sheet,
                number,
                "kode_kerja_sama",
            )
        return found

    def partner_of(self, sheet, number, text):
        partner = self.partners.get(normalise_name(text))
        if partner is None:
            partner = self.registry.referred(text)
            if partner is not None:
                self.remember(partner)
        if partner is None:
            self.problem(
                _("Mitra '%(m)s' tidak ditemukan di sheet Mitra maupun di registri.") % {"m": text},
                sheet,
                number,
                "mitra",
            )
        return partner

    def party_of(self, sheet, number, kode, text):
        """The party of agreement `kode` that partner `text` is; None when not found (reported),
        BROKEN when a row it depends on was refused."""
        plan = self.agreement_of(sheet, number, kode)
        partner = self.partner_of(sheet, number, text)
        if plan is None or partner is None:
            return None
        if plan is BROKEN or partner is BROKEN:
            return BROKEN
        party = plan.parties.get(id(partner))
        if party is None:
            self.problem(
                _("Mitra '%(m)s' bukan pihak dalam kerja sama '%(k)s' (lihat sheet Pihak).")
                % {"m": text, "k": kode},
                sheet,
                number,
                "mitra",
            )
        return party

    def plan_parties(self):
        for number, row in self.rows(PARTIES):
            self.progress.advance()
            plan = self.agreement_of(PARTIES, number, row["kode_kerja_sama"])
            partner = self.partner_of(PARTIES, number, row["mitra"])
            if plan is None or partner is None or plan is BROKEN or partner is BROKEN:
                continue
            if id(partner) in plan.parties:
                self.problem(
                    _("Mitra ini sudah menjadi pihak dalam kerja sama ini."), PARTIES, number, "mitra"
                )
                continue
            party = AgreementParty(
                agreement=plan.agreement,
                partner=partner,
                order=len(plan.parties) + 1,  # after the last one, as party_add numbers them
                roles=row["peran"] or [],
                signatory_name=row["nama_penandatangan"] or "",
                signatory_title=row["jabatan_penandatangan"] or "",
            )
            problems = problems_of(party)
            if problems:
                self.refused(PARTIES, number, problems, PARTY_COLUMNS)
                plan.parties[id(partner)] = BROKEN
                continue
            self.stamp(party, plan)
            plan.parties[id(partner)] = party
            self.result.count("parties")

    def plan_category_rules(self):
        """Who may be a party in each category (agreements.rules.categories), as on every save."""
        rules = ProcessRules.current()
        for plan in self.good_plans():
            parties = [p for p in plan.parties.values() if p is not BROKEN]
            for message in category_party_problems(plan.agreement, parties, rules):
                self.problem(message, AGREEMENTS, plan.number, "kategori")

    def plan_legacy_steps(self):
        """The steps that happened outside the system, for an agreement entered at its current stage."""
        for number, row in self.rows(LEGACY_STEPS):
            self.progress.advance()
            plan = self.agreement_of(LEGACY_STEPS, number, row["kode_kerja_sama"])
            if plan is None or plan is BROKEN:
                continue
            if not plan.stage:
                self.problem(
                    _(
                        "Isi kolom tahap kerja sama ini pada sheet Kerja Sama untuk mencatat langkah di luar sistem."
                    ),
                    LEGACY_STEPS,
                    number,
                    "kode_kerja_sama",
                )
                continue
            if any(s["step"] == row["langkah"] for s in plan.legacy_steps):
                self.problem(_("Setiap langkah hanya dicatat sekali."), LEGACY_STEPS, number, "langkah")
                continue
            if row["tanggal"] and row["tanggal"] > timezone.localdate():
                self.problem(_("Tanggal tidak boleh setelah hari ini."), LEGACY_STEPS, number, "tanggal")
                continue
            plan.legacy_steps.append(
                {"step": row["langkah"], "happened_on": row["tanggal"], "reference": row["nomor"] or ""}
            )

    def enter_legacy(self):
        """Agreements that predate the system enter their stage through agreement_enter_legacy, the
        path of the legacy entry page, once written: a gate that refuses is a problem on the row."""
        for plan in self.good_plans():
            if not plan.stage:
                continue
            try:
                agreement_enter_legacy(
                    agreement=plan.agreement,
                    actor=self.actor,
                    stage=plan.stage,
                    steps=plan.legacy_steps,
                    note=_("Diimpor sebagai kerja sama lama."),
                )
            except ValidationError as refused:
                for message in refused.messages:
                    self.problem(message, AGREEMENTS, plan.number, "tahap")

    def stamp(self, instance, plan):
        instance._history_user = self.user
        instance._change_reason = plan.reason

    def plan_obligations(self):
        for number, row in self.rows(OBLIGATIONS):
            self.progress.advance()
            party = self.party_of(OBLIGATIONS, number, row["kode_kerja_sama"], row["mitra"])
            if party is None or party is BROKEN:
                continue
            obligation = Obligation(
                agreement=party.agreement,
                party=party,
                title=row["uraian"],
                category=row["kategori"] or "other",
                frequency=row["jadwal"] or Frequency.ONCE,
                first_due_date=row["jatuh_tempo_pertama"],
                clause_reference=row["pasal"] or "",
                shared_with_parties=True if row["dibagikan"] is None else row["dibagikan"],
            )
            problems = problems_of(obligation)
            if problems:
                self.refused(OBLIGATIONS, number, problems, OBLIGATION_COLUMNS)
                continue
            plan = self.agreements[row["kode_kerja_sama"]]
            self.stamp(obligation, plan)
            plan.obligations.append(obligation)
            self.result.count("obligations")

    @staticmethod
    def new_risk(agreement, row):
        return Risk(
            agreement=agreement,
            category=row["kategori"],
            event=row["peristiwa"],
            likelihood=row["kemungkinan"],
            impact=row["dampak"],
        )

    @staticmethod
    def new_benefit(agreement, row):
        return Benefit(agreement=agreement, kind=row["jenis"])

    def plan_splits(self, sheet, key, make, share_model, owner):
        """Risks and benefits: one per (kode_kerja_sama, its own code), a row per party's share."""
        groups = defaultdict(list)
        for number, row in self.rows(sheet):
            self.progress.advance()
            party = self.party_of(sheet, number, row["kode_kerja_sama"], row["mitra"])
            groups[(row["kode_kerja_sama"], row[key])].append((number, row, party))
        kind = "risks" if sheet is RISKS else "benefits"
        columns = RISK_COLUMNS if sheet is RISKS else BENEFIT_COLUMNS
        for rows in groups.values():
            if any(party is None or party is BROKEN for _n, _r, party in rows):
                continue
            number, first, party = rows[0]
            plan = self.agreements[first["kode_kerja_sama"]]
            instance = make(plan.agreement, first)
            problems = problems_of(instance)
            parties = [id(p) for _n, _r, p in rows]
            shares = []
            if len(set(parties)) != len(parties):
                problems.setdefault("shares", []).append(
                    _("Setiap pihak hanya boleh muncul sekali dalam satu pembagian.")
                )
            else:
                problems.setdefault("shares", []).extend(
                    percent_split_problems([r["persen"] for _n, r, _p in rows])
                )
            if not problems["shares"]:
                problems.pop("shares")
            if problems:
                self.refused(sheet, number, problems, {**columns, "shares": "persen"})
                continue
            self.stamp(instance, plan)
            for _n, row, share_party in rows:
                share = share_model(party=share_party, percent=row["persen"])
                setattr(share, owner, instance)
                self.stamp(share, plan)
                shares.append(share)
            getattr(plan, kind).append((instance, shares))
            self.result.count(kind)

    # --- writing -------------------------------------------------------------------------------

    def _create(self, model, instances, sheet=None):
        if instances:
            bulk_create_with_history(instances, model, batch_size=BATCH, default_user=self.user)
        if sheet is not None and sheet.name in self.tables:
            self.progress.advance(len(self.tables[sheet.name].rows))

    def write(self):
        self._create(Partner, self.new_partners, PARTNERS)
        plans = [p for p in self.agreements.values() if p is not BROKEN]
        parties = [party for p in plans for party in p.parties.values() if party is not BROKEN]
        self._create(Agreement, [p.agreement for p in plans], AGREEMENTS)
        self._create(AgreementParty, parties, PARTIES)
        self._create(Obligation, [o for p in plans for o in p.obligations], None)
        occurrences = {id(p): self.occurrences(p) for p in plans}
        self._create(ObligationOccurrence, [o for p in plans for o in occurrences[id(p)]], OBLIGATIONS)
        refresh_due_facts([p.agreement.pk for p in plans if occurrences[id(p)]])
        for kind, model, share_model, sheet in (
            ("risks", Risk, RiskShare, RISKS),
            ("benefits", Benefit, BenefitShare, BENEFITS),
        ):
            rows = [row for p in plans for row in getattr(p, kind)]
            self._create(model, [instance for instance, _shares in rows])
            self._create(share_model, [share for _i, shares in rows for share in shares], sheet)
        AgreementAction.objects.bulk_create(
            [
                AgreementAction(
                    agreement=p.agreement,
                    key=p.key,
                    kind=ActionKind.CREATE,
                    actor=self.user,
                    at=self.now,
                    version=p.agreement.version,
                    summary=self.summary(p, len(occurrences[id(p)])),
                )
                for p in plans
            ],
            batch_size=BATCH,
        )
        self.enter_legacy()
        # Written in bulk, without signals. The agreements are new (no page of theirs was cached), but
        # their counters rise all the same so that no bulk writer is an exception (agreements/shown.py).
        bump([p.agreement.pk for p in plans])

    def occurrences(self, plan):
        """The due dates of each new obligation, as the services generate them (agreements.schedule)."""
        today, made = timezone.localdate(), []
        for obligation in plan.obligations:
            until = obligation.until_date or plan.agreement.end_date
            for due in due_dates(obligation.frequency, obligation.first_due_date, until):
                occurrence = ObligationOccurrence(
                    obligation=obligation,
                    due_date=due,
                    period_label=period_label(obligation.frequency, due),
                    status=OccurrenceStatus.OVERDUE if due < today else OccurrenceStatus.UPCOMING,
                )
                self.stamp(occurrence, plan)
                made.append(occurrence)
        return made

    @staticmethod
    def summary(plan, occurrences):
        """What the action changed, in the words of agreement_save's summary."""
        summary = {"agreement": plan.fields}
        counts = {
            "parties": len(plan.parties),
            "obligations": len(plan.obligations),
            "risks": len(plan.risks),
            "benefits": len(plan.benefits),
            "risk_shares": sum(len(shares) for _r, shares in plan.risks),
            "benefit_shares": sum(len(shares) for _b, shares in plan.benefits),
            "occurrences": occurrences,
        }
        summary.update({kind: {"created": n} for kind, n in counts.items() if n})
        return summary


def import_run(
    name: str, data: bytes, actor, *, dry_run: bool = True, progress=None, on_applied=None
) -> ImportResult:
    """Check (and unless `dry_run`, apply) an import file. Nothing is written unless every row is good.

    `progress(percent)` is called as rows are handled, and with 100 at the end. `on_applied(result)`
    runs inside the import's transaction once everything is written: what it records commits with the
    import or not at all (and an exception it raises undoes the import).
    """
    result = ImportResult()
    try:
        tables, problems = read_upload(name, data)
    except FileRejected as exc:
        result.problems.extend(exc.problems)
        return result
    result.problems.extend(problems)
    result.rows = sum(len(t.rows) for t in tables.values())
    if result.problems:
        return result
    steps = _Progress(progress, result.rows if dry_run else 2 * result.rows)
    importer = _Importer(tables, actor, result, steps)
    if dry_run:
        importer.plan()
        if importer.has_legacy and not result.problems:
            # The gates of a legacy entry read the written rows: written and undone, so that the dry
            # run reports what the import would.
            try:
                with transaction.atomic():
                    importer.write()
                    raise _Rollback
            except _Rollback:
                pass
    else:
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [APPLY_LOCK])
                importer.plan()  # again, under the lock: against the data as it is now
                if result.problems:
                    raise _Rollback
                try:
                    importer.write()
                    if result.problems:  # a legacy entry refused by its gates
                        raise _Rollback
                except IntegrityError:
                    result.problems.append(
                        Problem(
                            _(
                                "Data di basis data berubah selama impor sehingga ada nilai yang kini "
                                "sudah dipakai; tidak ada yang disimpan. Unggah ulang berkas untuk "
                                "memeriksanya lagi."
                            )
                        )
                    )
                    raise _Rollback from None
                result.applied = True
                if on_applied is not None:
                    on_applied(result)
        except _Rollback:
            result.applied = False
    if progress:
        progress(100)
    return result
