"""Factories for the knowledge base and articles, with names a test can read."""

from __future__ import annotations

import factory

from articles.models import Article
from players.models import Club, ClubAlias, Outlet, Player, PlayerAlias, PlayerStatus, Source


class ClubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Club
        django_get_or_create = ("key",)

    name = factory.Sequence(lambda n: f"Club {n}")
    key = factory.LazyAttribute(lambda o: "xx/" + o.name.lower().replace(" ", "-"))
    country = "it"
    league = "it.1"
    prominence = 3


class ClubAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClubAlias

    club = factory.SubFactory(ClubFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")
    source = Source.EDITORIAL


class PlayerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Player
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Player {n}")
    status = PlayerStatus.VERIFIED
    source = Source.EDITORIAL

    @factory.post_generation
    def aliases(self: Player, create: bool, extracted: list[str] | None, **kwargs: object) -> None:  # type: ignore[misc]
        if create:
            for name in [self.name, *(extracted or [])]:
                PlayerAlias.objects.get_or_create(player=self, name=name, defaults={"source": Source.EDITORIAL})


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Outlet {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    text = factory.Sequence(lambda n: f"Article body number {n} with enough words to count as an article.")
