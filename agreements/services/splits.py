"""Risks, benefits and contributions with their per-party shares."""

from django.db import transaction
from django.utils.translation import gettext as _

from core.services import refuse, save_validated

from ..models import Benefit, BenefitRealisation, Contribution, Risk
from .rows import RowChange, refreshed, save_one_row
from .versioning import bump_version


def _row(instance=None, *, shares=None, delete=False, **data) -> RowChange:
    return RowChange(
        id=instance.pk if instance is not None else None,
        fields=data,
        shares=list(shares) if shares is not None else None,
        delete=delete,
    )


@transaction.atomic
def risk_create(*, agreement, actor, shares=(), expected_version=None, **data) -> Risk:
    """shares: a list of {"party": AgreementParty, "percent": Decimal}; empty or totalling 100."""
    return save_one_row(agreement, actor, expected_version, "risks", _row(shares=shares, **data))


@transaction.atomic
def risk_update(*, risk: Risk, actor, shares=None, expected_version=None, **data) -> Risk:
    """Change the given fields; `shares`, when given, becomes the risk's whole split."""
    saved = save_one_row(risk.agreement, actor, expected_version, "risks", _row(risk, shares=shares, **data))
    return refreshed(risk, saved)


@transaction.atomic
def risk_delete(*, risk: Risk, actor, expected_version=None) -> None:
    save_one_row(risk.agreement, actor, expected_version, "risks", _row(risk, delete=True))


@transaction.atomic
def benefit_create(*, agreement, actor, shares=(), expected_version=None, **data) -> Benefit:
    """shares: {"party", "percent"} for a percent split or {"party", "amount"} for an amount split."""
    return save_one_row(agreement, actor, expected_version, "benefits", _row(shares=shares, **data))


@transaction.atomic
def benefit_update(*, benefit: Benefit, actor, shares=None, expected_version=None, **data) -> Benefit:
    """Change the given fields; a new split method checks the shares kept against it."""
    saved = save_one_row(
        benefit.agreement, actor, expected_version, "benefits", _row(benefit, shares=shares, **data)
    )
    return refreshed(benefit, saved)


@transaction.atomic
def benefit_delete(*, benefit: Benefit, actor, expected_version=None) -> None:
    save_one_row(benefit.agreement, actor, expected_version, "benefits", _row(benefit, delete=True))


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
    return save_one_row(agreement, actor, expected_version, "contributions", _row(**data))


@transaction.atomic
def contribution_update(*, contribution: Contribution, actor, expected_version=None, **data) -> Contribution:
    saved = save_one_row(
        contribution.agreement, actor, expected_version, "contributions", _row(contribution, **data)
    )
    return refreshed(contribution, saved)


@transaction.atomic
def contribution_delete(*, contribution: Contribution, actor, expected_version=None) -> None:
    save_one_row(
        contribution.agreement, actor, expected_version, "contributions", _row(contribution, delete=True)
    )
