"""Load the demo organisation: a Flemish municipality with a demo page and a user per role.

Safe to run again: everything is created once and found the next time.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Organisation
from accounts.permissions import Role
from codeofconduct.setup import install_default_code
from moderation.classify.normalise import fold_phrase
from moderation.models import KnownFalseClaim, PlatformConnection, PoliticalTerm
from moderation.registers import forget_classification_lists
from moderation.setup import install_default_tree

DEMO_PASSWORD = "velderbeek-demo"
# Fictional local lists and slogans, and rumours the demo page's comments repeat (moderation/platforms/demo_texts.py).
DEMO_TERMS = (
    ("Velderbeek Vooruit", PoliticalTerm.Kind.PARTY),
    ("Samen Velderbeek", PoliticalTerm.Kind.PARTY),
    ("Lijst Beekvallei", PoliticalTerm.Kind.PARTY),
    ("Een Velderbeek dat luistert", PoliticalTerm.Kind.SLOGAN),
)
DEMO_FALSE_CLAIMS = (
    (
        "Het containerpark gaat dicht",
        "Het containerpark blijft open. Vanaf 1 januari gelden nieuwe openingsuren: ook op zaterdagnamiddag.",
        "https://www.velderbeek.example/containerpark",
    ),
    (
        "Het Zomerfeest is afgelast",
        "Het Zomerfeest gaat gewoon door, zoals elk jaar in het laatste weekend van augustus op het Marktplein.",
        "https://www.velderbeek.example/zomerfeest",
    ),
    (
        "Het restafval wordt maar één keer per maand opgehaald",
        "Het restafval wordt nog altijd om de twee weken opgehaald. De ophaaldagen staan in de afvalkalender.",
        "https://www.velderbeek.example/afvalkalender",
    ),
    (
        "De belasting is illegaal",
        "De afvalbelasting staat in het belastingreglement dat de gemeenteraad goedkeurde. Wie niet betaalt, krijgt "
        "eerst een herinnering; een afbetalingsplan kan altijd.",
        "https://www.velderbeek.example/afvalbelasting",
    ),
)
DEMO_USERS = (
    ("medewerker", "An", "Peeters", Role.STAFF),
    ("teamleider", "Bram", "Claes", Role.LEAD),
    ("teamleider2", "Sofie", "Maes", Role.LEAD),
    ("beheerder", "Lotte", "Janssens", Role.ADMIN),
    ("dienst", "Karim", "El Amrani", Role.DEPARTMENT),
)


class Command(BaseCommand):
    help = "Create the demo municipality, its demo page and one user per role (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        organisation, _created = Organisation.objects.get_or_create(
            slug="velderbeek",
            defaults={
                "name": "Gemeente Velderbeek",
                "kind": Organisation.Kind.MUNICIPALITY,
                "website_url": "https://www.velderbeek.example",
                "meldpunt_url": "https://www.velderbeek.example/melding",
                "support_url": "https://www.velderbeek.example/intranet/vertrouwenspersoon",
                "own_phone_numbers": "09 123 45 67\n0800 12 345",
                "own_email_domains": "velderbeek.example",
            },
        )
        install_default_code(organisation, appeal_contact="communicatie@velderbeek.example")
        install_default_tree(organisation)
        PlatformConnection.objects.get_or_create(
            organisation=organisation,
            kind="demo",
            remote_page_id="demo-velderbeek",
            defaults={
                "name": "Gemeente Velderbeek (demopagina)",
                "options": {
                    "seed": settings.DEMO_SEED,
                    "initial": 40,
                    "interval": settings.DEMO_COMMENT_INTERVAL_SECONDS,
                    "started_at": timezone.now().isoformat(),
                },
                "sync_interval_seconds": settings.DEMO_SYNC_INTERVAL_SECONDS,
            },
        )
        _install_registers(organisation)
        user_model = get_user_model()
        for username, first_name, last_name, role in DEMO_USERS:
            user = user_model.objects.filter(username=username).first()
            if user is None:
                user = user_model(username=username, first_name=first_name, last_name=last_name)
                user.email = f"{username}@velderbeek.example"
                user.set_password(DEMO_PASSWORD)
                user.save()
            Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": role})
        if not options["quiet"]:
            self.stdout.write(self.style.SUCCESS("Demo organisation ready: Gemeente Velderbeek"))
            self.stdout.write(f"Open http://127.0.0.1:8000/ and log in with one of these (password: {DEMO_PASSWORD}):")
            for username, _first, _last, role in DEMO_USERS:
                self.stdout.write(f"  {username:<12} {Role(role).label}")


def _install_registers(organisation: Organisation) -> None:
    """The demo's political terms and known false claims, each created once (matched on the folded text)."""
    for term, kind in DEMO_TERMS:
        PoliticalTerm.objects.get_or_create(
            organisation=organisation, folded=fold_phrase(term), defaults={"term": term, "kind": kind}
        )
    for claim, correction, source_url in DEMO_FALSE_CLAIMS:
        KnownFalseClaim.objects.get_or_create(
            organisation=organisation,
            folded=fold_phrase(claim),
            defaults={"claim": claim, "correction": correction, "source_url": source_url},
        )
    forget_classification_lists(organisation.pk)   # a cache may outlive a reset database
