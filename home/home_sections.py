"""What the home app gives its own home page (see ``home.sections``): the latest three news
items, rendered once as their cards (``home/includes/news_card.html``, renditions prefetched),
and the co-located structures (the home page's StandardPage children not in the menu).

SQL cost when the sections are built: news (one query, one for the renditions), structures
(one); none when they come from the cache.
"""

from django.template.loader import render_to_string

from .models import NewsPage, StandardPage


def context(request, home_page):
    news = (
        NewsPage.objects.live()
        .public()
        .filter(locale_id=home_page.locale_id)
        .select_related("image")
        .prefetch_related("image__renditions")
        .order_by("-date", "-pk")[:3]
    )
    structures = (
        StandardPage.objects.child_of(home_page)
        .live()
        .public()
        .filter(show_in_menus=False)
        .only("id", "title", "intro", "path", "depth", "url_path", "locale_id")
        .order_by("path")
    )
    return {
        "news_cards": [
            render_to_string("home/includes/news_card.html", {"item": item, "request": request})
            for item in news
        ],
        "structures": [
            {"title": page.title, "intro": page.intro, "url": page.get_url(request)}
            for page in structures
        ],
    }
