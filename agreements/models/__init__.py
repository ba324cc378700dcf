from .actions import AgreementAction
from .agreement import Agreement, ChecklistTick, StageTransition, TkksdReview
from .documents import Document
from .legacy import LegacyEntry, LegacyStep
from .obligations import Obligation, ObligationOccurrence
from .parties import AgreementParty, Instrument, InstrumentNumber
from .splits import Benefit, BenefitRealisation, BenefitShare, Contribution, Risk, RiskShare
from .structure import FundingSource

__all__ = [
    "Agreement",
    "AgreementAction",
    "AgreementParty",
    "Benefit",
    "BenefitRealisation",
    "BenefitShare",
    "ChecklistTick",
    "Contribution",
    "Document",
    "FundingSource",
    "Instrument",
    "InstrumentNumber",
    "LegacyEntry",
    "LegacyStep",
    "Obligation",
    "ObligationOccurrence",
    "Risk",
    "RiskShare",
    "StageTransition",
    "TkksdReview",
]
