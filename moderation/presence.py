"""Who else has a comment open right now, and what they are writing (collision awareness).

Presence lives in the cache (Redis, or files on the embedded default) for a short while;
drafts live in the database so they survive a reload.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from moderation.models import Comment, ReplyDraft
from moderation.people import display_name

PRESENCE_SECONDS = 20
MAX_DRAFT = 8_000


@dataclass(frozen=True)
class Viewer:
    user_id: int
    name: str
    draft: str


def _key(comment_id: int) -> str:
    return f"presence:comment:{comment_id}"


def touch(comment: Comment, user: Any, *, now: float | None = None) -> list[Viewer]:
    """Record that ``user`` has the comment open; return the others who have it open too."""
    now = now or time.time()
    seen: dict[str, tuple[str, float]] = cache.get(_key(comment.pk)) or {}
    seen = {uid: (name, at) for uid, (name, at) in seen.items() if now - at < PRESENCE_SECONDS}
    seen[str(user.pk)] = (display_name(user), now)
    cache.set(_key(comment.pk), seen, PRESENCE_SECONDS * 2)
    others = {int(uid): name for uid, (name, _at) in seen.items() if int(uid) != user.pk}
    drafts = dict(
        ReplyDraft.objects.filter(comment=comment, user_id__in=list(others)).exclude(text="").values_list("user_id", "text")
    )
    return [Viewer(user_id=uid, name=name, draft=drafts.get(uid, "")) for uid, name in sorted(others.items())]


def save_draft(comment: Comment, user: Any, text: str) -> ReplyDraft:
    draft, _created = ReplyDraft.objects.update_or_create(
        comment=comment, user=user, defaults={"text": text[:MAX_DRAFT]}
    )
    return draft


def draft_of(comment: Comment, user: Any) -> str:
    return ReplyDraft.objects.filter(comment=comment, user=user).values_list("text", flat=True).first() or ""
