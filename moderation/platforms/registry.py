"""Connectors by platform kind, imported lazily; the kind choices come from the same table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from moderation.models import PlatformConnection
    from moderation.platforms.base import Connector

CONNECTORS: dict[str, tuple[str, str]] = {
    "facebook": ("Facebook", "moderation.platforms.facebook.FacebookConnector"),
    "instagram": ("Instagram", "moderation.platforms.instagram.InstagramConnector"),
    "demo": ("Demo", "moderation.platforms.demo.DemoConnector"),
}
KIND_CHOICES = [(kind, label) for kind, (label, _path) in CONNECTORS.items()]


def connector_class(kind: str) -> type[Connector]:
    return import_string(CONNECTORS[kind][1])


def connector_for(connection: PlatformConnection) -> Connector:
    return connector_class(connection.kind)(connection)


def capabilities_of(kind: str) -> frozenset[str]:
    return frozenset(str(cap) for cap in connector_class(kind).capabilities)
