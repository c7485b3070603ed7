"""Forms for the political terms and the known false claims; the models' ``clean`` holds the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from moderation.models import KnownFalseClaim, PoliticalTerm


class PoliticalTermForm(forms.ModelForm):
    class Meta:
        model = PoliticalTerm
        fields = ["term", "kind"]
        help_texts = {
            "term": _(
                "A party, local list, candidate or slogan, as people write it. A comment naming it is marked "
                "party-political. Capitals and accents do not matter."
            ),
        }


class FalseClaimForm(forms.ModelForm):
    class Meta:
        model = KnownFalseClaim
        fields = ["claim", "correction", "source_url", "department", "active"]
        widgets = {
            "correction": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
            "source_url": forms.URLInput(attrs={"placeholder": "https://"}),
        }
        help_texts = {
            "claim": _(
                "The false claim in a few words, as people say it, e.g. “the recycling park closes”. "
                "Comments that repeat or paraphrase it are marked as misinformation."
            ),
            "correction": _("What is true instead, in one or two sentences you could use in a reply."),
            "source_url": _("The page with the correct information (https://)."),
            "department": _("The department that knows the facts (optional)."),
            "active": _("Only active claims are recognised."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(organisation_id=self.instance.organisation_id)
        self.fields["source_url"].error_messages["invalid"] = _("Enter a web address that starts with https://.")
