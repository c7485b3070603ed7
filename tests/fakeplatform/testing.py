"""Helpers for tests that point a Facebook or Instagram connection at a running FakeGraph."""

from __future__ import annotations

from typing import Any

from tests.fakeplatform.server import FakeGraph


def graph_connection(organisation: Any, fake: FakeGraph, kind: str = "facebook", **options: Any) -> Any:
    """A saved PlatformConnection of ``kind`` for the seeded Velderbeek page (or its Instagram account)."""
    from tests.factories import ConnectionFactory

    if kind == "instagram":
        remote_id, defaults = fake.ig_account_id, {"page_id": fake.page_id}
    else:
        remote_id, defaults = fake.page_id, {}
    connection = ConnectionFactory(
        organisation=organisation,
        kind=kind,
        name=f"Velderbeek ({kind})",
        remote_page_id=remote_id,
        options={**defaults, **options},
    )
    connection.token = fake.token
    connection.save()
    return connection
