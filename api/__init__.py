"""The read-only open data API (``/api/v2/``): Wagtail API v2 endpoints plus the portal's own."""
