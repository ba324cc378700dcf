"""Risks, benefits and contributions with their per-party shares."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import apply_changes, refuse, save_validated

from ..choices import SplitMethod
from ..models import Benefit, BenefitRealisation, BenefitShare, Contribution, Risk, RiskShare
from ..splits import percent_split_problems
from .versioning import bump_version


def _check_parties(agreement, shares):
    parties = [share["party"] for share in shares]
    if any(p.agreement_id != agreement.pk for p in parties):
        refuse(_("Porsi hanya dapat diberikan kepada pihak dalam kerja sama ini."))
    if len({p.pk for p in parties}) != len(parties):
        refuse(_("Setiap pihak hanya boleh muncul sekali dalam satu pembagian."))


def _replace_risk_shares(risk, shares, actor):
    _check_parties(risk.agreement, shares)
    problems = percent_split_problems([s["percent"] for s in shares])
    if problems:
        raise ValidationError({"shares": problems})
    for old in risk.shares.all():
        old._history_user = actor
        old.delete()
    for share in shares:
        save_validated(RiskShare(risk=risk, party=share["party"], percent=share["percent"]), actor)


@transaction.atomic
def risk_create(*, agreement, actor, shares=(), expected_version=None, **data) -> Risk:
    """shares: a list of {"party": AgreementParty, "percent": Decimal}; empty or totalling 100."""
    bump_version(agreement, expected_version)
    risk = save_validated(Risk(agreement=agreement, **data), actor)
    _replace_risk_shares(risk, list(shares), actor)
    return risk


@transaction.atomic
def risk_update(*, risk: Risk, actor, shares=None, expected_version=None, **data) -> Risk:
    bump_version(risk.agreement, expected_version)
    apply_changes(risk, actor, data)
    if shares is not None:
        _replace_risk_shares(risk, list(shares), actor)
    return risk


def _delete(instance, actor, expected_version=None):
    bump_version(instance.agreement, expected_version)
    instance._history_user = actor
    instance.delete()


@transaction.atomic
def risk_delete(*, risk: Risk, actor, expected_version=None) -> None:
    _delete(risk, actor, expected_version)


def _replace_benefit_shares(benefit, shares, actor):
    _check_parties(benefit.agreement, shares)
    if benefit.split_method == SplitMethod.PERCENT:
        if any(s.get("amount") is not None for s in shares) or any(s.get("percent") is None for s in shares):
            raise ValidationError(
                {"shares": [_("Manfaat dibagi dalam persen: isi persen saja untuk setiap pihak.")]}
            )
        problems = percent_split_problems([s["percent"] for s in shares])
        if problems:
            raise ValidationError({"shares": problems})
    elif any(s.get("percent") is not None for s in shares) or any(s.get("amount") is None for s in shares):
        raise ValidationError(
            {"shares": [_("Manfaat dibagi dalam nominal: isi nominal saja untuk setiap pihak.")]}
        )
    for old in benefit.shares.all():
        old._history_user = actor
        old.delete()
    for share in shares:
        save_validated(
            BenefitShare(
                benefit=benefit,
                party=share["party"],
                percent=share.get("percent"),
                amount=share.get("amount"),
            ),
            actor,
        )


@transaction.atomic
def benefit_create(*, agreement, actor, shares=(), expected_version=None, **data) -> Benefit:
    """shares: {"party", "percent"} for a percent split or {"party", "amount"} for an amount split."""
    bump_version(agreement, expected_version)
    benefit = save_validated(Benefit(agreement=agreement, **data), actor)
    _replace_benefit_shares(benefit, list(shares), actor)
    return benefit


@transaction.atomic
def benefit_update(*, benefit: Benefit, actor, shares=None, expected_version=None, **data) -> Benefit:
    bump_version(benefit.agreement, expected_version)
    apply_changes(benefit, actor, data)
    if shares is None and "split_method" in data:
        shares = [{"party": s.party, "percent": s.percent, "amount": s.amount} for s in benefit.shares.all()]
    if shares is not None:
        _replace_benefit_shares(benefit, list(shares), actor)
    return benefit


@transaction.atomic
def benefit_delete(*, benefit: Benefit, actor, expected_version=None) -> None:
    _delete(benefit, actor, expected_version)


@transaction.atomic
def realisation_create(*, benefit: Benefit, actor, expected_version=None, **data) -> BenefitRealisation:
    party = data.get("party")
    if party is not None and party.agreement_id != benefit.agreement_id:
        refuse(_("Penerima harus pihak dalam kerja sama ini."))
    proof = data.get("proof")
    if proof is not None and proof.agreement_id != benefit.agreement_id:
        refuse(_("Bukti harus dokumen dari kerja sama yang sama."))
    bump_version(benefit.agreement, expected_version)
    return save_validated(BenefitRealisation(benefit=benefit, **data), actor)


@transaction.atomic
def contribution_create(*, agreement, actor, expected_version=None, **data) -> Contribution:
    if data["party"].agreement_id != agreement.pk:
        refuse(_("Kontribusi harus dari pihak dalam kerja sama ini."))
    bump_version(agreement, expected_version)
    return save_validated(Contribution(agreement=agreement, **data), actor)


@transaction.atomic
def contribution_update(*, contribution: Contribution, actor, expected_version=None, **data) -> Contribution:
    bump_version(contribution.agreement, expected_version)
    return apply_changes(contribution, actor, data)


@transaction.atomic
def contribution_delete(*, contribution: Contribution, actor, expected_version=None) -> None:
    _delete(contribution, actor, expected_version)
