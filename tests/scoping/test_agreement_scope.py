"""Who sees which agreements and which of their parts (DESIGN.md §1), for every model with `visible_to`.

The world (world.py) names every object `<agreement>.<kind>[.internal]`; `.internal` marks the version
not shared with the parties. The rules below are the specification, stated on those names.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

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

INTERNAL = ("staff", "manager", "admin")
NOBODY = ("partner_A_expired", "partner_A_future", "opd_expired", "no_role")

AGREEMENTS = {
    **dict.fromkeys(INTERNAL, {"shared", "b_only", "a_private", "archived"}),
    # Lead OPD and related OPD alike; the archived agreement they lead is hidden from them.
    "opd_lead": {"shared"},
    "opd_related": {"shared"},
    "partner_A": {"shared", "a_private"},
    "partner_B": {"shared", "b_only"},
    # Public and live only.
    "anonymous": {"shared"},
    **dict.fromkeys(NOBODY, set()),
}

CHILD_MODELS = [
    AgreementParty,
    Instrument,
    InstrumentNumber,
    Obligation,
    ObligationOccurrence,
    Risk,
    RiskShare,
    Benefit,
    BenefitShare,
    BenefitRealisation,
    Contribution,
    Document,
    StageTransition,
    ChecklistTick,
    TkksdReview,
    Evaluation,
    Indicator,
    Observation,
    Challenge,
]

# Internal working records a partner user never sees, even of its own agreements.
NEVER_FOR_PARTNERS = {"transition", "tick", "tkksd", "doc.internal"}


def _agreement_of(key):
    return key.split(".", 1)[0]


def _kind(key):
    return key.split(".", 1)[1] if "." in key else ""


def _shared_with_parties(key):
    kind = _kind(key)
    return not kind.endswith(".internal") and kind not in NEVER_FOR_PARTNERS


def _public(key):
    return _kind(key).startswith("party.") or _kind(key) == "doc.public"


def expected_children(world, model, role):
    keys = set(world.objs.get(model, {}))
    seen = AGREEMENTS[role]
    if role in INTERNAL:
        return keys
    if role.startswith("opd"):
        return {k for k in keys if _agreement_of(k) in seen}
    if role.startswith("partner"):
        return {k for k in keys if _agreement_of(k) in seen and _shared_with_parties(k)}
    if role == "anonymous":
        return {k for k in keys if _agreement_of(k) in seen and _public(k)}
    return set()


ROLES = list(AGREEMENTS)


@pytest.mark.parametrize("role", ROLES)
def test_agreements(world, role):
    visible = Agreement.objects.visible_to(world.users[role])
    assert world.keys(Agreement, visible) == AGREEMENTS[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", CHILD_MODELS, ids=lambda m: m.__name__)
def test_children(world, role, model):
    visible = model.objects.visible_to(world.users[role])
    assert world.keys(model, visible) == expected_children(world, model, role)


def test_the_world_has_every_kind_of_child(world):
    for model in CHILD_MODELS:
        assert world.objs.get(model), model
    assert {"shared.riskshare", "shared.riskshare.internal", "shared.evidence.internal"} <= set(
        world.objs[RiskShare] | world.objs[Document]
    )


def test_partner_sees_co_party_but_nothing_else_of_the_other_partner(world):
    user = world.users["partner_A"]
    parties = world.keys(AgreementParty, AgreementParty.objects.visible_to(user))
    assert "shared.party.B" in parties
    assert not {k for k in parties if k.startswith("b_only")}
    b_obligations = Obligation.objects.visible_to(user).filter(agreement=world.objs[Agreement]["b_only"])
    assert not b_obligations.exists()
    # B's obligation in the shared agreement is shared with the parties, so A sees it.
    assert world.keys(Obligation, Obligation.objects.visible_to(user)) == {"shared.obligation"}


def test_public_sees_only_public_documents_of_public_live_agreements(world):
    for anonymous in (None, AnonymousUser()):
        assert world.keys(Document, Document.objects.visible_to(anonymous)) == {"shared.doc.public"}


def test_expired_membership_gives_no_access_but_a_valid_one_again_does(world):
    from django.contrib.auth import get_user_model

    from registry.models import Membership

    user = world.users["partner_A_expired"]
    assert not Agreement.objects.visible_to(user).exists()
    membership = Membership.objects.get(pk=world.objs[Membership]["membership.partner_A_expired"].pk)
    membership.valid_until = None
    membership.save(update_fields=["valid_until"])
    # The scope's ids are cached on the user object for a request; the next request reads the user afresh.
    user = get_user_model().objects.get(pk=user.pk)
    assert world.keys(Agreement, Agreement.objects.visible_to(user)) == {"shared", "a_private"}


def test_restoring_an_archived_agreement_shows_it_again(world):
    archived = Agreement.objects.get(pk=world.objs[Agreement]["archived"].pk)
    archived.archived_at = None
    archived.save(update_fields=["archived_at"])
    assert world.keys(Agreement, Agreement.objects.visible_to(world.users["opd_lead"])) == {
        "shared",
        "archived",
    }
    assert world.keys(Agreement, Agreement.objects.visible_to(None)) == {"shared", "archived"}


def test_scoping_is_one_query_after_the_users_roles_and_memberships(world, django_assert_num_queries):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(pk=world.users["partner_A"].pk)
    with django_assert_num_queries(3):  # the user's roles, their membership ids, then the scoped rows
        list(Document.objects.visible_to(user))
    with django_assert_num_queries(1):  # both cached on the user object: the next read is one query
        list(Agreement.objects.visible_to(user))
