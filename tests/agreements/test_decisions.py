"""The managers' dashboard of decisions against a hand count: TKKSD reviews and approvals waiting,
overdue obligations by partner and by OPD, benefits realised against planned this year — and each
figure's link opens the agreement list showing exactly the agreements behind it."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.choices import (
    ApprovalKind,
    ApprovalResult,
    OccurrenceStatus,
    SplitMethod,
    Stage,
    TkksdDecision,
)
from agreements.models import Approval, Benefit, BenefitRealisation, BenefitShare, TkksdReview
from agreements.selectors_decisions import decisions
from tests.agreements.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    ObligationFactory,
    OccurrenceFactory,
)
from tests.registry.factories import OrganisationUnitFactory, PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio():
    today = timezone.localdate()
    year_start = datetime.date(today.year, 1, 1)
    pertanian = OrganisationUnitFactory(name="Dinas Pertanian")
    dishub = OrganisationUnitFactory(name="Dinas Perhubungan")
    satu, dua = PartnerFactory(name="PT Satu"), PartnerFactory(name="CV Dua")
    w = SimpleNamespace(pertanian=pertanian, dishub=dishub, satu=satu, dua=dua)
    # TKKSD: no review yet, a review asking for a revision (waiting again), a feasible one (not waiting).
    w.no_review = AgreementFactory(title="Belum dibahas", stage=Stage.PREPARATION, lead_unit=pertanian)
    w.revise = AgreementFactory(title="Perlu revisi", stage=Stage.PREPARATION, lead_unit=dishub)
    TkksdReview.objects.create(agreement=w.revise, review_date=today, decision=TkksdDecision.REVISE)
    feasible = AgreementFactory(title="Layak", stage=Stage.PREPARATION)
    TkksdReview.objects.create(agreement=feasible, review_date=today, decision=TkksdDecision.FEASIBLE)
    # Approvals: one pending, one decided, one pending on an archived agreement (left out).
    w.pending = AgreementFactory(title="Menunggu DPRD", stage=Stage.SIGNING)
    Approval.objects.create(agreement=w.pending, kind=ApprovalKind.DPRD)
    decided = AgreementFactory(title="Sudah disetujui", stage=Stage.SIGNING)
    Approval.objects.create(
        agreement=decided, kind=ApprovalKind.DPRD, result=ApprovalResult.APPROVED, decided_on=today
    )
    archived = AgreementFactory(title="Diarsipkan", stage=Stage.SIGNING, archived_at=timezone.now())
    Approval.objects.create(agreement=archived, kind=ApprovalKind.DPRD)
    # Overdue: in "Pasar", PT Satu has two overdue obligations (one with two overdue occurrences, one
    # the transport office answers for) and CV Dua one; in "Irigasi" CV Dua one more.
    w.pasar = AgreementFactory(
        title="Pasar", stage=Stage.IMPLEMENTATION, lead_unit=pertanian, start_date=year_start,
        end_date=year_start + datetime.timedelta(days=800),
    )  # fmt: skip
    p_satu = AgreementPartyFactory(agreement=w.pasar, partner=satu)
    p_dua = AgreementPartyFactory(agreement=w.pasar, partner=dua)
    twice = ObligationFactory(party=p_satu, title="Setoran")
    for days in (40, 10):
        OccurrenceFactory(obligation=twice, due_date=today - datetime.timedelta(days=days),
                          status=OccurrenceStatus.OVERDUE)  # fmt: skip
    OccurrenceFactory(
        obligation__party=p_satu, obligation__responsible_unit=dishub, status=OccurrenceStatus.OVERDUE
    )
    OccurrenceFactory(obligation__party=p_dua, status=OccurrenceStatus.OVERDUE)
    OccurrenceFactory(obligation__party=p_dua, status=OccurrenceStatus.FULFILLED)  # not late
    w.irigasi = AgreementFactory(title="Irigasi", stage=Stage.IMPLEMENTATION, lead_unit=dishub)
    OccurrenceFactory(
        obligation__party=AgreementPartyFactory(agreement=w.irigasi, partner=dua),
        status=OccurrenceStatus.OVERDUE,
    )
    # Benefits: planned Rp 150 million in "Pasar"; Rp 40 million realised this year, 10 last year.
    benefit = Benefit.objects.create(
        agreement=w.pasar, kind="fixed_contribution", split_method=SplitMethod.AMOUNT
    )
    BenefitShare.objects.create(benefit=benefit, party=p_satu, amount=Decimal("100000000"))
    BenefitShare.objects.create(benefit=benefit, party=p_dua, amount=Decimal("50000000"))
    BenefitRealisation.objects.create(
        benefit=benefit, party=p_satu, realised_on=today, amount=Decimal("40000000")
    )
    BenefitRealisation.objects.create(
        benefit=benefit,
        party=p_satu,
        realised_on=year_start - datetime.timedelta(days=1),
        amount=Decimal("10000000"),
    )
    not_running = Benefit.objects.create(agreement=w.no_review, kind="csr", split_method=SplitMethod.AMOUNT)
    BenefitShare.objects.create(
        benefit=not_running, party=AgreementPartyFactory(agreement=w.no_review), amount=Decimal("999")
    )
    return w


def _listed(client, query) -> set[str]:
    response = client.get(f"{reverse('agreements:list')}?{query}")
    assert response.status_code == 200
    return {agreement.title for agreement in response.context["agreements"]}


def test_the_figures_match_a_hand_count(portfolio, manager_user):
    w = portfolio
    figures = decisions(manager_user)
    assert figures["waiting_tkksd"].count == 2
    assert figures["waiting_approval"].count == 1
    assert [(r.label, r.count) for r in figures["overdue_by_partner"]] == [("CV Dua", 2), ("PT Satu", 2)]
    assert [(r.label, r.count) for r in figures["overdue_by_unit"]] == [
        ("Dinas Perhubungan", 2),
        ("Dinas Pertanian", 2),
    ]
    assert (figures["benefit_planned"], figures["benefit_realised"], figures["benefit_percent"]) == (
        Decimal("150000000"),
        Decimal("40000000"),
        27,
    )
    assert figures["overdue_by_unit"][0].query == f"overdue_unit={w.dishub.pk}"


def test_each_figure_links_to_the_agreements_behind_it(client, portfolio, manager_user):
    w = portfolio
    client.force_login(manager_user)
    figures = decisions(manager_user)
    assert _listed(client, figures["waiting_tkksd"].query) == {"Belum dibahas", "Perlu revisi"}
    assert _listed(client, figures["waiting_approval"].query) == {"Menunggu DPRD"}
    by_partner = {r.label: r.query for r in figures["overdue_by_partner"]}
    assert _listed(client, by_partner["PT Satu"]) == {"Pasar"}
    assert _listed(client, by_partner["CV Dua"]) == {"Pasar", "Irigasi"}
    by_unit = {r.label: r.query for r in figures["overdue_by_unit"]}
    assert _listed(client, by_unit["Dinas Perhubungan"]) == {"Pasar", "Irigasi"}
    assert _listed(client, by_unit["Dinas Pertanian"]) == {"Pasar"}
    assert _listed(client, figures["benefit_query"]) == {"Pasar"}
    assert w.pasar.title == "Pasar"


def test_the_dashboard_shows_them_as_links(client, portfolio, manager_user):
    client.force_login(manager_user)
    page = client.get(reverse("dashboard")).content.decode()
    list_url = reverse("agreements:list")
    assert f'href="{list_url}?waiting=tkksd" id="decision-tkksd">2</a>' in page
    assert f'href="{list_url}?waiting=approval" id="decision-approval">1</a>' in page
    assert f'href="{list_url}?overdue_partner={portfolio.satu.pk}">PT Satu</a>' in page
    assert "Rp 40.000.000" in page and "Rp 150.000.000" in page


def test_a_waiting_value_that_is_no_choice_is_refused(client, portfolio, manager_user):
    client.force_login(manager_user)
    response = client.get(reverse("agreements:list"), {"waiting": "dprd", "benefit_year": "tahun"})
    assert response.status_code == 200
    assert {"waiting", "benefit_year"} <= set(response.context["filterset"].errors)


def test_the_decisions_read_a_fixed_number_of_queries(portfolio, manager_user, django_assert_num_queries):
    decisions(manager_user)  # the manager's roles are read once, then kept on the user
    for _ in range(5):
        AgreementFactory(stage=Stage.PREPARATION)
        OccurrenceFactory(obligation__party__partner=PartnerFactory(), status=OccurrenceStatus.OVERDUE)
    with django_assert_num_queries(DECISION_QUERIES):
        figures = decisions(manager_user)
    assert figures["waiting_tkksd"].count == 2 + 5 + 5  # the occurrences' agreements are in preparation too


# waiting for TKKSD, waiting for approval, overdue by partner, by OPD, planned, realised
DECISION_QUERIES = 6


def test_ending_within_90_days_counts_what_its_link_lists(client, portfolio, manager_user):
    today = timezone.localdate()
    soon = datetime.timedelta(days=30)
    AgreementFactory(title="Segera berakhir", stage=Stage.IMPLEMENTATION, end_date=today + soon)
    AgreementFactory(title="Sudah selesai", stage=Stage.COMPLETED, end_date=today + soon)
    AgreementFactory(
        title="Masih lama", stage=Stage.IMPLEMENTATION, end_date=today + datetime.timedelta(days=400)
    )
    client.force_login(manager_user)
    context = client.get(reverse("dashboard")).context
    assert context["ending_soon_count"] == 1
    assert _listed(client, f"ending_within_days={context['ending_soon_days']}") == {"Segera berakhir"}


def test_the_rankings_show_the_ten_with_most_and_link_to_the_rest(client, portfolio, manager_user):
    """PT Satu and CV Dua lead with two each; twelve more partners have one overdue obligation: the
    ranking stops at ten and links to every agreement with an overdue obligation."""
    for n in range(12):
        OccurrenceFactory(
            obligation__party__partner=PartnerFactory(name=f"Mitra {n:02}"), status=OccurrenceStatus.OVERDUE
        )
    figures = decisions(manager_user)
    ranked = [(r.label, r.count) for r in figures["overdue_by_partner"]]
    assert ranked == [("CV Dua", 2), ("PT Satu", 2)] + [(f"Mitra {n:02}", 1) for n in range(8)]
    assert figures["overdue_by_partner_more"] is True
    client.force_login(manager_user)
    page = client.get(reverse("dashboard")).content.decode()
    table = page[page.index('id="overdue-by-partner"') : page.index('id="h-overdue-unit"')]
    assert table.count("overdue_partner=") == 10
    assert f'href="{reverse("agreements:list")}?has_overdue=true">Hanya 10 teratas' in table


def test_a_short_ranking_has_no_link_to_more(portfolio, manager_user):
    figures = decisions(manager_user)
    assert figures["overdue_by_partner_more"] is False and figures["overdue_by_unit_more"] is False
