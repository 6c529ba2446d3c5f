"""The IATI publisher's fixtures (codelists, organisations, activities, a private MEDIA_ROOT)."""

from tests.iati_publisher.conftest import codelists, media_root, reporting_org, valid_activity

__all__ = ["codelists", "media_root", "reporting_org", "valid_activity"]
