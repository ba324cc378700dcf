"""One service per user action: `agreement_save` behind the editor page (decision 0051).

The editor's create and edit are pinned in queries at two sizes (today they do not grow with the rows);
the version moves by one per save; a stale version, a refused save and a save that changes nothing
write nothing; shares change in place; occurrences are regenerated only when a schedule or the end date
they follow changed; every history record of a save carries the key of its one AgreementAction.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements import services
from agreements.models import (
    Agreement,
    AgreementAction,
    AgreementParty,
    Benefit,
    BenefitShare,
    Contribution,
    Obligation,
    ObligationOccurrence,
    Risk,
    RiskShare,
)
from agreements.services import AgreementChanges, ChangesRefused, RowChange
from core.services import ConflictError
from tests.agreements.editor_data import BASIC_FIELDS, editor_data
from tests.registry.factories import PartnerFactory

pytestmark = pytest.mark.django_db

HISTORY_MODELS = (
    Agreement,
    AgreementParty,
    Obligation,
    ObligationOccurrence,
    Contribution,
    Risk,
    RiskShare,
    Benefit,
    BenefitShare,
)
# Measured before this service, with the editor calling a dozen row services: 215 queries for the
# small create (389 at twice the size) and 60 for a title-only edit (66). The pins are under half.
# A create also reads the rules in force and the parties' partner types (the category rules, issue 10).
# + the due facts of the new agreement's occurrences (lock, UPDATE: docs/decisions/0064).
# + the pages' counter (agreements/shown.py) raised by the related units and government affairs set.
CREATE_QUERIES = 45
# + the rules in force and the parties' partner types (category rules); + a KSDD's bordering regions,
# read like the government affairs: once for the form's initial, once by the save.
# + the pages' counter (agreements/shown.py): raised by the agreement's save and by a row's.
EDIT_QUERIES = 28


def history_counts():
    return {model.__name__: model.history.count() for model in HISTORY_MODELS}


def create_submission(size):
    """`size` 1: 3 parties, 2 obligations (one quarterly), 1 risk and 1 benefit; 2: twice that."""
    partners = [PartnerFactory() for _ in range(3 * size)]
    return editor_data(
        BASIC_FIELDS,
        parties=[{"partner": p.pk, "roles": ["implementer"]} for p in partners],
        obligations=[
            {
                "party_partner": partners[i].pk,
                "title": f"Kewajiban {i}",
                "kind": "obligation",
                "category": "reporting",
                "frequency": "quarterly" if i % 2 == 0 else "once",
                "first_due_date": "2026-03-31",
                "shared_with_parties": True,
            }
            for i in range(2 * size)
        ],
        risks=[
            {
                "category": "financial",
                "event": f"Risiko {i}",
                "likelihood": 3,
                "impact": 4,
                "status": "open",
                "shares": [
                    {"partner": partners[0].pk, "percent": 50},
                    {"partner": partners[1].pk, "percent": 30},
                    {"partner": partners[2].pk, "percent": 20},
                ],
            }
            for i in range(size)
        ],
        benefits=[
            {
                "kind": "profit_share",
                "split_method": "percent",
                "shares": [
                    {"partner": partners[0].pk, "percent": 60},
                    {"partner": partners[1].pk, "percent": 40},
                ],
            }
            for _ in range(size)
        ],
    )


def edit_submission(agreement, **fields):
    """What the edit page posts back for the stored agreement, with `fields` changed."""
    parties = list(agreement.parties.order_by("order"))
    partner_of = {p.pk: p.partner_id for p in parties}
    iso = lambda d: d.isoformat() if d else None  # noqa: E731

    def shares(row, with_amount):
        out = []
        for share in row.shares.order_by("pk"):
            item = {"partner": partner_of[share.party_id], "percent": share.percent}
            if with_amount:
                item["amount"] = share.amount
            out.append(item)
        return out

    risks = list(agreement.risks.order_by("pk"))
    benefits = list(agreement.benefits.order_by("pk"))
    obligations = list(agreement.obligations.order_by("first_due_date", "pk"))
    return editor_data(
        {**BASIC_FIELDS, **fields},
        version=agreement.version,
        parties=[
            {"id": p.pk, "partner": p.partner_id, "roles": p.roles, "signatory_name": p.signatory_name}
            for p in parties
        ],
        obligations=[
            {
                "id": o.pk,
                "party_partner": partner_of[o.party_id],
                "kind": o.kind,
                "category": o.category,
                "title": o.title,
                "frequency": o.frequency,
                "first_due_date": iso(o.first_due_date),
                "until_date": iso(o.until_date),
                "shared_with_parties": o.shared_with_parties,
            }
            for o in obligations
        ],
        risks=[
            {
                "id": r.pk,
                "category": r.category,
                "event": r.event,
                "likelihood": r.likelihood,
                "impact": r.impact,
                "status": r.status,
                "shared_with_parties": r.shared_with_parties,
                "_shares_initial": r.shares.count(),
                "shares": shares(r, with_amount=False),
            }
            for r in risks
        ],
        benefits=[
            {
                "id": b.pk,
                "kind": b.kind,
                "split_method": b.split_method,
                "shared_with_parties": b.shared_with_parties,
                "_shares_initial": b.shares.count(),
                "shares": shares(b, with_amount=True),
            }
            for b in benefits
        ],
        initial={
            "parties": len(parties),
            "obligations": len(obligations),
            "risks": len(risks),
            "benefits": len(benefits),
        },
    )


@pytest.mark.parametrize("size", [1, 2])
def test_editor_create_and_title_edit_are_pinned_in_queries(
    client, staff_user, django_assert_num_queries, size
):
    client.force_login(staff_user)
    data = create_submission(size)
    with django_assert_num_queries(CREATE_QUERIES):
        response = client.post(reverse("agreements:create"), data)
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.version == 1
    assert agreement.parties.count() == 3 * size and agreement.obligations.count() == 2 * size
    assert RiskShare.objects.count() == 3 * size and BenefitShare.objects.count() == 2 * size
    assert ObligationOccurrence.objects.count() == size * (8 + 1)

    data = edit_submission(agreement, title="Judul baru")
    occurrence_history = ObligationOccurrence.history.count()
    with django_assert_num_queries(EDIT_QUERIES) as captured:
        response = client.post(reverse("agreements:edit", args=[agreement.pk]), data)
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.title, agreement.version) == ("Judul baru", 2)
    # No regeneration: the occurrences are not even read.
    assert ObligationOccurrence.history.count() == occurrence_history
    assert not [q for q in captured.captured_queries if "agreements_obligationoccurrence" in q["sql"]]


def test_version_moves_by_one_per_save_and_untouched_rows_write_nothing(client, staff_user):
    client.force_login(staff_user)
    client.post(reverse("agreements:create"), create_submission(1))
    agreement = Agreement.objects.get()
    assert agreement.version == 1
    for expected, title in ((2, "Satu"), (3, "Dua")):
        before = history_counts()
        response = client.post(
            reverse("agreements:edit", args=[agreement.pk]), edit_submission(agreement, title=title)
        )
        assert response.status_code == 302
        agreement.refresh_from_db()
        assert agreement.version == expected
        after = history_counts()
        assert after == {**before, "Agreement": before["Agreement"] + 1}, "only the agreement's record is new"


def test_a_save_that_changes_nothing_writes_nothing(client, staff_user):
    client.force_login(staff_user)
    client.post(reverse("agreements:create"), create_submission(1))
    agreement = Agreement.objects.get()
    before, actions = history_counts(), AgreementAction.objects.count()
    response = client.post(reverse("agreements:edit", args=[agreement.pk]), edit_submission(agreement))
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.version == 1
    assert history_counts() == before
    assert AgreementAction.objects.count() == actions


def test_a_stale_version_writes_nothing(client, staff_user):
    client.force_login(staff_user)
    client.post(reverse("agreements:create"), create_submission(1))
    agreement = Agreement.objects.get()
    stale = edit_submission(agreement, title="Ketikan saya")
    services.agreement_update(agreement=agreement, actor=staff_user, expected_version=1, title="Orang lain")
    stale["risks-0-shares-0-percent"], stale["risks-0-shares-1-percent"] = "40", "40"
    before, actions = history_counts(), AgreementAction.objects.count()
    response = client.post(reverse("agreements:edit", args=[agreement.pk]), stale)
    assert response.status_code == 409
    assert history_counts() == before and AgreementAction.objects.count() == actions
    agreement.refresh_from_db()
    assert (agreement.title, agreement.version) == ("Orang lain", 2)
    with pytest.raises(ConflictError) as conflict:
        services.agreement_save(
            actor=staff_user,
            agreement=agreement,
            changes=AgreementChanges(fields={"title": "Lagi"}),
            expected_version=1,
        )
    assert conflict.value.current_version == 2
    assert history_counts() == before


def test_the_editor_shows_every_problem_in_one_round(client, staff_user):
    client.force_login(staff_user)
    data = create_submission(1)
    outsider = PartnerFactory()
    data["title"] = ""  # a field the form refuses
    data["risks-0-shares-2-percent"] = "10"  # 90 % in total: the service's
    data["benefits-0-shares-1-partner"] = str(outsider.pk)  # not a party: the service's
    response = client.post(reverse("agreements:create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bidang ini harus diisi." in html
    assert "Jumlah porsi 90 %, harus tepat 100 %." in html
    assert "Porsi hanya dapat diberikan kepada mitra yang tercantum sebagai pihak." in html
    assert Agreement.objects.count() == 0


def test_the_service_refuses_with_every_problem_by_place_and_writes_nothing(staff_user):
    a, b = PartnerFactory(), PartnerFactory()
    changes = AgreementChanges(
        fields={
            "title": "Uji",
            "category": "ksdpk",
            "start_date": datetime.date(2027, 1, 1),
            "end_date": datetime.date(2026, 1, 1),
        },  # fmt: skip
        parties=[RowChange(fields={"partner": a}), RowChange(fields={"partner": a})],
        obligations=[
            RowChange(fields={"partner": b.pk, "title": "X", "first_due_date": datetime.date(2026, 3, 1)})
        ],
        risks=[
            RowChange(
                fields={"category": "financial", "event": "Kurs", "likelihood": 9, "impact": 2},
                shares=[{"partner": a.pk, "percent": Decimal(90)}],
            )
        ],
    )
    with pytest.raises(ChangesRefused) as refused:
        services.agreement_save(actor=staff_user, changes=changes)
    problems = refused.value.problems
    assert problems[("agreement", None, None)] == ["Tanggal berakhir tidak boleh sebelum tanggal mulai."]
    assert problems[("parties", 1, None)] == ["Mitra ini sudah menjadi pihak dalam kerja sama ini."]
    assert problems[("obligations", 0, "partner")] == ["Pilih mitra yang tercantum sebagai pihak."]
    assert ("risks", 0, "likelihood") in problems
    assert problems[("risks", 0, "shares")] == ["Jumlah porsi 90 %, harus tepat 100 %."]
    assert isinstance(refused.value, ValidationError)
    assert Agreement.objects.count() == 0 and AgreementAction.objects.count() == 0


def _saved(staff_user):
    a, b, c = (PartnerFactory() for _ in range(3))
    agreement = services.agreement_save(
        actor=staff_user,
        changes=AgreementChanges(
            fields={
                "title": "Uji",
                "category": "ksdpk",
                "start_date": datetime.date(2030, 1, 1),
                "end_date": datetime.date(2030, 12, 31),
            },  # fmt: skip
            parties=[RowChange(fields={"partner": p}) for p in (a, b, c)],
            obligations=[
                RowChange(
                    fields={
                        "partner": a.pk,
                        "title": "Triwulan",
                        "frequency": "quarterly",
                        "first_due_date": datetime.date(2030, 3, 31),
                    }  # fmt: skip
                ),
                RowChange(
                    fields={
                        "partner": b.pk,
                        "title": "Bulanan",
                        "frequency": "monthly",
                        "first_due_date": datetime.date(2030, 1, 31),
                    }  # fmt: skip
                ),
            ],
            risks=[
                RowChange(
                    fields={"category": "financial", "event": "Kurs", "likelihood": 2, "impact": 2},
                    shares=[{"partner": a.pk, "percent": 50}, {"partner": b.pk, "percent": 50}],
                )
            ],
        ),
    )
    return agreement, (a, b, c)


def test_one_action_groups_every_history_record_of_a_save(staff_user):
    agreement, _partners = _saved(staff_user)
    action = AgreementAction.objects.get(agreement=agreement)
    assert (action.kind, action.version, action.actor) == ("create", 1, staff_user)
    assert action.summary["parties"] == {"created": 3}
    assert action.summary["obligations"] == {"created": 2}
    assert action.summary["occurrences"] == {"created": 4 + 12}
    for model in HISTORY_MODELS:
        records = model.history.all()
        assert records.count() == action.history_records(model).count(), model
    assert {r.history_user for r in ObligationOccurrence.history.all()} == {staff_user}


def test_shares_change_in_place(staff_user):
    agreement, (a, b, c) = _saved(staff_user)
    risk = agreement.risks.get()
    first, second = risk.shares.order_by("pk")
    untouched_history = first.history.count()
    services.risk_update(
        risk=risk,
        actor=staff_user,
        shares=[
            {"partner": a.pk, "percent": 50},
            {"partner": b.pk, "percent": 30},
            {"partner": c.pk, "percent": 20},
        ],
    )
    shares = {s.party.partner_id: s for s in risk.shares.select_related("party")}
    assert shares[a.pk].pk == first.pk and first.history.count() == untouched_history  # unchanged: no write
    assert shares[b.pk].pk == second.pk and shares[b.pk].percent == Decimal(30)  # changed in place
    assert shares[c.pk].percent == Decimal(20)  # new
    action = AgreementAction.objects.filter(agreement=agreement).first()
    assert action.summary == {"risk_shares": {"created": 1, "changed": 1}}
    agreement.refresh_from_db()
    assert agreement.version == 2


def test_occurrences_follow_only_the_schedule_or_end_date_that_changed(staff_user):
    agreement, _partners = _saved(staff_user)
    quarterly, monthly = agreement.obligations.order_by("pk")
    monthly_history = ObligationOccurrence.history.filter(obligation_id=monthly.pk).count()
    services.agreement_save(
        actor=staff_user,
        agreement=agreement,
        changes=AgreementChanges(obligations=[RowChange(id=quarterly.pk, fields={"frequency": "semester"})]),
    )
    assert quarterly.occurrences.count() == 2
    assert ObligationOccurrence.history.filter(obligation_id=monthly.pk).count() == monthly_history
    # The end date moves: both follow it (neither has its own until date).
    services.agreement_update(agreement=agreement, actor=staff_user, end_date=datetime.date(2030, 6, 30))
    assert monthly.occurrences.count() == 6 and quarterly.occurrences.count() == 1
    agreement.refresh_from_db()
    assert agreement.version == 3


def test_a_party_removed_and_added_again_keeps_its_row(client, staff_user):
    agreement, (a, _b, _c) = _saved(staff_user)
    data = edit_submission(agreement)
    party = agreement.parties.get(partner=a)
    data["parties-0-DELETE"] = "on"
    data.update(
        {"parties-TOTAL_FORMS": "4", "parties-3-partner": str(a.pk), "parties-3-signatory_name": "Baru"}
    )
    client.force_login(staff_user)
    response = client.post(reverse("agreements:edit", args=[agreement.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    party.refresh_from_db()
    assert (party.signatory_name, party.order) == ("Baru", 3)
    assert agreement.parties.count() == 3


def test_a_party_that_still_shares_a_risk_is_not_removed(staff_user):
    agreement, (_a, b, _c) = _saved(staff_user)
    party = agreement.parties.get(partner=b)
    agreement.obligations.filter(party=party).delete()
    with pytest.raises(ValidationError) as refused:
        services.party_remove(party=party, actor=staff_user)
    assert refused.value.messages == [
        "Pihak ini masih memiliki kontribusi atau porsi risiko/manfaat; ubah atau hapus dahulu."
    ]
    assert AgreementParty.objects.filter(pk=party.pk).exists()
