"""Every response carries our Content-Security-Policy; every POST, form or htmx, needs the CSRF token."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from accounts.middleware import CONTENT_SECURITY_POLICY
from accounts.permissions import can
from moderation.escalation import answer_token
from moderation.models import Comment, Escalation
from tests.config.test_url_role_matrix import objects, project_patterns, url_for  # noqa: F401  (objects: fixture)
from tests.factories import CommentFactory
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


class FormFinder(HTMLParser):
    """Post forms without a CSRF field, and htmx posts, as the browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, object]] = []
        self.htmx_posts = 0
        self.body_headers = ""
        self._open: list[dict[str, object]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "body":
            self.body_headers = values.get("hx-headers", "")
        if any(name in values for name in ("hx-post", "hx-put", "hx-patch", "hx-delete")):
            self.htmx_posts += 1
        if tag == "form":
            form = {
                "method": values.get("method", "get").lower(),
                "id": values.get("id", ""),
                "csrf": False,
                "action": values.get("action", ""),
            }
            self.forms.append(form)
            self._open.append(form)
        if tag == "input" and values.get("name") == "csrfmiddlewaretoken" and self._open:
            self._open[-1]["csrf"] = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._open:
            self._open.pop()


def inspect(html: str) -> FormFinder:
    finder = FormFinder()
    finder.feed(html)
    return finder


def csrf_from_page(html: str) -> str:
    finder = inspect(html)
    return json.loads(finder.body_headers)["x-csrftoken"]


# --- Content-Security-Policy ----------------------------------------------------------------


def test_the_policy_allows_no_inline_script():
    directives = dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))
    assert directives["script-src"] == "'self'" and directives["object-src"] == "'none'"
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY and "unsafe-eval" not in CONTENT_SECURITY_POLICY


def test_every_kind_of_page_sends_the_policy(client, staff_client, connection, organisation, lead):
    comment = CommentFactory(connection=connection)
    from accounts.models import Department

    escalation = Escalation.objects.create(
        organisation=organisation,
        comment=comment,
        asked_by=lead,
        question="?",
        department=Department.objects.create(organisation=organisation, name="Wegen"),
    )
    responses = {
        "login": client.get(reverse("accounts:login")),
        "public code": client.get(reverse("codeofconduct:public", args=[organisation.slug])),
        "department answer": client.get(
            reverse("moderation:department_answer", args=[answer_token(escalation)])
        ),
        "anonymous redirect": client.get(reverse("moderation:inbox")),
        "inbox": staff_client.get(reverse("moderation:inbox")),
        "htmx panel": staff_client.get(
            reverse("moderation:comment", args=[comment.pk]),
            headers={"HX-Request": "true", "HX-Target": "comment-panel"},
        ),
        "403": staff_client.get(reverse("moderation:connections")),
        "404": staff_client.get("/bestaat-niet/"),
        "csv": client_for(lead).get(reverse("codeofconduct:strikes_csv")),
    }
    for name, response in responses.items():
        assert response.headers.get("Content-Security-Policy") == CONTENT_SECURITY_POLICY, name


def test_our_templates_need_no_inline_script_or_style():
    """The policy would block them (and log a console error): keep markup free of both."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    offenders = []
    for template in root.rglob("*.html"):
        text = template.read_text()
        for pattern in (
            r"<script(?![^>]*\bsrc=)",
            r"\son[a-z]+\s*=",
            r"\sstyle\s*=",
            r"<style",
            r"javascript:",
        ):
            if re.search(pattern, text, re.IGNORECASE):
                offenders.append(f"{template.relative_to(root)}: {pattern}")
    assert offenders == []


# --- CSRF -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "lead", "department"])
def test_every_post_form_on_every_page_carries_a_csrf_token(role, organisation, objects):  # noqa: F811
    from tests.factories import MembershipFactory

    user = MembershipFactory(organisation=organisation, role=role).user
    client = client_for(user)
    comment = Comment.objects.get(pk=objects["comment_id"])
    escalation = Escalation.objects.create(
        organisation=organisation,
        comment=comment,
        asked_by=user,
        question="?",
        department_id=objects["department_id"],
    )
    objects = {**objects, "token": answer_token(escalation)}  # the department's link: a page with a form
    checked = 0
    for name, entry in project_patterns():
        capability = getattr(entry.callback, "required_capability", None)
        if capability is not None and not can(role, capability):
            continue
        if not set(entry.pattern.converters) <= set(objects):
            continue  # a view whose objects the matrix fixture does not make yet
        url, _kwargs = url_for(name, entry, objects)
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        page = inspect(response.content.decode())
        missing = [form for form in page.forms if form["method"] == "post" and not form["csrf"]]
        assert missing == [], f"{name}: {missing}"
        if page.htmx_posts:
            assert "x-csrftoken" in page.body_headers, f"{name}: htmx posts without the CSRF header"
        checked += 1
    assert checked > (2 if role == "department" else 10)


@pytest.fixture
def strict_client(staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    return client


def test_an_htmx_post_without_the_csrf_header_is_refused(strict_client, connection):
    comment = CommentFactory(connection=connection)
    url = reverse("moderation:act", args=[comment.pk, "mark_handled"])
    headers = {"HX-Request": "true", "HX-Target": f"comment-{comment.pk}"}
    assert strict_client.post(url, {"version": comment.version}, headers=headers).status_code == 403
    assert Comment.objects.get(pk=comment.pk).status == "open"

    token = csrf_from_page(strict_client.get(reverse("moderation:inbox")).content.decode())
    response = strict_client.post(
        url, {"version": comment.version}, headers={**headers, "X-CSRFToken": token}
    )
    assert response.status_code == 200 and Comment.objects.get(pk=comment.pk).status == "handled"


def test_a_form_post_without_the_token_is_refused(strict_client, connection):
    comment = CommentFactory(connection=connection)
    response = strict_client.post(reverse("moderation:act", args=[comment.pk, "mark_handled"]))
    assert response.status_code == 403 and Comment.objects.get(pk=comment.pk).status == "open"


def test_the_login_form_needs_the_token_too(staff):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": staff.username, "password": "x"})
    assert response.status_code == 403
