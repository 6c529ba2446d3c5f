"""Factories for the home app's pages (wagtail-factories)."""

import factory
import wagtail_factories
from django.utils import timezone

from .models import NewsIndexPage, NewsPage, StandardPage


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Page {n}")
    intro = "Introduction"


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Actualités"


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Nouvelle {n}")
    summary = factory.Sequence(lambda n: f"Résumé de la nouvelle {n}")
    date = factory.LazyFunction(timezone.localdate)
