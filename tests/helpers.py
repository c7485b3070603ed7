"""Helpers shared by test modules (fixtures live in conftest.py)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.test import Client


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> bool:
    """Poll a condition that another thread or process makes true (a worker, a live server)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def log_in(page, live_server, username: str, password: str = "correct horse battery staple") -> None:
    """Log in through the real login form, as a person would (Dutch labels)."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
