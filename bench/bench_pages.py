"""SQL queries and HTML size of one page of every public page type, in both languages.

Run: .venv/bin/python bench/bench_pages.py   (uses the dev database with the demo content;
`make demo` first). Target: ≤ 15 queries and ≤ 300 KB per page.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from _common import ROOT, count_queries  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from wagtail.models import Page  # noqa: E402

EXTRA = {
    "librarypage": ["?q=santé&type=rapport", "?audience=government&year=2025"],
    "aidmappage": ["?status=2"],
    "groupindexpage": ["agenda/"],
}


def main():
    client = Client()
    worst = 0
    seen = set()
    pages = (
        Page.objects.live().public().filter(depth__gte=2).select_related("content_type", "locale")
    )
    for page in pages.order_by("path"):
        key = (page.content_type.model, page.locale.language_code)
        if key in seen:
            continue
        seen.add(key)
        url = page.get_url()
        for suffix in ["", *EXTRA.get(page.content_type.model, [])]:
            status, queries, size = count_queries(client, url + suffix)
            worst = max(worst, queries)
            flag = "" if queries <= 15 and size <= 300 * 1024 else "  <-- over budget"
            print(
                f"{key[1]} {key[0]:24} {queries:3d} queries {size / 1024:6.1f} KB  {status} {url}{suffix}{flag}"
            )
    print(f"\nmost queries on one page: {worst}")


if __name__ == "__main__":
    main()
