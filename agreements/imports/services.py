"""Importing partners and agreements (with parties, obligations, risk and benefit shares): all or nothing.

`import_run(name, data, actor, dry_run=True)` reads the file, checks every cell, and then writes every row
through the same services as the pages inside one transaction. A dry run (and any run with a problem)
rolls that transaction back, so the dry run applies exactly the rules the real run will: what it reports
is what the import would do, and a refused import leaves nothing behind.

Duplicates: a partner already in the registry (same NIB, NPWP or normalised name) is reported and
reused, never created twice; the same partner twice in the file is an error.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agreements import services
from agreements.choices import Frequency
from core.services import ConflictError
from registry import services as registry_services
from registry.models import Partner

from .columns import AGREEMENTS, BENEFITS, OBLIGATIONS, PARTIES, PARTNERS, RISKS, CellError, read_cell
from .reading import FileRejected, Problem, Table, read_upload

LEGAL_FORMS = re.compile(r"\b(pt|cv|tbk|persero)\b")


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

    def count(self, kind, counts=None):
        counts = self.created if counts is None else counts
        counts[kind] = counts.get(kind, 0) + 1

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


def _parsed(table: Table, result: ImportResult) -> list[tuple[int, dict]]:
    """Rows of a table with every cell read; a row with a bad cell is reported and left out."""
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
    return rows


def _service_problems(exc, sheet, number, columns_by_field=None) -> list[Problem]:
    """A service's refusal as problems on the row, with the column when the field maps to one."""
    columns_by_field = columns_by_field or {}
    if isinstance(exc, ConflictError):
        return [Problem(str(exc), sheet, number)]
    if hasattr(exc, "error_dict"):
        return [
            Problem(
                str(message),
                sheet,
                number,
                "" if name == NON_FIELD_ERRORS else columns_by_field.get(name, name),
            )
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [Problem(str(m), sheet, number) for m in exc.messages]


class _Importer:
    def __init__(self, tables, actor, result, progress=None):
        self.tables, self.actor, self.result = tables, actor, result
        self.partners = {}  # reference text (name/NIB/NPWP, normalised) → Partner
        self.agreements = {}  # kode → Agreement
        self.parties = {}  # (kode, partner pk) → AgreementParty
        self.progress, self.rows_done, self.reported = progress, 0, 0

    def rows(self, sheet):
        """A sheet's readable rows; each counts towards the progress once its caller has handled it."""
        table = self.tables.get(sheet.name)
        for row in _parsed(table, self.result) if table else []:
            yield row
            self.advance()

    def advance(self):
        """Report whole percents only (a large file calls this thousands of times); 100 is said by
        `import_run` once the transaction is over."""
        self.rows_done += 1
        if self.progress is None or not self.result.rows:
            return
        percent = min(99, self.rows_done * 100 // self.result.rows)
        if percent > self.reported:
            self.reported = percent
            self.progress(percent)

    def attempt(self, sheet, number, fn, columns_by_field=None):
        """Run one row's write in a savepoint; a refusal is recorded on the row and the import goes on
        to find every other problem (the whole transaction is rolled back at the end)."""
        try:
            with transaction.atomic():
                return fn()
        except (ValidationError, ConflictError) as exc:
            self.result.problems.extend(_service_problems(exc, sheet.name, number, columns_by_field))
            return None

    # partners
    def remember_partner(self, partner):
        for key in (partner.name, partner.short_name, partner.nib, partner.npwp):
            if key:
                self.partners[normalise_name(key)] = partner

    def find_partner(self, text):
        key = normalise_name(text)
        if key in self.partners:
            return self.partners[key]
        found = (
            Partner.objects.filter(archived_at__isnull=True)
            .filter(models_q_identifier(text))
            .order_by("pk")
            .first()
        )
        if found is None and key in self.name_index:
            found = Partner.objects.get(pk=self.name_index[key])
        if found is not None:
            self.remember_partner(found)
        return found

    def import_partners(self):
        seen = {}
        for number, row in self.rows(PARTNERS):
            keys = [k for k in (normalise_name(row["nama"]), row["nib"], row["npwp"]) if k]
            earlier = next((seen[k] for k in keys if k in seen), None)
            if earlier is not None:
                self.result.problems.append(
                    Problem(
                        _("Mitra ini sama dengan baris %(n)s (duplikat dalam berkas).") % {"n": earlier},
                        PARTNERS.name,
                        number,
                        "nama",
                    )
                )
                continue
            seen.update(dict.fromkeys(keys, number))
            existing = self.find_existing_partner(row)
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
                self.remember_partner(existing)
                self.result.count("partners", self.result.reused)
                continue
            data = {
                "name": row["nama"],
                "short_name": row["nama_singkat"] or "",
                "sector": row["sektor"],
                "partner_type": row["jenis"],
                "nib": row["nib"] or "",
                "npwp": row["npwp"] or "",
                "address": row["alamat"] or "",
                "email": row["email"] or "",
                "phone": row["telepon"] or "",
            }
            partner = self.attempt(
                PARTNERS,
                number,
                lambda data=data: registry_services.partner_create(actor=self.actor, **data),
                {
                    "name": "nama",
                    "sector": "sektor",
                    "partner_type": "jenis",
                    "email": "email",
                    "nib": "nib",
                    "npwp": "npwp",
                },
            )
            if partner is not None:
                self.remember_partner(partner)
                self.result.count("partners")

    def find_existing_partner(self, row):
        for identifier in (row["nib"], row["npwp"]):
            if identifier:
                found = Partner.objects.filter(models_q_identifier(identifier)).order_by("pk").first()
                if found:
                    return found
        pk = self.name_index.get(normalise_name(row["nama"]))
        return Partner.objects.get(pk=pk) if pk else None

    @cached_property
    def name_index(self):
        """Normalised name → partner id of the registry's partners, read once per import."""
        index = {}
        rows = Partner.objects.filter(archived_at__isnull=True).values_list("pk", "name", "short_name")
        for pk, name, short_name in rows.order_by("pk"):
            for text in (name, short_name):
                if text:
                    index.setdefault(normalise_name(text), pk)
        return index

    # agreements and their parts
    def agreement_of(self, sheet, number, kode):
        agreement = self.agreements.get(kode)
        if agreement is None:
            self.result.problems.append(
                Problem(
                    _("Kerja sama dengan kode '%(k)s' tidak ada di sheet Kerja Sama.") % {"k": kode},
                    sheet.name,
                    number,
                    "kode_kerja_sama",
                )
            )
        return agreement

    def partner_of(self, sheet, number, text):
        partner = self.find_partner(text)
        if partner is None:
            self.result.problems.append(
                Problem(
                    _("Mitra '%(m)s' tidak ditemukan di sheet Mitra maupun di registri.") % {"m": text},
                    sheet.name,
                    number,
                    "mitra",
                )
            )
        return partner

    def party_of(self, sheet, number, kode, text):
        agreement = self.agreement_of(sheet, number, kode)
        partner = self.partner_of(sheet, number, text)
        if agreement is None or partner is None:
            return None
        party = self.parties.get((kode, partner.pk))
        if party is None:
            self.result.problems.append(
                Problem(
                    _("Mitra '%(m)s' bukan pihak dalam kerja sama '%(k)s' (lihat sheet Pihak).")
                    % {"m": text, "k": kode},
                    sheet.name,
                    number,
                    "mitra",
                )
            )
        return party

    def import_agreements(self):
        for number, row in self.rows(AGREEMENTS):
            if row["kode"] in self.agreements:
                self.result.problems.append(
                    Problem(
                        _("Kode '%(k)s' dipakai lebih dari sekali.") % {"k": row["kode"]},
                        AGREEMENTS.name,
                        number,
                        "kode",
                    )
                )
                continue
            data = {
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
            agreement = self.attempt(
                AGREEMENTS,
                number,
                lambda data=data: services.agreement_create(actor=self.actor, **data),
                {
                    "number": "nomor",
                    "title": "judul",
                    "category": "kategori",
                    "form": "bentuk",
                    "start_date": "tanggal_mulai",
                    "end_date": "tanggal_berakhir",
                    "estimated_value": "perkiraan_nilai",
                },
            )
            self.agreements[row["kode"]] = agreement
            if agreement is not None:
                self.result.count("agreements")
        for number, row in self.rows(PARTIES):
            agreement = self.agreement_of(PARTIES, number, row["kode_kerja_sama"])
            partner = self.partner_of(PARTIES, number, row["mitra"])
            if agreement is None or partner is None:
                continue
            data = {
                "partner": partner,
                "roles": row["peran"] or [],
                "signatory_name": row["nama_penandatangan"] or "",
                "signatory_title": row["jabatan_penandatangan"] or "",
            }
            party = self.attempt(
                PARTIES,
                number,
                lambda a=agreement, d=data: services.party_add(agreement=a, actor=self.actor, **d),
                {"partner": "mitra", "roles": "peran"},
            )
            if party is not None:
                self.parties[(row["kode_kerja_sama"], partner.pk)] = party
                self.result.count("parties")

    def import_obligations(self):
        for number, row in self.rows(OBLIGATIONS):
            party = self.party_of(OBLIGATIONS, number, row["kode_kerja_sama"], row["mitra"])
            if party is None:
                continue
            data = {
                "party": party,
                "title": row["uraian"],
                "category": row["kategori"] or "other",
                "frequency": row["jadwal"] or Frequency.ONCE,
                "first_due_date": row["jatuh_tempo_pertama"],
                "clause_reference": row["pasal"] or "",
                "shared_with_parties": True if row["dibagikan"] is None else row["dibagikan"],
            }
            done = self.attempt(
                OBLIGATIONS,
                number,
                lambda d=data: services.obligation_create(
                    agreement=d["party"].agreement, actor=self.actor, **d
                ),
                {"title": "uraian", "first_due_date": "jatuh_tempo_pertama", "clause_reference": "pasal"},
            )
            if done is not None:
                self.result.count("obligations")

    def _grouped(self, sheet, key):
        groups = defaultdict(list)
        for number, row in self.rows(sheet):
            party = self.party_of(sheet, number, row["kode_kerja_sama"], row["mitra"])
            groups[(row["kode_kerja_sama"], row[key])].append((number, row, party))
        return groups

    def import_risks(self):
        for rows in self._grouped(RISKS, "kode_risiko").values():
            if any(party is None for _n, _r, party in rows):
                continue
            number, first, party = rows[0]
            data = {
                "category": first["kategori"],
                "event": first["peristiwa"],
                "likelihood": first["kemungkinan"],
                "impact": first["dampak"],
                "shares": [{"party": p, "percent": r["persen"]} for _n, r, p in rows],
            }
            done = self.attempt(
                RISKS,
                number,
                lambda a=party.agreement, d=data: services.risk_create(agreement=a, actor=self.actor, **d),
                {"shares": "persen", "likelihood": "kemungkinan", "impact": "dampak", "event": "peristiwa"},
            )
            if done is not None:
                self.result.count("risks")

    def import_benefits(self):
        for rows in self._grouped(BENEFITS, "kode_manfaat").values():
            if any(party is None for _n, _r, party in rows):
                continue
            number, first, party = rows[0]
            data = {
                "kind": first["jenis"],
                "shares": [{"party": p, "percent": r["persen"]} for _n, r, p in rows],
            }
            done = self.attempt(
                BENEFITS,
                number,
                lambda a=party.agreement, d=data: services.benefit_create(agreement=a, actor=self.actor, **d),
                {"shares": "persen", "kind": "jenis"},
            )
            if done is not None:
                self.result.count("benefits")

    def run(self):
        self.import_partners()
        self.import_agreements()
        self.import_obligations()
        self.import_risks()
        self.import_benefits()


def models_q_identifier(text):
    from django.db.models import Q

    text = (text or "").strip()
    return Q(nib=text) | Q(npwp=text) if text else Q(pk__in=[])


def import_run(name: str, data: bytes, actor, *, dry_run: bool = True, progress=None) -> ImportResult:
    """Check (and unless `dry_run`, apply) an import file. Nothing is written unless every row is good.

    `progress(percent)` is called as rows are handled, and with 100 at the end.
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
    try:
        with transaction.atomic():
            _Importer(tables, actor, result, progress).run()
            if result.problems or dry_run:
                raise _Rollback
            result.applied = True
    except _Rollback:
        pass
    if progress:
        progress(100)
    return result
