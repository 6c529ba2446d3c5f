"""Editing journeys of a focal point and a moderator (issue 14) in Debian's Chromium against the
live server, in the French admin (the browser speaks French, as the focal points' do):

1. offline: with every request to a host other than 127.0.0.1/localhost aborted and recorded,
   the focal point's main screens (admin home with "Mon groupe", the group's pages, the group
   page's editor, a new meeting, document upload, the document and organisation choosers) and
   the moderator's queues load with no blocked request, no failed request (status ≥ 400 or a
   network failure) and no console error;
2. a meeting of a group of 10 member organisations recorded from the pre-filled attendance
   rows and submitted for moderation in ≤ 10 clicks;
3. the moderator approves it from the admin home: a French confirmation, the meeting is live;
4. a document uploaded with its metadata stays out of the public library, the group page and
   the group's feed until the moderator approves it in the documents queue (confirmation
   shown), then appears in all three.

Clicks are counted by ``Clicks`` (every click goes through it; typing is not counted; a native
``<select>`` is two clicks, picking a file in the system dialog one more). The journeys live in
``tests.browser.journeys`` so that ``bench/bench_editing_clicks.py`` replays exactly them and
prints the table of clicks per task. Data: the shared fixtures (a site, the SANTE group, its
editor and moderator) and the project's factories.
"""

import pytest

from tests.browser import journeys

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_MEETING_CLICKS = 10  # the target for a 10-member meeting, recorded and submitted


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, **journeys.CONTEXT}


@pytest.fixture
def site(home_fr, gt_a, editor_a, moderator_a):
    return journeys.build_site(home_fr, gt_a, editor_a, moderator_a)


def test_editor_screens_make_no_third_party_or_failed_request(browser, live_server, site):
    report = journeys.open_main_screens(browser, live_server.url, site)
    assert report["screens"] >= 10
    assert report["blocked"] == []
    assert report["failed"] == []
    assert report["console"] == []
    assert report["truncated"] == []  # every sidebar label of a moderator fits, in French


def test_meeting_recorded_submitted_and_approved(browser, live_server, site):
    from groups.models import MeetingPage

    result = journeys.record_meeting(browser, live_server.url, site)
    meeting = MeetingPage.objects.child_of(site["group"]).get()
    assert meeting.attendances.count() == 10
    assert meeting.workflow_in_progress and not meeting.live
    assert result["clicks"] <= MAX_MEETING_CLICKS, result["log"]

    approval = journeys.approve_meeting(browser, live_server.url, site)
    assert f"La page « {meeting.title} » est approuvée et publiée" in approval["message"]
    meeting.refresh_from_db()
    assert meeting.live and not meeting.workflow_in_progress
    saved = sorted(meeting.attendances.values_list("status", flat=True))
    assert saved == ["absent"] + ["excused"] + ["present"] * 8
    assert approval["public_status"] == 200


def test_document_waits_for_approval_then_is_public_everywhere(browser, live_server, site):
    from library.models import CustomDocument, ReviewStatus

    upload = journeys.upload_document(browser, live_server.url, site)
    document = CustomDocument.objects.get(title=journeys.DOCUMENT_TITLE)
    assert document.review_status == ReviewStatus.PENDING and document.is_listed
    assert [o.acronym for o in document.issuing_organisations.all()] == ["UNICEF"]
    assert upload["public"] == {"library": False, "group": False, "feed": False}

    approval = journeys.approve_document(browser, live_server.url, site)
    assert (
        f"« {journeys.DOCUMENT_TITLE} » approuvé : il est maintenant dans la bibliothèque "
        "publique." in approval["message"]
    )
    document.refresh_from_db()
    assert document.review_status == ReviewStatus.APPROVED
    assert approval["public"] == {"library": True, "group": True, "feed": True}


def test_group_page_edited_and_submitted(browser, live_server, site):
    """The first task of the "Mon groupe" panel (7 clicks before issue 14)."""
    group = site["group"]
    result = journeys.edit_group_page(browser, live_server.url, site)
    assert "soumise pour modération" in result["message"]
    group.refresh_from_db()
    assert group.workflow_in_progress and group.dac_sector_codes == ""  # waits for moderation
    assert result["clicks"] <= 7
