"""Sync: fetch a bounded page from the connector, upsert it, classify what is new or changed.

Idempotent by construction: comments are upserted on (connection, remote_id), which a unique
constraint backs, and the cursor advances only in the transaction that stored the page. A
repeated, overlapping or redelivered sync therefore never duplicates a comment.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from codeofconduct.selectors import article_kinds, code_in_force
from moderation.classification import classification_fields, classification_fields_many
from moderation.deadlocks import atomic_with_retry
from moderation.models import Author, Comment, PlatformConnection, Post
from moderation.platforms.base import FetchResult, RemoteComment
from moderation.platforms.registry import connector_for
from moderation.priority import priority_of
from moderation.safety import clean_text, safe_url

MAX_PAGES_PER_RUN = 50


@dataclass
class SyncReport:
    pages: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def sync_comments(*, connection: PlatformConnection, max_pages: int = MAX_PAGES_PER_RUN) -> SyncReport:
    """Fetch and store pages until the platform has no more or the budget is spent."""
    report = SyncReport()
    connector = connector_for(connection)
    for _page in range(max_pages):
        locked, result, page = atomic_with_retry(lambda: _sync_page(connection, connector))
        report.created += page.created
        report.updated += page.updated
        report.unchanged += page.unchanged
        report.pages += 1
        connection.cursor = locked.cursor
        if not result.more:
            break
    return report


def _sync_page(connection: PlatformConnection, connector) -> tuple[PlatformConnection, FetchResult, SyncReport]:
    """Fetch and store one page; the cursor advances in the same transaction. PostgreSQL may abort it to
    break a deadlock with a moderator's action on the same comments: nothing is kept, so it runs again."""
    page = SyncReport()
    locked = PlatformConnection.objects.select_for_update().get(pk=connection.pk)
    result = connector.fetch(cursor=locked.cursor)
    store_page(locked, result, page)
    locked.cursor = dict(result.cursor)
    locked.last_synced_at = timezone.now()
    locked.last_error = ""
    locked.save(update_fields=["cursor", "last_synced_at", "last_error", "updated_at"])
    return locked, result, page


def store_page(connection: PlatformConnection, result: FetchResult, report: SyncReport) -> None:
    posts = _upsert_posts(connection, result)
    authors = _upsert_authors(connection, result.comments)
    existing = {
        c.remote_id: c
        for c in Comment.objects.filter(connection=connection, remote_id__in=[rc.remote_id for rc in result.comments])
    }
    kinds = article_kinds(code_in_force(connection.organisation))
    history = _previous_texts(connection, authors.values())
    new_remotes: list[RemoteComment] = []
    for remote in result.comments:
        comment = existing.get(remote.remote_id)
        if comment is None:
            new_remotes.append(remote)
        elif _update_comment(comment, remote, kinds, history):
            report.updated += 1
        else:
            report.unchanged += 1
    created = _create_comments(connection, _unique_by_remote_id(new_remotes), posts, authors, kinds, history)
    existing.update({comment.remote_id: comment for comment in created})
    report.created += len(created)
    _link_parents(connection, [existing[rc.remote_id] for rc in result.comments], existing)
    if result.deleted_remote_ids:
        Comment.objects.filter(connection=connection, remote_id__in=result.deleted_remote_ids).update(
            platform_state=Comment.PlatformState.DELETED, updated_at=timezone.now()
        )


def _upsert_posts(connection: PlatformConnection, result: FetchResult) -> dict[str, Post]:
    posts = {p.remote_id: p for p in Post.objects.filter(connection=connection)}
    for remote in result.posts:
        values = {
            "title": clean_text(remote.title)[:200],
            "message": clean_text(remote.message),
            "permalink": safe_url(remote.permalink),
            "published_at": remote.published_at,
        }
        post = posts.get(remote.remote_id)
        if post is None:
            posts[remote.remote_id] = Post.objects.create(connection=connection, remote_id=remote.remote_id, **values)
        elif any(getattr(post, key) != value for key, value in values.items()):
            Post.objects.filter(pk=post.pk).update(**values)
    return posts


def _upsert_authors(connection: PlatformConnection, comments: list[RemoteComment]) -> dict[str, Author]:
    wanted = {rc.author_remote_id: clean_text(rc.author_name)[:300] for rc in comments if rc.author_remote_id}
    authors = {
        a.remote_id: a
        for a in Author.objects.filter(
            organisation=connection.organisation, platform=connection.kind, remote_id__in=list(wanted)
        )
    }
    for remote_id, name in wanted.items():
        author = authors.get(remote_id)
        if author is None:
            author, _created = Author.objects.get_or_create(
                organisation=connection.organisation,
                platform=connection.kind,
                remote_id=remote_id,
                defaults={"name": name},
            )
            authors[remote_id] = author
        elif name and author.name != name:
            author.name = name
            author.save(update_fields=["name"])
    return authors


def _previous_texts(connection: PlatformConnection, authors: Any) -> dict[int, list[str]]:
    """The last texts of each author in this page, for repeated-message signals."""
    ids = [a.pk for a in authors]
    history: dict[int, list[str]] = defaultdict(list)
    rows = (
        Comment.objects.filter(organisation=connection.organisation, author_id__in=ids)
        .order_by("-published_at")
        .values_list("author_id", "text")[: 20 * max(1, len(ids))]
    )
    for author_id, text in rows:
        if len(history[author_id]) < 20:
            history[author_id].append(text)
    return history


def _unique_by_remote_id(remotes: list[RemoteComment]) -> list[RemoteComment]:
    """A page that lists a comment twice stores it once (the last listing wins)."""
    return list({remote.remote_id: remote for remote in remotes}.values())


def _create_comments(connection, remotes: list[RemoteComment], posts, authors, kinds, history) -> list[Comment]:
    """Store a page's new comments in one insert, classified in one batch.

    Each comment is checked against its author's earlier texts, including those earlier on
    this page, exactly as if they had arrived one by one.
    """
    texts = [clean_text(remote.text) for remote in remotes]
    to_classify: list[tuple[str, list[str]]] = []
    for remote, text in zip(remotes, texts, strict=True):
        author = authors.get(remote.author_remote_id or "")
        if remote.is_own:
            continue
        to_classify.append((text, list(history.get(author.pk, [])) if author else []))
        if author is not None:
            history[author.pk].insert(0, text)
    verdicts = iter(classification_fields_many(to_classify, organisation=connection.organisation, article_kinds=kinds))
    comments = []
    for remote, text in zip(remotes, texts, strict=True):
        if remote.is_own:
            fields: dict[str, Any] = {"status": Comment.Status.HANDLED, "handled_at": timezone.now()}
        else:
            fields = next(verdicts)
        comment = Comment(
            organisation=connection.organisation,
            connection=connection,
            post=posts.get(remote.post_remote_id),
            author=authors.get(remote.author_remote_id or ""),
            remote_id=remote.remote_id,
            parent_remote_id=remote.parent_remote_id or "",
            is_own=remote.is_own,
            text=text,
            content_hash=content_hash(text),
            permalink=safe_url(remote.permalink),
            published_at=remote.published_at,
            platform_state=_platform_state(remote),
            **fields,
        )
        comment.priority = priority_of(conduct=comment.conduct, category=comment.category)
        comments.append(comment)
    return Comment.objects.bulk_create(comments)


def _platform_state(remote: RemoteComment) -> str:
    if remote.deleted:
        return Comment.PlatformState.DELETED
    return Comment.PlatformState.HIDDEN if remote.hidden else Comment.PlatformState.VISIBLE


def _update_comment(comment: Comment, remote: RemoteComment, kinds, history) -> bool:
    """Reflect edits, hides and deletions done on the platform; re-classify only changed text."""
    changed: list[str] = []
    state = _platform_state(remote)
    if comment.platform_state != state:
        comment.platform_state = state
        changed.append("platform_state")
    text = clean_text(remote.text)
    if not remote.deleted and content_hash(text) != comment.content_hash:
        comment.previous_texts = [*comment.previous_texts, {"text": comment.text, "replaced_at": timezone.now().isoformat()}]
        comment.text = text
        comment.content_hash = content_hash(text)
        changed += ["previous_texts", "text", "content_hash"]
        if not comment.is_own:
            previous = history.get(comment.author_id, []) if comment.author_id else []
            for key, value in classification_fields(
                text, organisation=comment.organisation, article_kinds=kinds, previous_texts=previous[1:]
            ).items():
                setattr(comment, key, value)
                changed.append(key)
    if changed:
        comment.save(update_fields=[*changed, "updated_at", "last_seen_at"])
    return bool(changed)


def _link_parents(connection: PlatformConnection, comments: list[Comment], known: dict[str, Comment]) -> None:
    missing = [c for c in comments if c.parent_remote_id and c.parent_id is None]
    if not missing:
        return
    lookup = dict(known)
    unknown = {c.parent_remote_id for c in missing} - set(lookup)
    lookup.update({c.remote_id: c for c in Comment.objects.filter(connection=connection, remote_id__in=unknown)})
    for comment in missing:
        parent = lookup.get(comment.parent_remote_id)
        if parent is not None and parent.pk != comment.pk:
            comment.parent = parent
            comment.save(update_fields=["parent"])
