"""Demo content of the groups app (idempotent): organisations, the 13 GTs, a few SGTs, their
canevas pages, two years of work programmes and meetings with attendance, in French and English;
demo users put in their groups; the Pool Technique given what it needs to moderate."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale, Page

from home import formats
from home.demo import english_home, ensure_page, ensure_translation
from home.models import HomePage

from . import demo_texts
from .demo_data import ACTIVITIES, GROUPS, ORGANISATIONS, SUB_GROUPS
from .models import (
    AnnualReviewPage,
    CapacityBuildingAction,
    CapacityBuildingPage,
    GroupFocalPoint,
    GroupIndexPage,
    GroupMembership,
    GroupNewsPage,
    JointMission,
    JointMissionsCalendarPage,
    MeetingAttendance,
    MeetingPage,
    Organisation,
    SubGroupPage,
    TermsOfReferencePage,
    ThematicGroupPage,
    WorkProgrammeActivity,
    WorkProgrammePage,
)
from .permissions import editors_name, moderators_name, pool_technique_group, sync_all

MEETING_MONTHS = (2, 5, 8, 11)
NAMES = {acronym: (name_fr, name_en) for acronym, name_fr, name_en, *_rest in ORGANISATIONS}
#: Demo focal points: (first name, last name) — invented people, one per organisation.
FOCAL_PEOPLE = [
    ("Aminata", "Traoré"), ("Jean-Marc", "Lefèvre"), ("Fatoumata", "Coulibaly"),
    ("Moussa", "Keïta"), ("Claire", "Dubois"), ("Oumar", "Diarra"), ("Mariam", "Sangaré"),
    ("Peter", "Lindqvist"), ("Awa", "Diallo"), ("Ibrahim", "Touré"), ("Sophie", "Martin"),
    ("Boubacar", "Cissé"), ("Kadiatou", "Maïga"), ("Hans", "Becker"),
]  # fmt: skip
ROLES = {"lead": ("Chef de file", "Lead partner"), "counterpart": ("Contrepartie", "Counterpart")}


def texts_context(title, en_title, lead, ministry):
    """What the canevas texts need to speak of one group (see ``demo_texts``)."""
    lead_fr, lead_en = NAMES.get(lead, (lead, lead))
    ministry_fr, ministry_en = NAMES.get(ministry, ("le ministère de tutelle", "the line ministry"))
    return {"title": title, "en_title": en_title, "lead": lead_fr, "lead_en": lead_en,
            "ministry": ministry_fr, "ministry_en": ministry_en}  # fmt: skip


def ensure_organisations():
    fr = Locale.objects.get(language_code="fr")
    en = Locale.objects.get(language_code="en")
    orgs = {}
    for acronym, name_fr, name_en, family, iati in ORGANISATIONS:
        org = Organisation.objects.filter(locale=fr, acronym=acronym).first()
        if org is None:
            org = Organisation.objects.create(
                locale=fr, acronym=acronym, name=name_fr, family=family, iati_identifier=iati
            )
        if not Organisation.objects.filter(translation_key=org.translation_key, locale=en).exists():
            translated = org.copy_for_translation(en)
            translated.name = name_en
            translated.save()
        orgs[acronym] = org
    return orgs


def activity_status(rng, year, index, liveliness):
    today = timezone.localdate()
    if year < today.year:
        return rng.choice(["done", "done", "done", "late", "cancelled"])
    if index < liveliness:
        return "done"
    return rng.choice(["in_progress", "planned", "late"]) if liveliness else "late"


def build_programme(group, year, rng, liveliness, en_title, texts=None):
    activities = [
        WorkProgrammeActivity(
            title=title,
            responsible=group.lead_partner.acronym if group.lead_partner else "",
            start_date=datetime.date(year, 1 + 2 * i, 1),
            end_date=datetime.date(year, 2 + 2 * i, 28),
            status=activity_status(rng, year, i, liveliness),
            expected_results=result,
            sort_order=i,
        )
        for i, (title, _en, result) in enumerate(ACTIVITIES[: 4 + liveliness % 3])
    ]
    page = ensure_page(
        group,
        WorkProgrammePage,
        f"programme-de-travail-{year}",
        title=f"Programme de travail {year}",
        year=year,
        activities=activities,
        **({"objectives": demo_texts.wp_objectives(texts, year, "fr"),
            "ptf_coherence": demo_texts.wp_coherence(texts, year, "fr")} if texts else {}),
    )  # fmt: skip
    ensure_translation(
        page,
        "en",
        title=f"{en_title} work programme {year}",
        slug=f"work-programme-{year}",
        **({"objectives": demo_texts.wp_objectives(texts, year, "en"),
            "ptf_coherence": demo_texts.wp_coherence(texts, year, "en")} if texts else {}),
    )  # fmt: skip
    return page


def build_meetings(group, orgs, members, rng, liveliness, en_title):
    today = timezone.localdate()
    rate = 0.45 + 0.15 * liveliness
    horizon = today + datetime.timedelta(days=100)  # the next quarter's meetings are scheduled
    for year in (today.year - 1, today.year, today.year + 1):
        for month in MEETING_MONTHS:
            if liveliness == 0 and year >= today.year:
                continue  # a dormant group: no meeting this year
            day = datetime.date(year, month, 12 + sum(map(ord, group.acronym)) % 10)
            if day > horizon:
                continue
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
            present = [acr for acr in members if rng.random() < rate] or members[:1]
            attendances = [
                MeetingAttendance(
                    organisation=orgs[acr],
                    status="present" if acr in present else "absent",
                    persons="Point focal" if acr in present else "",
                    sort_order=i,
                )
                for i, acr in enumerate(members)
            ]
            label = day.strftime("%m-%Y")
            page = ensure_page(
                group,
                MeetingPage,
                f"reunion-{label}",
                title=f"Réunion du groupe {group.acronym} — {formats.day(day, 'fr')}",
                start=start,
                end=start + datetime.timedelta(hours=2, minutes=30),
                place="Bamako, locaux du Pool Technique",
                attendances=attendances,
            )
            ensure_translation(
                page,
                "en",
                title=f"{en_title} group meeting — {formats.day(day, 'en')}",
                slug=f"meeting-{label}",
            )


def build_group(parent, spec, orgs, rng, model=ThematicGroupPage):
    (slug, acronym, title, en_title, lead, co_lead, ministry, codes, members, mandate,
     en_mandate, liveliness) = spec  # fmt: skip
    today = timezone.localdate()
    start = datetime.date(today.year - 3, 1, 1)
    texts = texts_context(title, en_title, lead, ministry)
    people = [(acr, kind) for acr, kind in [(lead, "lead"), (ministry, "counterpart")] if acr]

    def focal_points(lang):
        return [
            GroupFocalPoint(
                name=" ".join(FOCAL_PEOPLE[(sum(map(ord, slug)) + i) % len(FOCAL_PEOPLE)]),
                organisation=orgs[acr],
                role=ROLES[kind][0 if lang == "fr" else 1],
                sort_order=i,
            )
            for i, (acr, kind) in enumerate(people)
        ]

    group = ensure_page(
        parent,
        model,
        slug,
        title=title,
        acronym=acronym,
        lead_partner=orgs[lead],
        co_lead=orgs.get(co_lead),
        government_counterpart=orgs.get(ministry),
        dac_sector_codes=codes,
        mandate=f"<p>{mandate}</p>",
        memberships=[
            GroupMembership(organisation=orgs[acr], start_date=start, sort_order=i)
            for i, acr in enumerate(members)
        ],
        focal_points=focal_points("fr"),
    )
    en_group = ensure_translation(
        group, "en", title=en_title, slug=slug, mandate=f"<p>{en_mandate}</p>"
    )
    if [fp.role for fp in en_group.focal_points.all()] != [fp.role for fp in focal_points("en")]:
        en_group.focal_points = focal_points("en")  # roles in English (names are people's)
        en_group.save_revision().publish()
    if liveliness or model is SubGroupPage:
        tor = ensure_page(
            group,
            TermsOfReferencePage,
            "termes-de-reference",
            title=f"Termes de référence du groupe {acronym}",
            adoption_date=datetime.date(today.year - 3, 3, 15),
            body=demo_texts.tor(texts, "fr"),
        )
        ensure_translation(
            tor,
            "en",
            title=f"{en_title} terms of reference",
            slug="terms-of-reference",
            body=demo_texts.tor(texts, "en"),
        )
    build_programme(group, today.year - 1, rng, liveliness, en_title, texts)
    if liveliness:
        build_programme(group, today.year, rng, liveliness, en_title, texts)
        review = ensure_page(
            group,
            AnnualReviewPage,
            f"bilan-{today.year - 1}",
            title=f"Bilan {today.year - 1}",
            year=today.year - 1,
            body=demo_texts.review(texts, today.year - 1, "fr"),
        )
        ensure_translation(
            review,
            "en",
            title=f"{today.year - 1} review",
            slug=f"review-{today.year - 1}",
            body=demo_texts.review(texts, today.year - 1, "en"),
        )
    if liveliness >= 2:
        missions = ensure_page(
            group,
            JointMissionsCalendarPage,
            f"missions-conjointes-{today.year}",
            title=f"Calendrier des missions conjointes {today.year}",
            year=today.year,
            missions=[
                JointMission(title="Mission conjointe à Ségou", start_date=datetime.date(today.year, 3, 10),
                             end_date=datetime.date(today.year, 3, 14), place="Ségou", partners=", ".join(members[:3])),
                JointMission(title="Revue conjointe annuelle", kind="review", start_date=datetime.date(today.year, 10, 6),
                             end_date=datetime.date(today.year, 10, 8), place="Bamako", partners=", ".join(members)),
            ],
        )  # fmt: skip
        ensure_translation(
            missions,
            "en",
            title=f"Joint missions {today.year}",
            slug=f"joint-missions-{today.year}",
        )
        capacity = ensure_page(
            group,
            CapacityBuildingPage,
            f"renforcement-des-capacites-{today.year}",
            title=f"Renforcement des capacités {today.year}",
            year=today.year,
            actions=[
                CapacityBuildingAction(title="Formation à la gestion axée sur les résultats",
                                       audience="Points focaux", provider="Pool Technique",
                                       start_date=datetime.date(today.year, 4, 20), status="done"),
            ],
            body=demo_texts.capacity(texts, today.year, "fr"),
        )  # fmt: skip
        ensure_translation(
            capacity,
            "en",
            title=f"Capacity building {today.year}",
            slug=f"capacity-building-{today.year}",
            body=demo_texts.capacity(texts, today.year, "en"),
        )
        news = ensure_page(
            group,
            GroupNewsPage,
            "actualite-revue-conjointe",
            title=f"{title} : la revue conjointe se prépare",
            summary="Le groupe a validé les termes de référence de la revue conjointe annuelle.",
            date=today - datetime.timedelta(days=12),
        )
        ensure_translation(news, "en", title=f"{en_title}: preparing the joint review", slug="news-joint-review",
                           summary="The group approved the terms of reference of the annual joint review.")  # fmt: skip
    build_meetings(group, orgs, members, rng, liveliness, en_title)
    if liveliness == 0:
        # A dormant group: nothing touched for months (shows the dashboard's warnings).
        old = timezone.now() - datetime.timedelta(days=150)
        Page.objects.filter(path__startswith=group.path, latest_revision_created_at__gt=old).update(
            latest_revision_created_at=old, last_published_at=old
        )
    return group


def assign_users():
    User = get_user_model()
    wanted = {
        "editeur-sante": [editors_name("SANTE")],
        "moderateur-sante": [moderators_name("SANTE")],
        "editeur-education": [editors_name("EDU")],
    }
    for username, group_names in wanted.items():
        user = User.objects.filter(username=username).first()
        if user is not None:
            user.groups.add(*Group.objects.filter(name__in=group_names))


def build(command):
    home_fr = HomePage.objects.get(locale__language_code="fr")
    english_home()
    orgs = ensure_organisations()
    index = ensure_page(
        home_fr,
        GroupIndexPage,
        "groupes-thematiques",
        title="Groupes thématiques",
        intro="<p>Les groupes thématiques (GT) réunissent les PTF d’un secteur autour de leur chef "
        "de file et de la contrepartie gouvernementale.</p>",
        show_in_menus=True,
    )
    ensure_translation(
        index,
        "en",
        title="Thematic groups",
        slug="thematic-groups",
        intro="<p>Thematic groups (GT) bring together a sector's partners around their lead "
        "partner and the government counterpart.</p>",
    )
    rng = random.Random(2026)
    by_acronym = {}
    for spec in GROUPS:
        by_acronym[spec[1]] = build_group(index, spec, orgs, rng)
    for parent_acronym, slug, acronym, title, en_title, lead, codes in SUB_GROUPS:
        parent = by_acronym[parent_acronym]
        members = [
            m.organisation.acronym for m in parent.memberships.select_related("organisation")
        ][:4]
        spec = (slug, acronym, title, en_title, lead, None, None, codes, members,
                f"Sous-groupe du GT {parent_acronym} : {title.lower()}.",
                f"Sub-group of the {parent_acronym} group: {en_title.lower()}.", 2)  # fmt: skip
        build_group(parent, spec, orgs, rng, model=SubGroupPage)
    sync_all()
    pool_technique_group()
    assign_users()
