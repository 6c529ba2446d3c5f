"""Demo content of the reports app (idempotent): this year's PTF work programme under the
Pool Technique's page, its priority themes carried by demo groups, the monthly coordination
meetings and the retreat, links from the groups' activities and meetings to the themes, the
English translation; and a draft quarterly report for the last complete quarter."""

import contextlib
import datetime

from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale

from groups.models import MeetingPage, SubGroupPage, ThematicGroupPage, WorkProgrammePage
from home.demo import ensure_site_root
from home.models import StandardPage

from .models import CoordinationMeeting, PriorityTheme, PTFWorkProgrammePage

# French title, English title, French objectives, English objectives, carrying groups
THEMES = [
    (
        "Efficacité de l’aide et redevabilité mutuelle",
        "Aid effectiveness and mutual accountability",
        "Aligner les interventions des PTF sur les priorités nationales et suivre les "
        "engagements de Busan.",
        "Align partners' interventions with national priorities and follow up the Busan "
        "commitments.",
        ["EFP", "DRE"],
    ),
    (
        "Gestion des finances publiques et appui budgétaire",
        "Public financial management and budget support",
        "Préparer la revue budgétaire conjointe et le dialogue sur l’appui budgétaire.",
        "Prepare the joint budget review and the budget support dialogue.",
        ["EFP", "AB"],
    ),
    (
        "Capital humain : santé, éducation, nutrition",
        "Human capital: health, education, nutrition",
        "Coordonner les appuis aux secteurs sociaux et suivre les revues sectorielles.",
        "Coordinate support to the social sectors and follow the sector reviews.",
        ["SANTE", "EDU", "NUT"],
    ),
    (
        "Résilience, sécurité alimentaire et climat",
        "Resilience, food security and climate",
        "Renforcer la coordination humanitaire-développement et l’adaptation au climat.",
        "Strengthen humanitarian-development coordination and climate adaptation.",
        ["SAH", "ADR", "ECC"],
    ),
]


def pool_page(locale=None):
    """The Pool Technique's page of the default language (the demo's ``pool-technique``)."""
    home = ensure_site_root()
    return (
        StandardPage.objects.child_of(home).filter(slug="pool-technique").first()
        or StandardPage.objects.child_of(home).first()
    )


def _groups_by_acronym():
    fr = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    groups = {}
    for model in (ThematicGroupPage, SubGroupPage):
        for group in model.objects.filter(locale=fr):
            groups[group.acronym] = group
    return groups


def build_programme(pool, year):
    existing = PTFWorkProgrammePage.objects.child_of(pool).filter(year=year).first()
    if existing is not None:
        return existing
    groups = _groups_by_acronym()
    page = PTFWorkProgrammePage(
        slug=f"programme-de-travail-ptf-{year}",
        title=f"Programme de travail annuel des PTF {year}",
        year=year,
        intro="<p>Adopté lors de la retraite annuelle, il fixe les thèmes prioritaires que les "
        "groupes thématiques portent pendant l’année.</p>",
    )
    pool.add_child(instance=page)
    themes = []
    for i, (title, _en, objectives, _en_obj, carriers) in enumerate(THEMES):
        theme = PriorityTheme.objects.create(
            page=page,
            title=title,
            objectives=f"<p>{objectives}</p>",
            expected_results="<p>Un point d’avancement à chaque réunion mensuelle.</p>",
            sort_order=i,
        )
        theme.groups.set([groups[a] for a in carriers if a in groups])
        theme.save()  # modelcluster: the many-to-many is written on save
        themes.append(theme)
    meetings = [
        CoordinationMeeting(
            page=page,
            kind="retreat",
            date=datetime.date(year, 1, 20),
            place="Ségou",
            sort_order=0,
        )
    ]
    for month in range(2, 13):
        meetings.append(
            CoordinationMeeting(
                page=page,
                kind="monthly",
                date=datetime.date(year, month, 8),
                place="Bamako",
                sort_order=month,
            )
        )
    CoordinationMeeting.objects.bulk_create(meetings)
    today = timezone.localdate()
    for i, meeting in enumerate(page.coordination_meetings.all()):
        if meeting.date <= today:
            meeting.themes.set([themes[i % len(themes)], themes[(i + 1) % len(themes)]])
            meeting.save()
    page.save_revision().publish()
    return page


def translate_programme(page):
    en = Locale.objects.get(language_code="en")
    translated = page.get_translations().filter(locale=en).first()
    if translated is not None:
        return translated.specific
    translated = page.copy_for_translation(en, copy_parents=True)
    translated.title = f"PTF annual work programme {page.year}"
    translated.slug = f"ptf-work-programme-{page.year}"
    translated.intro = (
        "<p>Adopted at the annual retreat, it sets the priority themes the thematic groups "
        "carry during the year.</p>"
    )
    english = {fr: (en_title, en_obj) for fr, en_title, _o, en_obj, _c in THEMES}
    for theme in translated.themes.all():
        if theme.title in english:
            theme.title, objectives = english[theme.title]
            theme.objectives = f"<p>{objectives}</p>"
            theme.expected_results = "<p>A progress update at every monthly meeting.</p>"
            theme.save()
    translated.save_revision().publish()
    return translated


def link_groups(page):
    """Link the carrying groups' activities and this year's meetings to the themes."""
    for theme in page.themes.prefetch_related("groups"):
        for group in theme.groups.all():
            for programme in WorkProgrammePage.objects.child_of(group).filter(year=page.year):
                activities = list(programme.activities.all()[:2])
                if activities and not activities[0].priority_themes.filter(pk=theme.pk).exists():
                    for activity in activities:
                        activity.priority_themes.add(theme)
                        activity.save()
                    programme.save_revision().publish()
            for meeting in MeetingPage.objects.child_of(group).filter(start__year=page.year):
                if not meeting.priority_themes.filter(pk=theme.pk).exists():
                    meeting.priority_themes.add(theme)
                    meeting.save_revision().publish()


def build(command=None):
    pool = pool_page()
    if pool is None:
        return
    year = timezone.localdate().year
    page = build_programme(pool, year)
    link_groups(page)
    translate_programme(page)
    build_report()


def build_report():
    """A draft report for the last complete quarter (kept if it exists; skipped without data)."""
    from .generate import ReportError, create_quarterly_report
    from .periods import Period

    with contextlib.suppress(ReportError):
        create_quarterly_report(Period.last_complete_quarter())
