"""Connections to social pages, the comments they bring in, and what staff do about them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from moderation.crypto import decrypt_secret, encrypt_secret
from moderation.platforms.registry import KIND_CHOICES


class Sentiment(models.TextChoices):
    NEGATIVE = "negative", _("negative")
    NEUTRAL = "neutral", _("neutral")
    POSITIVE = "positive", _("positive")


class Category(models.TextChoices):
    HATE_SPEECH = "hate_speech", _("hate speech")
    THREAT = "threat", _("threat")
    DOXING = "doxing", _("doxing")
    INSULT = "insult", _("insult")
    PARTY_POLITICAL = "party_political", _("party political")
    SPAM = "spam", _("spam")
    COMMERCIAL = "commercial", _("commercial")
    MISINFORMATION = "misinformation", _("misinformation")
    OFF_TOPIC = "off_topic", _("off topic")
    CRITICISM = "criticism", _("criticism")
    FRUSTRATION = "frustration", _("frustration")
    QUESTION = "question", _("question")
    REPORT = "report", _("citizen report")
    POLITICAL = "political", _("political opinion")
    SYMPATHY = "sympathy", _("sympathy")
    COMPLIMENT = "compliment", _("compliment")
    OTHER = "other", _("other")


class Conduct(models.TextChoices):
    CRIMINAL = "criminal", _("criminal")
    UNWANTED = "unwanted", _("unwanted")
    UNINTENDED = "unintended", _("unwanted but unintended")
    ALLOWED = "allowed", _("allowed")


class PlatformConnection(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        NEEDS_RECONNECT = "needs_reconnect", _("needs reconnecting")
        PAUSED = "paused", _("paused")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="connections")
    kind = models.CharField(_("platform"), max_length=20, choices=KIND_CHOICES)
    name = models.CharField(_("name"), max_length=200)
    remote_page_id = models.CharField(_("page id"), max_length=100)
    token_encrypted = models.TextField(blank=True, editable=False)
    app_secret_encrypted = models.TextField(blank=True, editable=False)
    options = models.JSONField(default=dict, blank=True)
    cursor = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    sync_interval_seconds = models.PositiveIntegerField(default=60)
    next_sync_at = models.DateTimeField(null=True, blank=True)
    last_synced_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    rate_limited_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "remote_page_id"], name="one_connection_per_page")
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    @property
    def token(self) -> str:
        return decrypt_secret(self.token_encrypted)

    @token.setter
    def token(self, value: str) -> None:
        self.token_encrypted = encrypt_secret(value)

    @property
    def app_secret(self) -> str:
        return decrypt_secret(self.app_secret_encrypted)

    @app_secret.setter
    def app_secret(self, value: str) -> None:
        self.app_secret_encrypted = encrypt_secret(value)


class Post(models.Model):
    connection = models.ForeignKey(PlatformConnection, on_delete=models.CASCADE, related_name="posts")
    remote_id = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    message = models.TextField(blank=True)
    permalink = models.URLField(max_length=1000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["connection", "remote_id"], name="one_post_per_remote_id")]

    def __str__(self) -> str:
        return self.title or self.remote_id


class Author(models.Model):
    """A commenter as one platform knows them, per organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="authors")
    platform = models.CharField(max_length=20, choices=KIND_CHOICES)
    remote_id = models.CharField(max_length=200)
    name = models.CharField(max_length=300, blank=True)
    profile_url = models.URLField(max_length=1000, blank=True)
    notes = models.TextField(blank=True)
    first_seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "platform", "remote_id"], name="one_author_per_remote_id")
        ]

    def __str__(self) -> str:
        return self.name or self.remote_id


class Comment(models.Model):
    class PlatformState(models.TextChoices):
        VISIBLE = "visible", _("visible")
        HIDDEN = "hidden", _("hidden")
        DELETED = "deleted", _("deleted")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        HANDLED = "handled", _("handled")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="comments")
    connection = models.ForeignKey(PlatformConnection, on_delete=models.CASCADE, related_name="comments")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments")
    author = models.ForeignKey(Author, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies")
    remote_id = models.CharField(max_length=200)
    parent_remote_id = models.CharField(max_length=200, blank=True)
    is_own = models.BooleanField(default=False, help_text="Written by the page itself (our replies).")
    text = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    previous_texts = models.JSONField(default=list, blank=True)
    permalink = models.URLField(max_length=1000, blank=True)
    published_at = models.DateTimeField(db_index=True)
    platform_state = models.CharField(max_length=10, choices=PlatformState.choices, default=PlatformState.VISIBLE)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sentiment = models.CharField(max_length=10, choices=Sentiment.choices, default=Sentiment.NEUTRAL)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.OTHER)
    labels = models.JSONField(default=list, blank=True)
    conduct = models.CharField(max_length=12, choices=Conduct.choices, default=Conduct.ALLOWED)
    confidence = models.FloatField(default=0.0)
    reasons = models.JSONField(default=list, blank=True)
    language = models.CharField(max_length=10, blank=True)
    needs_review = models.BooleanField(default=False)
    # Triage order: 0 criminal, 1 questions and reports (they wait for an answer), 2 the rest.
    priority = models.PositiveSmallIntegerField(default=2)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_comments"
    )
    report_reference = models.CharField(max_length=60, blank=True)
    report_forwarded_at = models.DateTimeField(null=True, blank=True)
    # Bumped by every state change; a form carries the version its user saw (collision guard).
    version = models.PositiveIntegerField(default=0)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(auto_now=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["connection", "remote_id"], name="one_comment_per_remote_id")
        ]
        indexes = [
            models.Index(fields=["organisation", "-published_at", "-id"], name="comment_org_newest"),
            models.Index(fields=["organisation", "status", "-published_at"], name="comment_org_status"),
            models.Index(fields=["organisation", "category", "status", "-published_at"], name="comment_org_category_status"),
            models.Index(fields=["organisation", "updated_at"], name="comment_org_updated"),
            models.Index(fields=["organisation", "status", "priority", "published_at", "id"], name="comment_org_priority"),
            models.Index(fields=["organisation", "assigned_to", "status"], name="comment_org_assigned"),
            models.Index(fields=["organisation", "author", "-published_at"], name="comment_org_author"),
            models.Index(
                fields=["organisation", "status", "-published_at"],
                condition=models.Q(needs_review=True),
                name="comment_org_review",
            ),
        ]
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return f"{self.remote_id}: {self.text[:40]}"

    def save(self, *args, **kwargs) -> None:
        """Keep the triage priority in step with the category and conduct it derives from."""
        from moderation.priority import priority_of

        self.priority = priority_of(conduct=self.conduct, category=self.category)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"category", "conduct"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "priority"}
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class ModerationAction(models.Model):
    """One thing a person asked to be done to a comment; carried out on the platform by a task."""

    class Kind(models.TextChoices):
        REPLY = "reply", _("public reply")
        PRIVATE_REPLY = "private_reply", _("private reply")
        HIDE = "hide", _("hide")
        UNHIDE = "unhide", _("unhide")
        DELETE = "delete", _("delete")
        LIKE = "like", _("like")
        WARN = "warn", _("warning")
        BLOCK = "block", _("block author")
        MARK_HANDLED = "mark_handled", _("marked handled")
        REOPEN = "reopen", _("reopened")
        STEP_DONE = "step_done", _("step done")
        EVIDENCE = "evidence", _("evidence stored")

    class State(models.TextChoices):
        AWAITING_APPROVAL = "awaiting_approval", _("awaiting approval")
        PENDING = "pending", _("pending")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")
        REJECTED = "rejected", _("rejected")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="actions")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    acting_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    text = models.TextField(blank=True)
    step = models.CharField(max_length=30, blank=True)
    article = models.ForeignKey(
        "codeofconduct.Article", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    remote_result_id = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.state})"


class Evidence(models.Model):
    """What a comment was, captured before anything irreversible happens to it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="evidence")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="evidence")
    captured_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    captured_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField()
    author_name = models.CharField(max_length=300, blank=True)
    author_remote_id = models.CharField(max_length=200, blank=True)
    post_title = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField()
    permalink = models.URLField(max_length=1000, blank=True)
    image_png = models.BinaryField()
    image_sha256 = models.CharField(max_length=64)
    text_sha256 = models.CharField(max_length=64)
    screenshot = models.BinaryField(null=True, blank=True)
    screenshot_content_type = models.CharField(max_length=40, blank=True)
    screenshot_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-captured_at"]

    def __str__(self) -> str:
        return f"evidence {self.pk} of comment {self.comment_id}"


class DecisionStep(models.Model):
    """One step of the organisation's decision tree for a category (data, editable by admins)."""

    class Requirement(models.TextChoices):
        REQUIRED = "required", _("required")
        SUGGESTED = "suggested", _("suggested")
        OPTIONAL = "optional", _("optional")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="decision_steps")
    category = models.CharField(max_length=20, choices=Category.choices)
    position = models.PositiveIntegerField()
    action = models.CharField(max_length=30)
    label = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)
    requirement = models.CharField(max_length=10, choices=Requirement.choices, default=Requirement.SUGGESTED)
    template_key = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["category", "position"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "category", "position"], name="one_step_per_position")
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.position}: {self.label}"


class ReplyTemplate(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reply_templates")
    key = models.CharField(max_length=60)
    title = models.CharField(max_length=200)
    text_je = models.TextField()
    text_u = models.TextField()

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="one_template_per_key")]

    def __str__(self) -> str:
        return self.title


class DemoRemoteState(models.Model):
    """What the simulated demo page knows beyond its generator: actions applied, page replies."""

    connection = models.ForeignKey(PlatformConnection, on_delete=models.CASCADE, related_name="demo_states")
    remote_id = models.CharField(max_length=200)
    hidden = models.BooleanField(default=False)
    deleted = models.BooleanField(default=False)
    liked = models.BooleanField(default=False)
    private_replied = models.BooleanField(default=False)
    blocked_author = models.BooleanField(default=False)
    # Set for comments the page itself wrote (public replies); generated comments leave it blank.
    page_reply_text = models.TextField(blank=True)
    parent_remote_id = models.CharField(max_length=200, blank=True)
    post_remote_id = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["connection", "remote_id"], name="one_demo_state_per_remote_id")
        ]

    def __str__(self) -> str:
        return self.remote_id


class FollowUp(models.Model):
    """A scheduled second look: it shows in the "opvolgen" queue once due."""

    class Kind(models.TextChoices):
        CHECK_AGAIN = "check_again", _("check again")
        DELETE_IF_UNCHANGED = "delete_if_unchanged", _("delete if not edited")
        REMIND = "remind", _("remind me")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="follow_ups")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    due_at = models.DateTimeField(db_index=True)
    note = models.CharField(max_length=300, blank=True)
    baseline_hash = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    fired_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=300, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} @ {self.due_at:%Y-%m-%d %H:%M}"


class SavedView(models.Model):
    """A named set of inbox filters, per user and organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views")
    name = models.CharField(max_length=80)
    query = models.CharField(max_length=500)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "user", "name"], name="one_view_per_name")]

    def __str__(self) -> str:
        return self.name


class ReplyDraft(models.Model):
    """What someone is writing to a comment: kept per user, visible to colleagues."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="drafts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "user"], name="one_draft_per_user")]

    def __str__(self) -> str:
        return f"draft by {self.user_id} on {self.comment_id}"


class Escalation(models.Model):
    """A question to a department about a comment; the answer comes back as a draft reply."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="escalations")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="escalations")
    department = models.ForeignKey("accounts.Department", on_delete=models.PROTECT, related_name="escalations")
    question = models.TextField()
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by_name = models.CharField(max_length=200, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at"]

    def __str__(self) -> str:
        return f"{self.department} ← comment {self.comment_id}"


class Exposure(models.Model):
    """How many harmful comments a staff member opened on a day (for a gentle break hint)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation", "day"], name="one_exposure_per_day")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}: {self.count}"


class WebhookDelivery(models.Model):
    """One signed POST from Meta, stored raw before it is processed (platform-apis.md 1.8, 6c).

    Only deliveries whose ``X-Hub-Signature-256`` matched the app secret of at least one
    connection are stored; ``connection_ids`` are those connections. The body is kept byte for
    byte (it is what was signed) and pruned after ``moderation.webhooks.RETENTION``.
    """

    class State(models.TextChoices):
        RECEIVED = "received", _("received")
        PROCESSED = "processed", _("processed")
        FAILED = "failed", _("failed")

    object_type = models.CharField(max_length=20)  # "page" or "instagram"
    body = models.BinaryField()
    connection_ids = models.JSONField(default=list)
    state = models.CharField(max_length=10, choices=State.choices, default=State.RECEIVED)
    attempts = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"webhook {self.pk} ({self.object_type}, {self.state})"


class WebhookEvent(models.Model):
    """One webhook change applied to one connection: the dedupe record, kept at least 48 hours.

    ``dedupe_key`` is a hash of the change's content, so Meta's retries and duplicates of it
    are applied once. A ``remove`` row doubles as a tombstone: a late ``add`` for that comment
    is ignored even when we never stored the comment itself.
    """

    connection = models.ForeignKey(PlatformConnection, on_delete=models.CASCADE, related_name="webhook_events")
    dedupe_key = models.CharField(max_length=64)
    remote_id = models.CharField(max_length=200, blank=True)
    verb = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["connection", "dedupe_key"], name="one_webhook_event_per_key")
        ]
        indexes = [models.Index(fields=["connection", "remote_id", "verb"], name="webhook_event_remote")]

    def __str__(self) -> str:
        return f"{self.verb} {self.remote_id}"


class FaqEntry(models.Model):
    """A question the organisation answered well, promoted by staff for reuse."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="faq")
    question = models.TextField()
    answer = models.TextField()
    source_comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.question[:60]


class ExternalSignal(models.Model):
    """Something seen in a group the organisation cannot moderate ("Ge zijt van ..."): tracked, never replied to."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="external_signals")
    group_name = models.CharField(max_length=200)
    link = models.URLField(max_length=1000, blank=True)
    text = models.TextField()
    screenshot = models.BinaryField(null=True, blank=True)
    screenshot_content_type = models.CharField(max_length=40, blank=True)
    screenshot_sha256 = models.CharField(max_length=64, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    department = models.ForeignKey(
        "accounts.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="external_signals"
    )
    forwarded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return f"{self.group_name}: {self.text[:40]}"


# --- Insights (issue 8): aggregate tables kept by moderation.stats; the insights page reads only these. ---


class DailyCommentStat(models.Model):
    """How many comments (our own replies excluded) arrived on a local day (Europe/Brussels).

    One row per day, connection, post, sentiment and category. ``moderation.stats`` recomputes
    whole days from the comments, so a row is never incremented in place.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    connection = models.ForeignKey(PlatformConnection, on_delete=models.CASCADE, related_name="+")
    # A deleted post leaves its comments (their post becomes empty), so its counts stay too.
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    day = models.DateField()
    sentiment = models.CharField(max_length=10)
    category = models.CharField(max_length=20)
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["organisation", "day"], name="daily_comment_org_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.sentiment}/{self.category}: {self.count}"


class DailyAuthorStat(models.Model):
    """Comments per author, connection and local day: the tally behind the 90-9-1 share."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    connection = models.ForeignKey(PlatformConnection, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["organisation", "day"], name="daily_author_org_day")]

    def __str__(self) -> str:
        return f"{self.day} author {self.author_id}: {self.count}"


class DailyQuestionStat(models.Model):
    """Questions asked on a local day and how long their first answer took.

    ``response_minutes`` maps whole minutes to how many questions were first answered after
    that long (a reply done, our own reply seen on the page, or marked handled): enough to
    compute an exact median and p90 at minute resolution without reading the comments.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    connection = models.ForeignKey(PlatformConnection, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    asked = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    response_minutes = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "day"], name="daily_question_org_day")]

    def __str__(self) -> str:
        return f"{self.day}: {self.answered}/{self.asked} answered"


class InsightsRefresh(models.Model):
    """Per organisation: comments changed since ``refreshed_at`` still have to be counted again.

    Its row is also the lock that keeps two refreshes of one organisation from interleaving.
    """

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="+")
    refreshed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"insights of {self.organisation_id} refreshed at {self.refreshed_at}"


class ClassifierCorrection(models.Model):
    """A person changed a comment's category or sentiment: the text model learns from it at the next retraining."""

    class Field(models.TextChoices):
        CATEGORY = "category", _("category")
        SENTIMENT = "sentiment", _("sentiment")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="classifier_corrections")
    comment = models.ForeignKey(Comment, null=True, on_delete=models.SET_NULL, related_name="classifier_corrections")
    text = models.TextField()   # what was corrected, kept when the comment is edited or removed
    field = models.CharField(max_length=10, choices=Field.choices)
    old = models.CharField(max_length=20, blank=True)
    new = models.CharField(max_length=20)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "created_at"], name="correction_org_created")]

    def __str__(self) -> str:
        return f"{self.field}: {self.old} -> {self.new}"


class ClassifierModel(models.Model):
    """One trained text model version with its scores on the held-aside test set.

    ``organisation`` is empty for the shipped model (trained from the seed set only; its bytes live in the
    cache directory, not here). ``model_bytes`` are only loaded when ``digest`` proves we wrote them.
    """

    class Decision(models.TextChoices):
        SHIPPED = "shipped", _("shipped with the application")
        SWITCHED = "switched", _("better or as good: switched to it")
        KEPT_PREVIOUS = "kept_previous", _("worse: kept the previous model")

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="classifier_models"
    )
    version = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    trained_on = models.JSONField(default=dict, blank=True)   # {"seed": n, "corrections": m, ...}
    scores = models.JSONField(default=dict, blank=True)
    is_active = models.BooleanField(default=False)
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.SWITCHED)
    decision_note = models.TextField(blank=True)
    model_bytes = models.BinaryField(blank=True, editable=False)
    digest = models.CharField(max_length=64, blank=True, editable=False)
    fingerprint = models.CharField(max_length=64, blank=True)   # seed set + format + scikit-learn version
    training_seconds = models.FloatField(default=0.0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "version"], name="one_classifier_per_version"),
            models.UniqueConstraint(
                fields=["organisation"], condition=models.Q(is_active=True), name="one_active_classifier"
            ),
            models.UniqueConstraint(
                fields=["fingerprint"], condition=models.Q(organisation__isnull=True), name="one_shipped_per_fingerprint"
            ),
        ]

    def __str__(self) -> str:
        owner = self.organisation_id or "shipped"
        return f"classifier {owner} v{self.version}"


class MonthlyAuthorStat(models.Model):
    """``DailyAuthorStat`` summed per calendar month: long periods read months, not every day."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    connection = models.ForeignKey(PlatformConnection, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text="The first day of the month.")
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["organisation", "month"], name="monthly_author_org_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} author {self.author_id}: {self.count}"


class MonthlyQuestionStat(models.Model):
    """``DailyQuestionStat`` merged per calendar month (histograms added up) for long periods."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    connection = models.ForeignKey(PlatformConnection, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text="The first day of the month.")
    asked = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    response_minutes = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "month"], name="monthly_question_org_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}: {self.answered}/{self.asked} answered"


def validate_http_url(value: str) -> None:
    """Only http(s) links with a host: a ``javascript:`` URL survives HTML escaping and runs on click."""
    from urllib.parse import urlsplit

    from django.core.exceptions import ValidationError

    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if parts is None or parts.scheme not in ("http", "https") or not host:
        raise ValidationError(_("Enter a web address that starts with https:// or http://."), code="scheme")


class PoliticalTerm(models.Model):
    """A party, list, candidate or slogan of the organisation's area: naming it marks a comment party-political."""

    class Kind(models.TextChoices):
        PARTY = "party", _("party or list")
        CANDIDATE = "candidate", _("candidate")
        SLOGAN = "slogan", _("slogan")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="political_terms")
    term = models.CharField(_("term"), max_length=120)
    folded = models.CharField(max_length=400, editable=False)   # lowercase, no accents: what uniqueness checks
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PARTY)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["kind", "folded"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "folded"], name="one_political_term_per_spelling"),
        ]

    def __str__(self) -> str:
        return self.term

    def clean(self) -> None:
        from moderation.registers import check_political_term

        self.term, self.folded = check_political_term(self)


class KnownFalseClaim(models.Model):
    """A claim known to be false, what is true instead and where to read it: the classifier recognises the claim."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="false_claims")
    claim = models.CharField(_("false claim"), max_length=300)
    folded = models.CharField(max_length=1000, editable=False)
    correction = models.TextField(_("correction"), max_length=1000)
    source_url = models.URLField(_("link to the correct information"), max_length=500, validators=[validate_http_url])
    department = models.ForeignKey(
        "accounts.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("department"),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-active", "folded"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "folded"], name="one_false_claim_per_wording"),
        ]

    def __str__(self) -> str:
        return self.claim

    def clean(self) -> None:
        from moderation.registers import check_false_claim

        check_false_claim(self)
