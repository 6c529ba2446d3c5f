"""PTF work programme: priority themes as real relations, the per-theme dashboard, the page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from groups.factories import (
    MeetingPageFactory,
    WorkProgrammePageFactory,
    add_activities,
)
from groups.models import MeetingPage, WorkProgrammePage
from reports.factories import (
    PTFWorkProgrammePageFactory,
    add_coordination_meeting,
    add_theme,
    link_activities,
)
from reports.figures import themes_section
from reports.models import PTFWorkProgrammePage
from reports.periods import Period
from tests.helpers import speak

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YEAR = TODAY.year


def past(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def programme(pool_page):
    return PTFWorkProgrammePageFactory(parent=pool_page, year=YEAR)


@pytest.fixture
def themed(programme, gt_a, gt_b, sgt_a):
    """Two themes: 'Capital humain' (SANTE, NUT; 3 activities: 1 done, 1 late) and 'Finances'."""
    human = add_theme(programme, "Capital humain", [gt_a, sgt_a], sort_order=0)
    finance = add_theme(programme, "Finances publiques", [gt_b], sort_order=1)
    wp_a = WorkProgrammePageFactory(parent=gt_a, year=YEAR)
    add_activities(wp_a, ["done", "late", "planned", "planned"])
    wp_nut = WorkProgrammePageFactory(parent=sgt_a, year=YEAR)
    add_activities(wp_nut, ["in_progress"])
    activities = list(wp_a.activities.order_by("sort_order"))
    link_activities(activities[:3], [human])
    link_activities(wp_nut.activities.all(), [human])
    old = WorkProgrammePageFactory(parent=gt_b, year=YEAR - 1)  # another year: not counted
    add_activities(old, ["done"])
    link_activities(old.activities.all(), [finance])
    meeting = MeetingPageFactory(parent=gt_a, start=past(3))
    meeting.priority_themes.set([human])
    meeting.save()
    add_coordination_meeting(programme, TODAY - datetime.timedelta(days=10), [human, finance])
    return human, finance, meeting


def test_themes_section_counts_the_linked_activities_and_the_last_meeting(themed):
    human, finance, meeting = themed
    data = themes_section(Period(YEAR))
    rows = {row["title"]: row for row in data["rows"]}
    assert list(rows) == ["Capital humain", "Finances publiques"]
    h = rows["Capital humain"]
    assert [g["acronym"] for g in h["groups"]] == ["NUT", "SANTE"]
    assert (h["activities"], h["done"], h["late"], h["programmes"]) == (4, 1, 1, 2)
    assert h["last_meeting"] == {
        "kind": "group",
        "date": timezone.localtime(meeting.start).date().isoformat(),
    }
    f = rows["Finances publiques"]
    assert (f["activities"], f["done"], f["late"]) == (0, 0, 0)
    assert f["last_meeting"]["kind"] == "coordination"
    assert data["totals"] == {"themes": 2, "activities": 4, "done": 1, "late": 1}
    # Last year has no programme: no theme.
    assert themes_section(Period(YEAR - 1))["rows"] == []


def test_themes_section_query_count_does_not_grow(themed, programme, gt_a, gt_b):
    def count():
        with CaptureQueriesContext(connection) as queries:
            themes_section(Period(YEAR))
        return len(queries)

    before = count()
    wp = WorkProgrammePageFactory(parent=gt_b, year=YEAR)
    for i in range(6):
        theme = add_theme(programme, f"Thème {i}", [gt_a, gt_b], sort_order=10 + i)
        add_activities(wp, ["done", "late"])
        link_activities(wp.activities.all(), [theme])
        add_coordination_meeting(programme, TODAY, [theme], sort_order=10 + i)
    assert count() == before <= 10


def test_pool_dashboard_shows_the_themes(client, pool_user, themed):
    client.force_login(pool_user)
    speak(pool_user, "fr")
    response = client.get(f"/admin/reports/dashboard/?period={YEAR}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Capital humain" in html and "Thèmes prioritaires du programme de travail" in html
    assert "Réunion du groupe" in html  # kind of the last meeting


@pytest.mark.parametrize("bad", ["2099-Q1", "abc", "2026-Q9", "%00", "1999"])
def test_dashboard_bad_period_is_a_message_not_an_error(client, pool_user, bad):
    client.force_login(pool_user)
    speak(pool_user, "en")
    response = client.get("/admin/reports/dashboard/", {"period": bad})
    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert messages and any(w in messages[0] for w in ("not started", "not a period", "between"))
    assert response.context["period"] == Period.current_quarter()


def test_dashboard_is_for_the_pool_only(client, editor_a):
    client.force_login(editor_a)
    response = client.get("/admin/reports/dashboard/")
    assert response.status_code == 302 and response["Location"] == "/admin/"  # Wagtail: denied


def test_dashboard_query_budget(client, pool_user, themed, django_assert_max_num_queries):
    client.force_login(pool_user)
    client.get("/admin/reports/dashboard/")  # warm the per-session caches
    with django_assert_max_num_queries(45):
        assert client.get(f"/admin/reports/dashboard/?period={YEAR}").status_code == 200


def wp_activity(title, themes=(), status="planned"):
    return {
        "title": title,
        "responsible": "",
        "start_date": "",
        "end_date": "",
        "status": status,
        "expected_results": "",
    }


def with_lists(data, **lists):
    """nested_form_data flattens lists into -0, -1 keys: multiple-choice fields need the list."""
    for key, values in lists.items():
        data[key.replace("__", "-")] = [str(v.pk) for v in values]
    return data


def test_gt_editor_links_activities_to_themes_in_the_admin(client, editor_a, gt_a, themed):
    human, finance, _meeting = themed
    WorkProgrammePage.objects.child_of(gt_a).delete()
    client.force_login(editor_a)
    data = nested_form_data(
        {
            "title": "Programme",
            "slug": "programme",
            "seo_title": "",
            "search_description": "",
            "comments": inline_formset([]),
            "year": YEAR,
            "objectives": rich_text("<p>O</p>"),
            "ptf_coherence": rich_text("<p>C</p>"),
            "activities": inline_formset([wp_activity("Revue", [human, finance], "done")]),
            "action-publish": "publish",
        }
    )
    data = with_lists(data, activities__0__priority_themes=[human, finance])
    response = client.post(f"/admin/pages/add/groups/workprogrammepage/{gt_a.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    page = WorkProgrammePage.objects.child_of(gt_a).get()
    activity = page.activities.get()
    assert set(activity.priority_themes.all()) == {human, finance}
    # The link is kept in the revision (the editor reopens the page and sees it).
    revision_activity = page.latest_revision.as_object().activities.all()[0]
    assert {t.pk for t in revision_activity.priority_themes.all()} == {human.pk, finance.pk}
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert "Capital humain" in edit.content.decode()


def test_meeting_links_to_themes(themed):
    human, _finance, meeting = themed
    assert list(MeetingPage.objects.filter(priority_themes=human)) == [meeting]


def test_pool_creates_the_programme_in_the_admin(client, pool_user, pool_page, gt_a):
    client.force_login(pool_user)
    data = nested_form_data(
        {
            "title": f"Programme des PTF {YEAR}",
            "slug": "programme-ptf",
            "seo_title": "",
            "search_description": "",
            "comments": inline_formset([]),
            "year": YEAR,
            "intro": rich_text("<p>Intro</p>"),
            "themes": inline_formset(
                [
                    {
                        "title": "Capital humain",
                        "objectives": rich_text("<p>Obj</p>"),
                        "expected_results": rich_text("<p>Rés</p>"),
                    }
                ]
            ),
            "coordination_meetings": inline_formset(
                [{"kind": "retreat", "date": f"{YEAR}-01-20", "place": "Ségou", "minutes": ""}]
            ),
        }
    )
    data = with_lists(data, themes__0__groups=[gt_a])
    response = client.post(f"/admin/pages/add/reports/ptfworkprogrammepage/{pool_page.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    page = PTFWorkProgrammePage.objects.get()
    theme = page.themes.get()
    assert list(theme.groups.all()) == [gt_a.page_ptr] and theme.locale == page.locale
    assert page.coordination_meetings.get().kind == "retreat"
    # One programme per year and language.
    speak(pool_user, "en")
    again = client.post(f"/admin/pages/add/reports/ptfworkprogrammepage/{pool_page.pk}/", data)
    assert again.status_code == 200
    assert "already a PTF work programme" in str(again.context["form"].errors)


def test_public_page_in_both_languages(client, programme, themed, home_en, gt_a):
    programme.save_revision().publish()
    fr = client.get(programme.url)
    assert fr.status_code == 200
    assert "Capital humain" in fr.content.decode() and "Santé" in fr.content.decode()
    en_page = programme.copy_for_translation(home_en.locale, copy_parents=True)
    for theme in en_page.themes.all():
        theme.title = {"Capital humain": "Human capital"}.get(theme.title, theme.title)
        theme.save()
    en_page.save_revision().publish()
    response = client.get(en_page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Human capital" in html and "Priority themes" in html


def test_public_page_query_budget(client, programme, themed, django_assert_max_num_queries):
    programme.save_revision().publish()
    client.get(programme.url)
    with django_assert_max_num_queries(15):
        assert client.get(programme.url).status_code == 200
