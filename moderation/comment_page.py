"""Everything the comment page shows, gathered in one place (selectors and pure decisions)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Department
from codeofconduct.ladder import consequence_of_strike
from codeofconduct.models import BlockProposal
from codeofconduct.selectors import active_strikes, article_for_category, code_in_force
from moderation import default_tree, inbox, presence
from moderation.classify import REASON_LABELS
from moderation.decision import PLATFORM_STEPS, Done, mirror_form_of_address, plan_steps, suggest_steps
from moderation.faq import similar_entries
from moderation.models import Category, Comment, FollowUp, ModerationAction, ReplyTemplate
from moderation.people import colleagues_of
from moderation.platforms.registry import capabilities_of
from moderation.registers import corrections_for
from moderation.setup import tree_of
from moderation.templating import fill_template, first_name
from moderation.wellbeing import record_exposure, should_suggest_break


def comment_page_context(comment: Comment, *, request: HttpRequest) -> dict[str, Any]:
    organisation = comment.organisation
    code = code_in_force(organisation)
    strikes = list(active_strikes(organisation, comment.author_id)) if comment.author_id else []
    actions = list(inbox.actions_of(comment))
    capabilities = capabilities_of(comment.connection.kind)
    warnings_before_block = code.warnings_before_block if code else 2
    steps = suggest_steps(
        tree=tree_of(organisation),
        category=comment.category,
        prior_strikes=len(strikes),
        warnings_before_block=warnings_before_block,
    )
    article = article_for_category(code, comment.category)
    form = mirror_form_of_address(comment.text)
    known_claims = corrections_for(comment)
    values = {
        "author_first_name": first_name(comment.author.name) if comment.author else "",
        "post_title": comment.post.title if comment.post else "",
        "code_url": request.build_absolute_uri(reverse("codeofconduct:public", args=[organisation.slug])),
        "article_title": article.citation if article else "",
        "meldpunt_url": organisation.meldpunt_url,
        "organisation": organisation.name,
        "department": next((e.department.name for e in comment.escalations.select_related("department")), ""),
        "report_reference": comment.report_reference,
        # The register's correction of the false claim this comment repeats; else a gap to fill in.
        "correction": known_claims[0].correction if known_claims else "[juiste informatie].",
        "correction_url": known_claims[0].source_url if known_claims else "[link]",
    }
    templates = {
        t.key: fill_template(t.text_u if form == "u" else t.text_je, values)
        for t in ReplyTemplate.objects.filter(organisation=organisation)
    }
    next_consequence = consequence_of_strike(len(strikes) + 1, warnings_before_block=warnings_before_block)
    warning_key = default_tree.WARNING_TEMPLATE_BY_CONSEQUENCE.get(next_consequence, "warning_first")
    planned = plan_steps(
        steps, done=_done_steps(actions), capabilities=capabilities, comment_open=comment.is_open
    )
    return {
        "comment": comment,
        "known_claims": known_claims,
        "thread": inbox.thread_of(comment),
        "history": inbox.author_history(comment),
        "strikes": strikes,
        "open_proposal": BlockProposal.objects.filter(
            author_id=comment.author_id, state=BlockProposal.State.PROPOSED
        ).first()
        if comment.author_id
        else None,
        "actions": actions,
        "pending": any(a.state == ModerationAction.State.PENDING for a in actions),
        "evidence": list(comment.evidence.all()),
        "reasons": [
            {"label": REASON_LABELS.get(r.get("code", ""), r.get("code", "")), "evidence": r.get("evidence", "")}
            for r in comment.reasons
        ],
        "planned_steps": planned,
        "capabilities": capabilities,
        "templates": templates,
        "form_of_address": form,
        "warning_text": templates.get(warning_key, ""),
        "next_consequence": next_consequence,
        "article": article,
        "code": code,
        "guidelines": default_tree.GENERAL_GUIDELINES,
        "departments": Department.objects.filter(organisation=organisation),
        "colleagues": colleagues_of(organisation),
        "follow_ups": FollowUp.objects.filter(comment=comment, done_at__isnull=True).order_by("due_at"),
        "follow_up_kinds": FollowUp.Kind.choices,
        "escalations": comment.escalations.select_related("department", "asked_by"),
        "my_draft": presence.draft_of(comment, request.user),
        "categories": Category.choices,
        "faq_suggestions": similar_entries(organisation, comment.text) if comment.category == "question" else [],
        "last_reply": next(
            (a for a in reversed(actions) if a.kind in {"reply", "private_reply"} and a.state == ModerationAction.State.DONE), None
        ),
        "awaiting_approval": any(a.state == ModerationAction.State.AWAITING_APPROVAL for a in actions),
        "platform_steps": PLATFORM_STEPS,
        "now": timezone.now(),
    }


def _done_steps(actions: list[ModerationAction]) -> dict[str, Done]:
    done: dict[str, Done] = {}
    for action in actions:
        if action.state != ModerationAction.State.DONE:
            continue
        key = action.step if action.kind == ModerationAction.Kind.STEP_DONE else action.kind
        if action.kind == ModerationAction.Kind.PRIVATE_REPLY and action.step == "warn":
            key = "private_reply"
        done.setdefault(key, Done(by=action.acting_user.get_full_name() or action.acting_user.get_username(),
                                  at=action.completed_at or action.created_at))
    return done


def wellbeing_context(comment: Comment, *, request: HttpRequest) -> dict[str, Any]:
    """Count this view if the comment is harmful; suggest a break past the organisation's threshold."""
    count = record_exposure(comment, user=request.user)
    threshold = comment.organisation.exposure_break_threshold
    return {
        "exposure_count": count,
        "suggest_break": should_suggest_break(count, threshold=threshold),
        "support_url": comment.organisation.support_url,
    }
