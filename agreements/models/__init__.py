from .actions import AgreementAction
from .agreement import Agreement, ChecklistTick, StageTransition, TkksdReview
from .documents import Document
from .obligations import Obligation, ObligationOccurrence
from .parties import AgreementParty, Instrument, InstrumentNumber
from .splits import Benefit, BenefitRealisation, BenefitShare, Contribution, Risk, RiskShare

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
    "Instrument",
    "InstrumentNumber",
    "Obligation",
    "ObligationOccurrence",
    "Risk",
    "RiskShare",
    "StageTransition",
    "TkksdReview",
]
