from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation


class OrganisationSettingsForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "website_url",
            "meldpunt_url",
            "support_url",
            "own_phone_numbers",
            "own_email_domains",
            "question_target_hours",
            "replies_need_approval",
            "evidence_retention_days",
            "exposure_break_threshold",
            "require_two_factor",
        ]
        widgets = {
            "own_phone_numbers": forms.Textarea(attrs={"rows": 3}),
            "own_email_domains": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_question_target_hours(self) -> int:
        value = self.cleaned_data["question_target_hours"]
        if not 1 <= value <= 24 * 14:
            raise forms.ValidationError(_("Choose between 1 hour and 14 days (336 hours)."))
        return value


class CodeForm(forms.Form):
    """The six digits an authenticator app shows (spaces allowed, as apps group them)."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}
        ),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isascii() and code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("Enter the 6 digits from your authenticator app."))
        return code
