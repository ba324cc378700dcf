"""Bulk volume for benchmarks: `seed_demo --scale N` adds N × 1,000 agreements.

Written with bulk_create in batches, not through the services: at 100,000 agreements and a million
occurrences, per-row validation and history would take hours. Change history is deliberately not
recorded for this bulk data (it is benchmark volume, not anyone's work), and no StageTransition rows are
written; everything else (parties, obligations with their occurrences, dates relative to today) looks
like data entered through the browser.
"""

import random
import time
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.db import connection, transaction
from django.utils import timezone

from agreements.choices import Category, Form, Frequency, ObligationCategory, OccurrenceStatus, Stage
from agreements.models import Agreement, AgreementParty, Obligation, ObligationOccurrence
from agreements.schedule import period_label
from agreements.services import refresh_due_facts
from registry.choices import PartnerType, Sector
from registry.models import OrganisationUnit, Partner

PER_THOUSAND_PARTNERS = 200
BATCH = 1000  # agreements per transaction; children are inserted in batches of the same order

SECTOR_TYPES = [
    (Sector.PRIVATE, PartnerType.PRIVATE_COMPANY, "PT"),
    (Sector.PUBLIC, PartnerType.BUMD, "Perumda"),
    (Sector.PRIVATE, PartnerType.COOPERATIVE, "Koperasi"),
    (Sector.SOCIAL, PartnerType.FOUNDATION, "Yayasan"),
    (Sector.ACADEMIC, PartnerType.UNIVERSITY, "Universitas"),
    (Sector.PUBLIC, PartnerType.REGENCY, "Pemerintah Kabupaten"),
    (Sector.FOREIGN, PartnerType.FOREIGN_INSTITUTION, "Institute"),
]
STAGES = [
    (Stage.IMPLEMENTATION, 55),
    (Stage.PREPARATION, 10),
    (Stage.SIGNING, 10),
    (Stage.EVALUATION, 10),
    (Stage.COMPLETED, 10),
    (Stage.TERMINATED, 5),
]
TOPICS = [
    "Pengembangan UMKM",
    "Pemanfaatan Aset Daerah",
    "Peningkatan Layanan Kesehatan",
    "Pengelolaan Air Bersih",
    "Promosi Pariwisata",
    "Pendidikan Vokasi",
    "Penerangan Jalan Umum",
    "Pengelolaan Sampah",
    "Pemberdayaan Petani",
    "Transformasi Digital",
]


def add_scale(thousands: int, *, home: Partner, stdout=None) -> dict:
    """Add `thousands` × 1,000 agreements (and ~200 partners per thousand); returns counts and seconds."""
    started = time.monotonic()
    today = timezone.localdate()
    first_index = Agreement.objects.filter(number__startswith="SKALA/").count()
    rng = random.Random(first_index + thousands)
    units = list(OrganisationUnit.objects.filter(is_active=True).values_list("pk", flat=True))
    partners = _partners(thousands * PER_THOUSAND_PARTNERS, first_index, rng)
    counts = {"partners": len(partners), "agreements": 0, "parties": 0, "obligations": 0, "occurrences": 0}
    for batch_start in range(0, thousands * 1000, BATCH):
        with transaction.atomic():
            batch = _agreement_batch(first_index + batch_start, BATCH, home, partners, units, today, rng)
            for key, value in batch.items():
                counts[key] += value
        done = batch_start // BATCH + 1
        if done & (done - 1) == 0:  # after batches 1, 2, 4, 8 …
            _analyze()
        if stdout is not None:
            stdout.write(f"  {counts['agreements']} kerja sama …")
    _analyze()
    counts["seconds"] = round(time.monotonic() - started, 1)
    return counts


def _analyze():
    """Fresh planner statistics for the tables this fills. Autovacuum analyses a table only after a
    tenth of it changed and some time passed, so while they grow from nothing the planner would go on
    judging them tiny: `refresh_due_facts` of each batch then takes a plan made for a few hundred
    occurrences (a bitmap of every open occurrence per obligation), and the batches slow from 3 s to
    tens of seconds past 20,000 agreements. Statistics within a factor of two of the truth suffice."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (Partner, Agreement, AgreementParty, Obligation, ObligationOccurrence):
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')


def _partners(count, first_index, rng):
    rows = []
    for i in range(count):
        sector, partner_type, prefix = SECTOR_TYPES[i % len(SECTOR_TYPES)]
        n = first_index // 5 + i + 1
        rows.append(
            Partner(
                name=f"{prefix} Mitra Skala {n:06d}",
                short_name=f"Skala {n:06d}",
                sector=sector,
                partner_type=partner_type,
                country="Belanda" if sector == Sector.FOREIGN else "Indonesia",
                verification_status="verified" if rng.random() < 0.8 else "unverified",
            )
        )
    with transaction.atomic():
        return Partner.objects.bulk_create(rows, batch_size=BATCH)


def _stage(rng):
    return rng.choices([s for s, _w in STAGES], weights=[w for _s, w in STAGES])[0]


def _agreement_batch(start_index, size, home, partners, units, today, rng):
    agreements = []
    for offset in range(size):
        index = start_index + offset + 1
        start = today - timedelta(days=rng.randint(0, 4 * 365))
        end = start + relativedelta(years=rng.randint(1, 5)) - timedelta(days=1)
        stage = _stage(rng)
        agreements.append(
            Agreement(
                number=f"SKALA/{index:07d}",
                title=f"{rng.choice(TOPICS)} {index:07d}",
                category=rng.choice(Category.values),
                form=rng.choice(Form.values),
                lead_unit_id=rng.choice(units),
                start_date=start,
                end_date=end,
                signed_date=start if stage not in (Stage.PREPARATION, Stage.SIGNING) else None,
                stage=stage,
                closure_reason="term_ended"
                if stage == Stage.COMPLETED
                else "default"
                if stage == Stage.TERMINATED
                else "",
                estimated_value=rng.randrange(50, 50_000) * 1_000_000,
                is_public=rng.random() < 0.3,
            )
        )
    agreements = Agreement.objects.bulk_create(agreements, batch_size=BATCH)
    parties = []
    for agreement in agreements:
        parties.append(AgreementParty(agreement=agreement, partner=home, order=1, roles=["lead"]))
        for order, partner in enumerate(rng.sample(partners, rng.choice((1, 1, 2))), start=2):
            parties.append(
                AgreementParty(agreement=agreement, partner=partner, order=order, roles=["implementer"])
            )
    parties = AgreementParty.objects.bulk_create(parties, batch_size=BATCH)
    by_agreement = {}
    for party in parties:
        by_agreement.setdefault(party.agreement_id, []).append(party)
    obligations, plans = [], []
    for agreement in agreements:
        home_party, partner_party, *others = by_agreement[agreement.pk]
        plan = [
            (partner_party, Frequency.QUARTERLY, 8, ObligationCategory.REPORTING, None),
            (home_party, Frequency.YEARLY, 2, ObligationCategory.PAYMENT, agreement.lead_unit_id),
        ] + [(p, Frequency.ONCE, 1, ObligationCategory.DELIVERY, None) for p in others]
        for party, frequency, count, category, unit in plan:
            step = {Frequency.QUARTERLY: 3, Frequency.YEARLY: 12, Frequency.ONCE: 0}[frequency]
            first_due = agreement.start_date + relativedelta(months=max(step, 1))
            dues = [first_due + relativedelta(months=step * k) for k in range(count)]
            obligations.append(
                Obligation(
                    agreement=agreement,
                    party=party,
                    responsible_unit_id=unit,
                    category=category,
                    title=f"{category.label} {party.order}",
                    frequency=frequency,
                    first_due_date=first_due,
                    until_date=dues[-1] if frequency != Frequency.ONCE else None,
                )
            )
            plans.append(dues)
    obligations = Obligation.objects.bulk_create(obligations, batch_size=BATCH)
    occurrences = []
    for obligation, dues in zip(obligations, plans, strict=True):
        for due in dues:
            occurrences.append(
                ObligationOccurrence(
                    obligation=obligation,
                    due_date=due,
                    period_label=period_label(obligation.frequency, due),
                    status=_occurrence_status(due, today, rng),
                )
            )
    ObligationOccurrence.objects.bulk_create(occurrences, batch_size=2 * BATCH)
    # The due facts the lists and the dashboard read, as the services keep them (docs/decisions/0064).
    refresh_due_facts([a.pk for a in agreements])
    return {
        "agreements": len(agreements),
        "parties": len(parties),
        "obligations": len(obligations),
        "occurrences": len(occurrences),
    }


def _occurrence_status(due, today, rng):
    if due >= today:
        return OccurrenceStatus.UPCOMING
    roll = rng.random()
    if roll < 0.7:
        return OccurrenceStatus.FULFILLED
    if roll < 0.8:
        return OccurrenceStatus.SUBMITTED
    return OccurrenceStatus.OVERDUE
