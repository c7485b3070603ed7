"""Forms for editing a draft code, recording its approval and publication, and the register."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from codeofconduct.models import Article, CodeOfConduct, ConductSettings


def _category_choices() -> list[tuple[str, str]]:
    from moderation.models import Category

    return list(Category.choices)


class DraftForm(forms.ModelForm):
    class Meta:
        model = CodeOfConduct
        fields = [
            "title",
            "intro",
            "procedure",
            "warnings_before_block",
            "strike_validity_days",
            "appeal_contact",
        ]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 6}),
            "procedure": forms.Textarea(attrs={"rows": 10}),
        }

    def clean_warnings_before_block(self) -> int:
        value = self.cleaned_data["warnings_before_block"]
        if not 1 <= value <= 10:
            raise forms.ValidationError(_("Between 1 and 10 warnings."))
        return value

    def clean_strike_validity_days(self) -> int:
        value = self.cleaned_data["strike_validity_days"]
        if not 1 <= value <= 3650:
            raise forms.ValidationError(_("Between 1 day and 10 years."))
        return value


class ArticleForm(forms.ModelForm):
    categories = forms.MultipleChoiceField(
        label=_("Classifier categories this article covers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=_category_choices,
    )

    class Meta:
        model = Article
        fields = ["number", "title", "text", "kind", "categories"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    def clean_number(self) -> int:
        value = self.cleaned_data["number"]
        if value < 1:
            raise forms.ValidationError(_("Articles are numbered from 1."))
        return value


class ApprovalForm(forms.Form):
    college_approved_on = forms.DateField(
        label=_("Approved by the college on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    mat_approved_on = forms.DateField(
        label=_("Approved by the management team (MAT) on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reference = forms.CharField(label=_("Decision reference"), max_length=200)


class PublishForm(forms.Form):
    effective_on = forms.DateField(
        label=_("In force from"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Today, or a later date (for example the day after the college meeting)."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["effective_on"].initial = timezone.localdate()


class ReviewForm(forms.ModelForm):
    class Meta:
        model = ConductSettings
        fields = ["review_due_on", "review_note", "retention_days"]
        widgets = {"review_due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_retention_days(self) -> int:
        value = self.cleaned_data["retention_days"]
        if not 30 <= value <= 3650:
            raise forms.ValidationError(_("Between 30 days and 10 years."))
        return value


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Why is this strike revoked?"), max_length=2000)


class AppealForm(forms.Form):
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    grounds = forms.CharField(
        label=_("What the author objects to"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AppealDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("grant", _("Grant")), ("reject", _("Reject"))])
    note = forms.CharField(label=_("Decision"), max_length=4000)


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
