"""Production settings pass `manage.py check --deploy` without a single warning."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
# Not inherited from the test run: DJANGO_ALLOW_ASYNC_UNSAFE is set for Playwright (tests/e2e/conftest.py).
CLEARED = {
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "FIELD_ENCRYPTION_KEY",
    "ALLOWED_HOSTS",
    "SECRET_KEY",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_manage(tmp_path: Path, *args: str, **overrides: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key not in CLEARED}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PRODUCTION": "True",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "reageerwijzer.velderbeek.be",
        "FIELD_ENCRYPTION_KEY": f"{Fernet.generate_key().decode()},{Fernet.generate_key().decode()}",
        "VAR_DIR": str(tmp_path),
        **overrides,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = run_manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"FIELD_ENCRYPTION_KEY": ""}, "reageerwijzer.W001"),
        ({"FIELD_ENCRYPTION_KEY": "not-a-fernet-key"}, "reageerwijzer.E001"),
        ({"DEBUG": "True"}, "security.W018"),
        ({"SECURE_SSL_REDIRECT": "False"}, "security.W008"),
    ],
)
def test_check_deploy_complains_about_a_weak_setup(tmp_path, overrides, expected):
    result = run_manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **overrides)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and expected in output
    assert "not-a-fernet-key" not in output  # a check names the key's position, never the key


def test_production_needs_a_secret_key_from_the_environment(tmp_path):
    result = run_manage(tmp_path, "check", SECRET_KEY="")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_cookies_and_hsts(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS >= 31536000, "
        "s.SESSION_COOKIE_HTTPONLY, s.SESSION_EXPIRE_AT_BROWSER_CLOSE)"
    )
    result = run_manage(tmp_path, "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["True"] * 5
