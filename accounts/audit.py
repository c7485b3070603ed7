"""Writing to the audit trail. Call inside the transaction that makes the change."""

from __future__ import annotations

from typing import Any

from accounts.models import AuditEvent, Organisation


def record_event(
    organisation: Organisation,
    *,
    actor: Any | None,
    verb: str,
    target: Any | None = None,
    summary: str = "",
    reason: str = "",
    article: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit line; ``actor`` None means the system (a sync or a scheduled task)."""
    return AuditEvent.objects.create(
        organisation=organisation,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=actor.get_username() if actor is not None and actor.is_authenticated else "system",
        verb=verb,
        target_type=target._meta.model_name if target is not None else "",
        target_id=target.pk if target is not None else None,
        summary=summary[:300],
        reason=reason,
        article=article[:300],
        data=data or {},
    )
