from django import forms

from .models import NotificationPreference


class PreferenceForm(forms.ModelForm):
    """Which reminders also arrive by email (they always appear in the app)."""

    class Meta:
        model = NotificationPreference
        fields = [
            "email_occurrence_before",
            "email_occurrence_after",
            "email_agreement_end",
            "email_instrument_end",
            "email_occurrence_verdict",
            "email_evidence_submitted",
        ]
