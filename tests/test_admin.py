"""The Django admin on seeded data: every changelist, search and change page answers for the admin user,
and the agreement admin leaves the lifecycle to the services."""

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.models import ApiToken, User
from accounts.tokens import token_create
from agreements.choices import Stage
from agreements.models import Agreement
from registry.models import OrganisationUnit
from tests.seeded import seeded_fixture

pytestmark = pytest.mark.django_db
_seeded = seeded_fixture()

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
OWN_APPS = {"accounts", "registry", "agreements", "evaluations"}


@pytest.fixture
def admin_client(client, seeded):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_model_of_the_domain_is_registered():
    from django.apps import apps

    for label in OWN_APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical") or model._meta.auto_created:
                continue
            assert model in admin.site._registry, model


@pytest.mark.parametrize("model, model_admin", REGISTERED, ids=[m._meta.label for m, _a in REGISTERED])
def test_changelist_search_and_change_page(admin_client, model, model_admin):
    assert admin_client.get(_url(model, "changelist")).status_code == 200
    if model_admin.search_fields:
        response = admin_client.get(_url(model, "changelist"), {"q": "Jember"})
        assert response.status_code == 200
    if model is ApiToken:
        # The demo carries no credentials: the token whose change page is opened is made here.
        token_create(user=User.objects.get(username="admin"), name="admin")
    obj = model._default_manager.order_by("pk").first()
    if model._meta.app_label in OWN_APPS and model.__name__ not in {"Invitation", "CalendarToken"}:
        assert obj is not None, f"seed_demo leaves {model.__name__} empty"
    if obj is not None:
        assert admin_client.get(_url(model, "change", obj.pk)).status_code == 200
        if hasattr(model_admin, "history_view"):
            assert admin_client.get(_url(model, "history", obj.pk)).status_code == 200


def test_search_finds_the_agreement(admin_client):
    response = admin_client.get(_url(Agreement, "changelist"), {"q": "Pasar Tanjung"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


def test_agreement_admin_saves_through_the_services_and_never_moves_the_stage(admin_client):
    agreement = Agreement.objects.get(title="KPBU Revitalisasi Pasar Tradisional Tanjung")
    version = agreement.version
    page = admin_client.get(_url(Agreement, "change", agreement.pk))
    form = page.context["adminform"].form
    assert "stage" not in form.fields and "version" not in form.fields
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["related_units"] = [u.pk for u in agreement.related_units.all()]
    data["title"] = "KPBU Revitalisasi Pasar Tanjung (judul baru)"
    data["stage"] = Stage.COMPLETED
    for prefix, formset in _inline_prefixes(page):
        data[f"{prefix}-TOTAL_FORMS"] = formset.total_form_count()
        data[f"{prefix}-INITIAL_FORMS"] = formset.initial_form_count()
        data[f"{prefix}-MIN_NUM_FORMS"] = 0
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
        for index, inline_form in enumerate(formset.forms):
            data[f"{prefix}-{index}-id"] = inline_form.instance.pk
            data[f"{prefix}-{index}-{formset.fk.name}"] = agreement.pk
    response = admin_client.post(_url(Agreement, "change", agreement.pk), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    agreement.refresh_from_db()
    assert agreement.title.endswith("(judul baru)")
    assert agreement.stage == Stage.IMPLEMENTATION
    assert agreement.version == version + 1
    assert agreement.history.first().history_user.username == "admin"


def _inline_prefixes(page):
    for inline in page.context["inline_admin_formsets"]:
        yield inline.formset.prefix, inline.formset


def test_agreement_added_in_admin_starts_in_preparation(admin_client):
    unit = OrganisationUnit.objects.get(short_name="Bappeda")
    page = admin_client.get(_url(Agreement, "add"))
    data = {
        "title": "Kerja sama dari admin",
        "category": "ksdpk",
        "initiative": "region",
        "lead_unit": unit.pk,
    }
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = admin_client.post(_url(Agreement, "add"), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    created = Agreement.objects.get(title="Kerja sama dari admin")
    assert created.stage == Stage.PREPARATION
    assert created.created_by.username == "admin"


def test_obligation_admin_cannot_change_a_schedule_past_the_service(admin_client):
    """Schedules change through agreement_save, which regenerates the occurrences: the obligation admin
    shows the obligation but refuses a POST that would change its schedule behind the service's back."""
    from agreements.models import Obligation

    obligation = Obligation.objects.filter(frequency="quarterly").order_by("pk").first()
    dues = list(obligation.occurrences.order_by("due_date").values_list("due_date", flat=True))
    page = admin_client.get(_url(Obligation, "change", obligation.pk))
    assert page.status_code == 200
    assert "frequency" not in page.context["adminform"].form.fields  # shown read-only
    data = {"frequency": "monthly", "first_due_date": obligation.first_due_date.isoformat(), "title": "x"}
    assert admin_client.post(_url(Obligation, "change", obligation.pk), data).status_code == 403
    assert admin_client.post(_url(Obligation, "add"), data).status_code == 403
    obligation.refresh_from_db()
    assert obligation.frequency == "quarterly"
    assert list(obligation.occurrences.order_by("due_date").values_list("due_date", flat=True)) == dues


@pytest.mark.parametrize(
    "label",
    [
        "agreements.AgreementParty",
        "agreements.Obligation",
        "agreements.ObligationOccurrence",
        "agreements.Risk",
        "agreements.RiskShare",
        "agreements.Benefit",
        "agreements.BenefitShare",
        "agreements.Contribution",
        "agreements.Instrument",
        "agreements.InstrumentNumber",
        "evaluations.Evaluation",
        "evaluations.Indicator",
        "evaluations.Observation",
        "evaluations.Challenge",
        "registry.Membership",
    ],
)
def test_admins_of_models_with_invariants_are_view_only(rf, label):
    from django.apps import apps
    from django.contrib.auth import get_user_model

    request = rf.get("/")
    request.user = get_user_model()(is_superuser=True, is_staff=True, is_active=True)
    model_admin = admin.site._registry[apps.get_model(label)]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
