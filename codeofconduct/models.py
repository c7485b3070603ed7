"""The code of conduct (versioned, per organisation) and the three-strike register."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation


class CodeOfConduct(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="codes")
    version = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    procedure = models.TextField(_("procedure"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    warnings_before_block = models.PositiveSmallIntegerField(_("warnings before a block"), default=2)
    strike_validity_days = models.PositiveIntegerField(_("a strike counts for (days)"), default=365)
    appeal_contact = models.CharField(_("contact for appeals"), max_length=300, blank=True)
    approved_at = models.DateField(null=True, blank=True)
    approval_reference = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    review_due_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["organisation", "version"], name="one_code_per_version")]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class Article(models.Model):
    class Kind(models.TextChoices):
        ALLOWED = "allowed", _("allowed")
        CRIMINAL = "criminal", _("criminal")
        UNWANTED = "unwanted", _("unwanted")
        UNINTENDED = "unintended", _("unwanted but unintended")

    code = models.ForeignKey(CodeOfConduct, on_delete=models.PROTECT, related_name="articles")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    text = models.TextField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    categories = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["code", "number"], name="one_article_per_number")]

    def __str__(self) -> str:
        return f"Art. {self.number} {self.title}"

    @property
    def citation(self) -> str:
        return f"Art. {self.number} {self.title} (v{self.code.version})"


class Strike(models.Model):
    """One infringement recorded against an author, citing the article in force at the time."""

    class Consequence(models.TextChoices):
        FIRST_WARNING = "first_warning", _("first warning")
        SECOND_WARNING = "second_warning", _("second warning")
        BLOCK = "block", _("block proposed")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="strikes")
    author = models.ForeignKey("moderation.Author", on_delete=models.CASCADE, related_name="strikes")
    comment = models.ForeignKey(
        "moderation.Comment", null=True, blank=True, on_delete=models.SET_NULL, related_name="strikes"
    )
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="strikes")
    code_version = models.PositiveIntegerField()
    consequence = models.CharField(max_length=20, choices=Consequence.choices)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoke_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "author", "expires_at"])]


class BlockProposal(models.Model):
    """The third strike proposes a block; a lead other than the proposer confirms it."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("rejected")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="block_proposals")
    author = models.ForeignKey("moderation.Author", on_delete=models.CASCADE, related_name="block_proposals")
    strike = models.ForeignKey(Strike, on_delete=models.CASCADE, related_name="block_proposals")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["author"], condition=models.Q(state="proposed"), name="one_open_block_proposal_per_author"
            )
        ]
