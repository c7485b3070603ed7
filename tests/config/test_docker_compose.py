"""No Docker engine here: check the compose file against the code instead."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SETTINGS_SOURCE = (ROOT / "config" / "settings.py").read_text()


def test_it_has_the_five_services_with_healthchecks():
    services = COMPOSE["services"]
    assert set(services) == {"web", "worker", "beat", "postgres", "redis"}
    assert all("healthcheck" in service for service in services.values())
    assert "pgdata" in COMPOSE["volumes"]
    assert any(volume.startswith("pgdata:") for volume in services["postgres"]["volumes"])


def test_every_command_points_at_a_real_module():
    web = COMPOSE["services"]["web"]["command"]
    module, attribute = re.search(r"gunicorn (\S+):(\S+)", web).groups()
    assert hasattr(importlib.import_module(module), attribute)
    for name in ("worker", "beat"):
        command = COMPOSE["services"][name]["command"]
        app_module = re.search(r"celery -A (\S+)", command).group(1)
        assert hasattr(importlib.import_module(app_module), "celery_app")


def test_environment_names_are_the_ones_settings_read():
    environment = COMPOSE["x-app"]["environment"]
    for name in environment:
        assert re.search(rf'env\.\w+\("{name}"', SETTINGS_SOURCE), f"settings never read {name}"
    for required in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "FIELD_ENCRYPTION_KEY", "DEBUG"):
        assert required in environment
