"""Selectors for the people of an organisation (assignees, presence names)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from accounts.models import Organisation


def colleagues_of(organisation: Organisation) -> QuerySet:
    """Members who can moderate: the people a comment can be assigned to."""
    return (
        get_user_model()
        .objects.filter(memberships__organisation=organisation, memberships__role__in=["staff", "lead", "admin"])
        .order_by("first_name", "username")
    )


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()
