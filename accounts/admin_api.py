"""The admin's page API (``/admin/api/main/pages/``, Wagtail's page choosers and explorer) with
integer parameters checked against the database's range: ``offset=99999999999999999999``
or ``child_of=…`` answered 500 ("bigint out of range"); they are now a 400 like any other bad
parameter. Registered by the ``construct_admin_api`` hook in ``wagtail_hooks``. No SQL."""

from wagtail.admin.api.views import PagesAdminAPIViewSet as BasePagesAdminAPIViewSet
from wagtail.api.v2.utils import BadRequestError

MAX_INT = 2**63 - 1
INTEGER_PARAMETERS = (
    "offset",
    "limit",
    "id",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
)


def check_integer_range(params):
    for name in INTEGER_PARAMETERS:
        value = (params.get(name) or "").strip().lstrip("-")
        if value.isdecimal() and int(value) > MAX_INT:
            raise BadRequestError(f"{name} is out of range")


class PagesAdminAPIViewSet(BasePagesAdminAPIViewSet):
    def listing_view(self, request):
        check_integer_range(request.GET)
        return super().listing_view(request)
