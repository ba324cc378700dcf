"""Forms for recording the law's steps on an agreement's page (issue 10): one ModelForm per record,
its choices of documents, addenda and parties limited to the agreement in hand."""

from django import forms

from ..choices import InstrumentKind
from ..models import Approval, BenefitStudy, Dispute, DisputeStage, Handover, InitiativeLetter, LegalReview
from .widgets import DateInput

DATE_FIELDS = (
    "submitted_on",
    "decided_on",
    "study_date",
    "review_date",
    "letter_date",
    "answered_on",
    "raised_on",
    "started_on",
    "ended_on",
    "handed_over_on",
)


class ProcessRecordForm(forms.ModelForm):
    """A record of one step; the service does the saving (`service_data()` is its input)."""

    def __init__(self, *args, agreement, part=None, **kwargs):
        super().__init__(*args, instance=part, **kwargs)
        self.agreement = agreement
        for name, field in self.fields.items():
            if name in DATE_FIELDS:
                field.widget = DateInput()
            if name in ("document", "answer_document"):
                field.queryset = agreement.documents.order_by("-uploaded_at")
            if name in ("raised_by", "from_party", "to_party"):
                field.queryset = agreement.parties.select_related("partner").order_by("order")
            if name == "instrument":
                field.queryset = agreement.instruments.all()
        if "instrument" in self.fields and self._meta.model is Approval:
            self.fields["instrument"].queryset = agreement.instruments.filter(kind=InstrumentKind.ADDENDUM)

    def _post_clean(self):
        # The service validates the model (full_clean) inside its transaction, with the version raised.
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}


def _form(model_class, fields):
    meta = type("Meta", (), {"model": model_class, "fields": fields})
    return type(f"{model_class.__name__}Form", (ProcessRecordForm,), {"Meta": meta})


ApprovalForm = _form(
    Approval,
    ["kind", "instrument", "submitted_on", "letter_number", "decided_on", "result", "document", "notes"],
)
BenefitStudyForm = _form(
    BenefitStudy,
    [
        "study_date",
        "prepared_by",
        "yearly_apbd_cost",
        "expected_local_revenue",
        "non_financial_benefits",
        "recommendation",
        "document",
    ],
)
LegalReviewForm = _form(LegalReview, ["instrument", "reviewer", "review_date", "result", "notes", "document"])
InitiativeLetterForm = _form(
    InitiativeLetter,
    [
        "kind",
        "letter_number",
        "letter_date",
        "answered_on",
        "answer_number",
        "answer",
        "partner_selection",
        "selection_notes",
        "document",
        "answer_document",
    ],
)
DisputeForm = _form(Dispute, ["subject", "raised_on", "raised_by", "description"])
DisputeStageForm = _form(DisputeStage, ["kind", "started_on", "ended_on", "outcome", "notes", "document"])
HandoverForm = _form(
    Handover, ["number", "handed_over_on", "from_party", "to_party", "assets", "value", "document"]
)
