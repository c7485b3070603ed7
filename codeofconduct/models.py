"""The code of conduct (versioned, per organisation) and the three-strike register.

A version is edited only while it is a draft. Once the college and the management team have
approved it, its text is frozen; once it is published it never changes again, so every strike
and every moderation action keeps citing exactly the article that was in force at the time.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation


class PublishedVersionIsImmutable(PermissionError):
    """Raised when something tries to change an approved or published version of the code."""


class CodeQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        if self.exclude(status=CodeOfConduct.Status.DRAFT).exists():
            raise PublishedVersionIsImmutable("approved and published versions cannot be changed")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.exclude(status=CodeOfConduct.Status.DRAFT).exists():
            raise PublishedVersionIsImmutable("approved and published versions cannot be deleted")
        return super().delete()


class CodeOfConduct(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")

    # What the college and the MAT approve: frozen from approval on.
    CONTENT_FIELDS = (
        "organisation_id",
        "version",
        "title",
        "intro",
        "procedure",
        "warnings_before_block",
        "strike_validity_days",
        "appeal_contact",
        "college_approved_on",
        "mat_approved_on",
        "approval_reference",
        "approved_at",
        "approved_by_id",
    )

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="codes")
    version = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    procedure = models.TextField(_("procedure"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    warnings_before_block = models.PositiveSmallIntegerField(_("warnings before a block"), default=2)
    strike_validity_days = models.PositiveIntegerField(_("a strike counts for (days)"), default=365)
    appeal_contact = models.CharField(_("contact for appeals"), max_length=300, blank=True)
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("based on")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    college_approved_on = models.DateField(_("approved by the college on"), null=True, blank=True)
    mat_approved_on = models.DateField(_("approved by the management team on"), null=True, blank=True)
    approval_reference = models.CharField(_("decision reference"), max_length=200, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("in force from"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CodeQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "version"], name="one_code_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            self._refuse_changes_after_approval()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
        if stored not in (None, self.Status.DRAFT):
            raise PublishedVersionIsImmutable("approved and published versions cannot be deleted")
        return super().delete(*args, **kwargs)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def _refuse_changes_after_approval(self) -> None:
        """Approved: only publishing may happen. Published: nothing may happen."""
        stored = (
            type(self)
            .objects.filter(pk=self.pk)
            .values(*self.CONTENT_FIELDS, "status", "published_at")
            .first()
        )
        if stored is None or stored["status"] == self.Status.DRAFT:
            return
        changed = [name for name in self.CONTENT_FIELDS if stored[name] != getattr(self, name)]
        if stored["status"] == self.Status.PUBLISHED:
            if self.status != self.Status.PUBLISHED or stored["published_at"] != self.published_at:
                changed.append("status")
        elif self.status == self.Status.DRAFT:
            changed.append("status")
        if changed:
            raise PublishedVersionIsImmutable(
                f"v{self.version} is {stored['status']}: {', '.join(changed)} cannot change"
            )


class ArticleQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        if self.exclude(code__status=CodeOfConduct.Status.DRAFT).exists():
            raise PublishedVersionIsImmutable(
                "articles of an approved or published version cannot be changed"
            )
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.exclude(code__status=CodeOfConduct.Status.DRAFT).exists():
            raise PublishedVersionIsImmutable(
                "articles of an approved or published version cannot be deleted"
            )
        return super().delete()


class Article(models.Model):
    class Kind(models.TextChoices):
        ALLOWED = "allowed", _("allowed")
        CRIMINAL = "criminal", _("criminal")
        UNWANTED = "unwanted", _("unwanted")
        UNINTENDED = "unintended", _("unwanted but unintended")

    code = models.ForeignKey(CodeOfConduct, on_delete=models.PROTECT, related_name="articles")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    categories = models.JSONField(_("categories"), default=list, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["code", "number"], name="one_article_per_number")]

    def __str__(self) -> str:
        return f"Art. {self.number} {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._refuse_unless_draft()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        self._refuse_unless_draft()
        return super().delete(*args, **kwargs)

    @property
    def citation(self) -> str:
        return f"Art. {self.number} {self.title} (v{self.code.version})"

    def _refuse_unless_draft(self) -> None:
        code_ids = {self.code_id}
        if self.pk is not None:
            code_ids |= set(type(self).objects.filter(pk=self.pk).values_list("code_id", flat=True))
        if CodeOfConduct.objects.filter(pk__in=code_ids).exclude(status=CodeOfConduct.Status.DRAFT).exists():
            raise PublishedVersionIsImmutable("articles of an approved or published version cannot change")


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
    expired_at = models.DateTimeField(
        null=True, blank=True, help_text="When the expiry task logged the expiry."
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoke_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "author", "expires_at"])]

    def __str__(self) -> str:
        return f"strike {self.pk} ({self.consequence}, v{self.code_version})"

    def is_active_at(self, moment: Any) -> bool:
        return self.revoked_at is None and self.expires_at > moment


class BlockProposal(models.Model):
    """The third strike proposes a block; a lead other than the proposer confirms it."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn (strike revoked)")

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
                fields=["author"],
                condition=models.Q(state="proposed"),
                name="one_open_block_proposal_per_author",
            )
        ]

    def __str__(self) -> str:
        return f"block proposal {self.pk} ({self.state})"


class Person(models.Model):
    """One human behind several platform authors, as a team lead judged; they share strikes."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="conduct_persons")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"person {self.pk}"


class AuthorLink(models.Model):
    author = models.OneToOneField("moderation.Author", on_delete=models.CASCADE, related_name="conduct_link")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="links")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"author {self.author_id} = person {self.person_id}"


class Appeal(models.Model):
    """An author objects to a strike; a team lead decides. Granting it revokes the strike."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        GRANTED = "granted", _("granted")
        REJECTED = "rejected", _("rejected")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="appeals")
    strike = models.ForeignKey(Strike, on_delete=models.CASCADE, related_name="appeals")
    received_on = models.DateField(_("received on"))
    grounds = models.TextField(_("grounds"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("decision"), blank=True)

    class Meta:
        ordering = ["-recorded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["strike"], condition=models.Q(state="open"), name="one_open_appeal_per_strike"
            )
        ]

    def __str__(self) -> str:
        return f"appeal {self.pk} ({self.state})"


class ConductSettings(models.Model):
    """Per organisation: when the code is due for review, and how long register data is kept."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="conduct_settings"
    )
    review_due_on = models.DateField(_("review due on"), null=True, blank=True)
    review_note = models.CharField(
        _("why then"), max_length=200, blank=True, help_text=_("For example: after the municipal elections.")
    )
    review_reminded_for = models.DateField(null=True, blank=True, editable=False)
    retention_days = models.PositiveIntegerField(_("keep strikes for (days after they expired)"), default=730)

    def __str__(self) -> str:
        return f"conduct settings of {self.organisation_id}"
