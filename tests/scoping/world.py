"""A small world to test who sees what (DESIGN.md §1).

Partners A, B and C; OPDs "lead", "related" and "other". Agreements:
- `shared`: parties home, A and B; lead OPD "lead", related OPD "related"; public. Every kind of child,
  each in a shared and a not-shared version.
- `b_only`: parties B and C; OPD "other"; not public — A must see nothing of it.
- `a_private`: parties home and A; OPD "other"; not public.
- `archived`: parties home and A; OPD "lead"; public but archived — only staff, managers and admins see it.
Objects are created directly (this is about reads; the services are tested elsewhere).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from accounts.roles import Role
from agreements.models import (
    Agreement,
    AgreementParty,
    Benefit,
    BenefitRealisation,
    BenefitShare,
    ChecklistTick,
    Contribution,
    Document,
    Instrument,
    InstrumentNumber,
    Obligation,
    ObligationOccurrence,
    Risk,
    RiskShare,
    StageTransition,
    TkksdReview,
)
from evaluations.models import Challenge, Evaluation, Indicator, Observation
from registry.models import Contact, CooperationObject, Membership, OrganisationUnit, Partner
from tests.accounts.factories import UserFactory

DAY = datetime.date(2026, 3, 31)


@dataclass
class World:
    users: dict = field(default_factory=dict)  # role key → user (None for anonymous)
    objs: dict = field(default_factory=dict)  # model → {key: instance}

    def add(self, key, instance):
        self.objs.setdefault(type(instance), {})[key] = instance
        return instance

    def keys(self, model, queryset):
        names = {obj.pk: key for key, obj in self.objs.get(model, {}).items()}
        return {names.get(pk, f"?{pk}") for pk in queryset.values_list("pk", flat=True)}


def _partner(w, key, name, **extra):
    return w.add(
        key, Partner.objects.create(name=name, sector="private", partner_type="private_company", **extra)
    )


def _agreement(w, key, *, lead, parties, related=(), **extra):
    agreement = w.add(key, Agreement.objects.create(title=key, category="ksdpk", lead_unit=lead, **extra))
    agreement.related_units.set(related)
    for order, (party_key, partner) in enumerate(parties, start=1):
        w.add(party_key, AgreementParty.objects.create(agreement=agreement, partner=partner, order=order))
    return agreement


def _children(w, agreement, prefix, party, other_party, unit):
    """Every kind of child of `agreement`, shared and not shared, keyed `<prefix>.<kind>[.internal]`."""
    k = lambda name: f"{prefix}.{name}"  # noqa: E731
    instrument = w.add(
        k("instrument"), Instrument.objects.create(agreement=agreement, kind="pks", title="PKS")
    )
    w.add(
        k("number"), InstrumentNumber.objects.create(instrument=instrument, party=party, number=f"{prefix}/1")
    )
    for shared, suffix in ((True, ""), (False, ".internal")):
        obligation = w.add(
            k("obligation" + suffix),
            Obligation.objects.create(
                agreement=agreement,
                party=party,
                responsible_unit=unit,
                title=f"{prefix} kewajiban{suffix}",
                first_due_date=DAY,
                shared_with_parties=shared,
            ),
        )
        occurrence = w.add(
            k("occurrence" + suffix), ObligationOccurrence.objects.create(obligation=obligation, due_date=DAY)
        )
        w.add(k("evidence" + suffix), _document(agreement, "parties", occurrence=occurrence))
        risk = w.add(
            k("risk" + suffix),
            Risk.objects.create(
                agreement=agreement,
                category="financial",
                event="r",
                likelihood=2,
                impact=2,
                shared_with_parties=shared,
            ),
        )
        w.add(
            k("riskshare" + suffix),
            RiskShare.objects.create(risk=risk, party=other_party, percent=Decimal(100)),
        )
        benefit = w.add(
            k("benefit" + suffix),
            Benefit.objects.create(agreement=agreement, kind="csr", shared_with_parties=shared),
        )
        w.add(
            k("benefitshare" + suffix),
            BenefitShare.objects.create(benefit=benefit, party=party, percent=Decimal(100)),
        )
        w.add(
            k("realisation" + suffix),
            BenefitRealisation.objects.create(
                benefit=benefit, party=party, realised_on=DAY, amount=Decimal(5)
            ),
        )
        w.add(
            k("contribution" + suffix),
            Contribution.objects.create(
                agreement=agreement, party=other_party, kind="funds", shared_with_parties=shared
            ),
        )
        evaluation = w.add(
            k("evaluation" + suffix),
            Evaluation.objects.create(
                agreement=agreement,
                period_type="year",
                evaluated_on=DAY,
                evaluator_role="unit",
                recommendation="continue",
                shared_with_parties=shared,
            ),
        )
        w.add(k("evaluation_doc" + suffix), _document(agreement, "parties", evaluation=evaluation))
        indicator = w.add(
            k("indicator" + suffix),
            Indicator.objects.create(
                agreement=agreement, name="i", unit="u", target=Decimal(1), shared_with_parties=shared
            ),
        )
        w.add(
            k("observation" + suffix),
            Observation.objects.create(
                indicator=indicator, period_label="2026", observed_on=DAY, value=Decimal(1)
            ),
        )
        w.add(
            k("challenge" + suffix),
            Challenge.objects.create(
                agreement=agreement,
                category="other",
                description="c",
                reported_on=DAY,
                shared_with_parties=shared,
            ),
        )
    for visibility in ("internal", "parties", "public"):
        w.add(k(f"doc.{visibility}"), _document(agreement, visibility))
    w.add(
        k("transition"),
        StageTransition.objects.create(agreement=agreement, from_stage="", to_stage="preparation"),
    )
    w.add(k("tick"), ChecklistTick.objects.create(agreement=agreement, step="proposal"))
    w.add(k("tkksd"), TkksdReview.objects.create(agreement=agreement, review_date=DAY, decision="feasible"))


def _document(agreement, visibility, **attached):
    return Document.objects.create(
        agreement=agreement,
        title=visibility,
        file="agreements/x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
        visibility=visibility,
        **attached,
    )


def _user(w, key, role, **membership):
    user = UserFactory(username=f"scope_{key}", roles=[role] if role else [])
    if membership:
        w.add(f"membership.{key}", Membership.objects.create(user=user, **membership))
    w.users[key] = user
    return user


def build_world() -> World:
    w = World()
    today = timezone.localdate()
    lead = w.add("lead", OrganisationUnit.objects.create(code="L", name="Dinas Lead"))
    related = w.add("related", OrganisationUnit.objects.create(code="R", name="Dinas Related"))
    other = w.add("other", OrganisationUnit.objects.create(code="O", name="Dinas Other"))
    w.add("inactive_unit", OrganisationUnit.objects.create(code="X", name="Dinas Lama", is_active=False))
    home = _partner(w, "home", "Pemerintah Kabupaten Contoh", is_home_government=True)
    a = _partner(w, "A", "PT Mitra A")
    b = _partner(w, "B", "PT Mitra B")
    c = _partner(w, "C", "PT Mitra C")
    _partner(w, "archived_partner", "PT Lama", archived_at=timezone.now())
    for key, partner in (("A", a), ("B", b), ("C", c), ("home", home)):
        w.add(f"contact.{key}", Contact.objects.create(partner=partner, name=f"Kontak {key}"))
    w.add("object.lead", CooperationObject.objects.create(name="Potensi lead", organisation_unit=lead))
    w.add(
        "object.other_inactive",
        CooperationObject.objects.create(name="Potensi lama", organisation_unit=other, is_active=False),
    )

    shared = _agreement(
        w,
        "shared",
        lead=lead,
        related=[related],
        is_public=True,
        parties=[("shared.party.home", home), ("shared.party.A", a), ("shared.party.B", b)],
    )
    _children(
        w,
        shared,
        "shared",
        w.objs[AgreementParty]["shared.party.B"],
        w.objs[AgreementParty]["shared.party.A"],
        lead,
    )
    b_only = _agreement(w, "b_only", lead=other, parties=[("b_only.party.B", b), ("b_only.party.C", c)])
    _children(
        w,
        b_only,
        "b_only",
        w.objs[AgreementParty]["b_only.party.B"],
        w.objs[AgreementParty]["b_only.party.C"],
        other,
    )
    _agreement(w, "a_private", lead=other, parties=[("a_private.party.home", home), ("a_private.party.A", a)])
    archived = _agreement(
        w,
        "archived",
        lead=lead,
        is_public=True,
        archived_at=timezone.now(),
        parties=[("archived.party.home", home), ("archived.party.A", a)],
    )
    w.add("archived.doc.public", _document(archived, "public"))

    _user(w, "staff", Role.STAFF)
    _user(w, "manager", Role.MANAGER)
    _user(w, "admin", Role.ADMIN)
    _user(w, "opd_lead", Role.OPD_OFFICER, organisation_unit=lead)
    _user(w, "opd_related", Role.OPD_OFFICER, organisation_unit=related)
    _user(w, "partner_A", Role.PARTNER, partner=a)
    _user(w, "partner_B", Role.PARTNER, partner=b)
    yesterday = today - datetime.timedelta(days=1)
    _user(
        w,
        "partner_A_expired",
        Role.PARTNER,
        partner=a,
        valid_from=today - datetime.timedelta(days=30),
        valid_until=yesterday,
    )
    _user(w, "partner_A_future", Role.PARTNER, partner=a, valid_from=today + datetime.timedelta(days=1))
    _user(w, "opd_expired", Role.OPD_OFFICER, organisation_unit=lead, valid_until=yesterday)
    _user(w, "no_role", None)
    w.users["anonymous"] = None
    return w
