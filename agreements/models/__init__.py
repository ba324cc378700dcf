from .actions import AgreementAction
from .agreement import Agreement, ChecklistTick, StageTransition, TkksdReview
from .documents import Document
from .legacy import LegacyEntry, LegacyStep
from .obligations import Obligation, ObligationOccurrence
from .parties import AgreementParty, Instrument, InstrumentNumber
from .process import (
    Approval,
    BenefitStudy,
    Dispute,
    DisputeStage,
    Handover,
    InitiativeLetter,
    LegalReview,
    ProcessRules,
)
from .splits import Benefit, BenefitRealisation, BenefitShare, Contribution, Risk, RiskShare
from .structure import FundingSource

__all__ = [
    "Agreement",
    "AgreementAction",
    "AgreementParty",
    "Approval",
    "Benefit",
    "BenefitRealisation",
    "BenefitShare",
    "BenefitStudy",
    "ChecklistTick",
    "Contribution",
    "Dispute",
    "DisputeStage",
    "Document",
    "FundingSource",
    "Handover",
    "InitiativeLetter",
    "Instrument",
    "InstrumentNumber",
    "LegacyEntry",
    "LegacyStep",
    "LegalReview",
    "Obligation",
    "ObligationOccurrence",
    "ProcessRules",
    "Risk",
    "RiskShare",
    "StageTransition",
    "TkksdReview",
]
