"""Organisations (tenants), memberships with a role, and the append-only audit trail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.permissions import Role


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        CITY = "city", _("City")
        POLICE_ZONE = "police_zone", _("Police zone")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY)
    website_url = models.URLField(_("website"), blank=True)
    meldpunt_url = models.URLField(_("report point (meldpunt) URL"), blank=True)
    meldpunt_email = models.EmailField(_("report point e-mail (forwarded citizen reports)"), blank=True)
    meldpunt_webhook_url = models.URLField(_("report point webhook (forwarded citizen reports, JSON)"), blank=True)
    support_url = models.URLField(_("staff support URL"), blank=True)
    own_phone_numbers = models.TextField(
        _("own service phone numbers"), blank=True, help_text=_("One per line; never treated as doxing.")
    )
    own_email_domains = models.TextField(_("own e-mail domains"), blank=True, help_text=_("One per line."))
    question_target_hours = models.PositiveIntegerField(_("answer questions within (hours)"), default=24)
    replies_need_approval = models.BooleanField(
        _("replies by staff need a team lead's approval"), default=False
    )
    evidence_retention_days = models.PositiveIntegerField(_("keep evidence for (days)"), default=365)
    exposure_break_threshold = models.PositiveIntegerField(
        _("suggest a break after this many harmful comments a day"), default=25
    )
    require_two_factor = models.BooleanField(
        _("team leads and administrators must log in with a second step (authenticator app)"),
        default=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def phone_number_list(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.own_phone_numbers.splitlines() if line.strip())

    def email_domain_list(self) -> tuple[str, ...]:
        return tuple(line.strip().lower() for line in self.own_email_domains.splitlines() if line.strip())


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")]
        verbose_name = _("membership")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"


class Department(models.Model):
    """A service of the organisation ("dienst") with its communication contact ("antenne")."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("contact e-mail"), blank=True)
    answer_within_hours = models.PositiveIntegerField(_("answers within (hours)"), default=48)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="departments")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="one_department_per_name")]

    def __str__(self) -> str:
        return self.name


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):  # type: ignore[override]
        raise PermissionError("the audit log is append-only")

    def delete(self):  # type: ignore[override]
        raise PermissionError("the audit log is append-only")


class AuditEvent(models.Model):
    """One line of the append-only audit trail: who did what, when, to what, and why.

    Rows are never updated or deleted: the ORM refuses, and on PostgreSQL a trigger refuses too
    (migration 0002). References are kept as plain ids and text snapshots, so that deleting a
    user or a comment later never rewrites history.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="audit_events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(max_length=150, blank=True)
    verb = models.CharField(max_length=60)
    target_type = models.CharField(max_length=40, blank=True)
    target_id = models.BigIntegerField(null=True, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    reason = models.TextField(blank=True)
    article = models.CharField(max_length=300, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.verb}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[override]
        raise PermissionError("the audit log is append-only")
