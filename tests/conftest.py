"""The cast: a municipality with a demo page and a user per role, and an outsider elsewhere."""

from __future__ import annotations

import pytest
from django.conf import settings

from codeofconduct.setup import install_default_code
from moderation.setup import install_default_tree
from tests.factories import ConnectionFactory, MembershipFactory, OrganisationFactory
from tests.helpers import client_for


@pytest.fixture(autouse=True, scope="session")
def fast_password_hasher():
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Presence and counters live in the cache: every test starts without them."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session", autouse=True)
def celery_test_broker(tmp_path_factory):
    """One on-disk queue for the whole run (producers cache their connection), unless Redis is set."""
    from config.celery import app as celery_app

    if settings.CELERY_BROKER_URL.startswith("filesystem"):
        folder = tmp_path_factory.mktemp("celery")
        for sub in ("queue", "processed", "control"):
            (folder / sub).mkdir()
        celery_app.conf.broker_transport_options = {
            "data_folder_in": str(folder / "queue"),
            "data_folder_out": str(folder / "queue"),
            "processed_folder": str(folder / "processed"),
            "control_folder": str(folder / "control"),
            "store_processed": False,
        }
    return celery_app


@pytest.fixture
def celery_worker_running(celery_test_broker):
    """A real Celery worker (in a thread) on the configured broker: Redis in CI, files locally."""
    from celery.contrib.testing.worker import start_worker

    with start_worker(celery_test_broker, perform_ping_check=False, shutdown_timeout=10):
        yield


@pytest.fixture
def organisation(db):
    org = OrganisationFactory(name="Gemeente Velderbeek", slug="velderbeek")
    install_default_code(org, appeal_contact="communicatie@velderbeek.example")
    install_default_tree(org)
    return org


@pytest.fixture
def other_organisation(db):
    org = OrganisationFactory(name="Stad Elders", slug="elders")
    install_default_code(org)
    install_default_tree(org)
    return org


@pytest.fixture
def connection(organisation):
    return ConnectionFactory(organisation=organisation, name="Velderbeek (demo)")


def _member(organisation, role: str, username: str):
    return MembershipFactory(organisation=organisation, role=role, user__username=username).user


@pytest.fixture
def staff(organisation):
    return _member(organisation, "staff", "medewerker")


@pytest.fixture
def lead(organisation):
    return _member(organisation, "lead", "teamleider")


@pytest.fixture
def other_lead(organisation):
    return _member(organisation, "lead", "teamleider2")


@pytest.fixture
def admin_user(organisation):
    return _member(organisation, "admin", "beheerder")


@pytest.fixture
def department_user(organisation):
    return _member(organisation, "department", "dienst")


@pytest.fixture
def outsider(other_organisation):
    return _member(other_organisation, "admin", "buitenstaander")


@pytest.fixture
def staff_client(staff):
    return client_for(staff)


@pytest.fixture
def lead_client(lead):
    return client_for(lead)


@pytest.fixture
def admin_client_(admin_user):
    return client_for(admin_user)


@pytest.fixture
def outsider_client(outsider):
    return client_for(outsider)
