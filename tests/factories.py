"""One factory per model, with traits for the variants tests talk about."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import Membership, Organisation
from moderation.models import Author, Comment, PlatformConnection, Post


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Gemeente Test {n}")
    slug = factory.Sequence(lambda n: f"gemeente-test-{n}")
    meldpunt_url = "https://www.example.org/melding"
    own_phone_numbers = "09 123 45 67"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = "Test"
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "staff"


class ConnectionFactory(DjangoModelFactory):
    class Meta:
        model = PlatformConnection

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "demo"
    name = factory.Sequence(lambda n: f"Demopagina {n}")
    remote_page_id = factory.Sequence(lambda n: f"demo-page-{n}")
    options = factory.LazyFunction(
        lambda: {"seed": 42, "initial": 0, "interval": 3600.0, "started_at": timezone.now().isoformat()}
    )


class PostFactory(DjangoModelFactory):
    class Meta:
        model = Post

    connection = factory.SubFactory(ConnectionFactory)
    remote_id = factory.Sequence(lambda n: f"demo_p_test{n}")
    title = "Wegenwerken Stationsstraat"
    message = "Vanaf maandag is de Stationsstraat afgesloten."
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class AuthorFactory(DjangoModelFactory):
    class Meta:
        model = Author

    organisation = factory.SubFactory(OrganisationFactory)
    platform = "demo"
    remote_id = factory.Sequence(lambda n: f"demo_a_test{n}")
    name = factory.Sequence(lambda n: f"Burger {n}")


class CommentFactory(DjangoModelFactory):
    class Meta:
        model = Comment

    connection = factory.SubFactory(ConnectionFactory)
    organisation = factory.SelfAttribute("connection.organisation")
    post = factory.SubFactory(PostFactory, connection=factory.SelfAttribute("..connection"))
    author = factory.SubFactory(AuthorFactory, organisation=factory.SelfAttribute("..organisation"))
    remote_id = factory.Sequence(lambda n: f"test_c{n:05d}")
    text = "Wanneer gaat het zwembad weer open?"
    published_at = factory.LazyFunction(timezone.now)
    sentiment = "neutral"
    category = "question"
    conduct = "allowed"
    confidence = 0.8

    class Params:
        insult = factory.Trait(
            text="Wat een bende idioten zijn jullie", sentiment="negative", category="insult", conduct="unwanted"
        )
        hateful = factory.Trait(
            text="Al die vreemdelingen moeten terug naar hun land", sentiment="negative",
            category="hate_speech", conduct="criminal",
        )
