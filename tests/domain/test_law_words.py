"""The words corrected after review (issue 10, item 9) are the words the pages show, in both languages,
and the one challenge category that split in two carries its old rows over."""

import datetime
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from agreements.choices import BenefitKind, PartyRole, Stage
from agreements.models import Instrument
from evaluations.choices import CRITERIA, ChallengeCategory, PeriodType
from evaluations.models import Challenge, Evaluation
from tests.agreements.factories import AgreementFactory


def test_the_labels_use_the_corrected_words():
    with translation.override("id"):
        assert str(PartyRole.LEAD.label) == "Penanggung Jawab"
        assert str(Stage.TERMINATED.label) == "Diakhiri sebelum waktunya"
        assert str(BenefitKind.CSR.label) == "TJSL/CSR"
        assert str(BenefitKind.ASSETS.label) == "Aset yang diserahterimakan"
        assert str(PeriodType.AD_HOC.label) == "Insidental"
        assert str(Instrument._meta.get_field("has_duty_stamp").verbose_name) == "bermeterai"
        labels = {str(label) for _value, label in ChallengeCategory.choices}
        assert {
            "Perbedaan tujuan/kepentingan",
            "Benturan kepentingan",
            "Perubahan kebijakan/kepemimpinan",
        } <= labels
        assert "Konflik kepentingan" not in labels
        criteria = dict(CRITERIA)
        assert str(criteria["score_administration"]) == "Kelancaran administrasi"
        assert (
            str(Evaluation._meta.get_field("score_administration").verbose_name) == "Kelancaran administrasi"
        )
    with translation.override("en"):
        assert str(Stage.TERMINATED.label) == "Terminated early"
        assert str(ChallengeCategory.DIVERGENT_GOALS.label) == "Divergent goals/interests"
        assert str(dict(CRITERIA)["score_administration"]) == "Smooth administration"


def test_every_criterion_reads_so_that_five_is_very_good():
    """A criterion named for an obstacle would turn the scale upside down."""
    from evaluations.forms import ScoreField

    with translation.override("id"):
        assert str(ScoreField("x").help_text) == "1 = sangat kurang, 5 = sangat baik"
        for _name, label in CRITERIA:
            assert not str(label).lower().startswith(("hambatan", "kendala", "masalah")), label


@pytest.mark.django_db
def test_old_conflict_of_interest_challenges_become_divergent_goals_and_back():
    agreement = AgreementFactory()
    challenge = Challenge.objects.create(
        agreement=agreement,
        category="conflict_of_interest",
        description="Para pihak berbeda kepentingan atas lokasi",
        reported_on=datetime.date(2026, 1, 5),
    )
    other = Challenge.objects.create(
        agreement=agreement,
        category="resources",
        description="Anggaran kurang",
        reported_on=datetime.date(2026, 1, 5),
    )
    migration = import_module("evaluations.migrations.0003_words_corrected")
    migration.split_conflict_of_interest(apps, None)
    challenge.refresh_from_db()
    other.refresh_from_db()
    assert (challenge.category, other.category) == (ChallengeCategory.DIVERGENT_GOALS, "resources")
    migration.merge_back(apps, None)
    challenge.refresh_from_db()
    assert challenge.category == "conflict_of_interest"


@pytest.mark.django_db
def test_breadcrumbs_are_named_jejak_navigasi_on_staff_pages_and_the_portal(client, staff_user):
    agreement = AgreementFactory(is_public=True)
    client.force_login(staff_user)
    html = client.get(
        reverse("agreements:detail", args=[agreement.pk]), HTTP_ACCEPT_LANGUAGE="id"
    ).content.decode()
    assert 'aria-label="Jejak navigasi"' in html
    for template in (
        "portal/agreement.html",
        "portal/occurrence.html",
        "public/detail.html",
        "registry/partner_detail.html",
    ):
        from django.template.loader import get_template

        source = get_template(template).template.source
        assert "{% translate 'Jejak navigasi' %}" in source, template
        assert "Remah roti" not in source and 'aria-label="breadcrumb"' not in source, template
