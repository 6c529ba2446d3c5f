"""Strings used by ``static/js/aidmap.js``, translated on the server and passed as JSON."""

from django.utils.translation import gettext as _


def js_labels():
    return {
        "partner": _("Partner"),
        "sectors": _("Sectors"),
        "status": _("Status"),
        "commitments": _("Commitments"),
        "disbursements": _("Disbursements"),
        "location": _("Location"),
        "open": _("Open the activity page"),
        "activities": _("activities"),
        "more": _("and {n} more"),
        "none": _("No activity matches these filters."),
        "summary": _("{n} activities match the filters."),
        "total": _("Total ({n} activities)"),
        "error": _("The map data could not be loaded."),
        "first": _("The first {n} of {total} activities are listed."),
        "next": _("Next page"),
    }
