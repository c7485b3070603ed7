"""A small fake Graph API (Facebook Pages and Instagram) on 127.0.0.1 for connector tests."""

from tests.fakeplatform.server import FakeGraph

__all__ = ["FakeGraph"]
