"""Demo pages of the site: French tree first, then its English translation.

``ensure_page`` and ``ensure_translation`` are reused by the other apps' demo modules.
"""

import datetime

from django.utils import timezone
from wagtail.models import Collection, Locale, Page, Site

from .models import HomePage, NewsIndexPage, NewsPage, StandardPage


def ensure_page(parent, model, slug, **fields):
    """Return the live child ``slug`` of ``parent``, creating (and publishing) it when missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    fields.setdefault("show_in_menus", getattr(model, "show_in_menus_default", False))
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_translation(page, language_code, **fields):
    """Return the translation of ``page`` into ``language_code``, creating and publishing it."""
    locale = Locale.objects.get(language_code=language_code)
    existing = page.get_translations().filter(locale=locale).first()
    if existing is not None:
        return existing.specific
    translated = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


def english_home():
    home_fr = ensure_site_root()
    return ensure_translation(
        home_fr,
        "en",
        title="PTF Mali portal",
        intro="<p>The portal of Mali's technical and financial partners (PTF): thematic groups, "
        "reference documents, aid data and news.</p>",
    )


STRUCTURES = [
    (
        "pool-technique",
        "Le Pool Technique des PTF",
        "Secrétariat technique du groupe des partenaires techniques et financiers du Mali.",
        "pool-technique",
        "The PTF Technical Pool",
        "Technical secretariat of the group of Mali's technical and financial partners.",
    ),
    (
        "sha",
        "Secrétariat à l’Harmonisation de l’Aide (SHA)",
        "Structure du Gouvernement chargée de l’harmonisation et de l’efficacité de l’aide.",
        "sha",
        "Aid Harmonisation Secretariat (SHA)",
        "The Government body in charge of aid harmonisation and effectiveness.",
    ),
    (
        "ct-csclp",
        "Cellule Technique du CSCLP",
        "Cellule technique du Cadre stratégique de lutte contre la pauvreté.",
        "ct-csclp",
        "CSCLP Technical Unit",
        "Technical unit of the Strategic Framework for the Fight against Poverty.",
    ),
]

NEWS = [
    (
        "Réunion mensuelle de coordination des PTF",
        "Monthly PTF coordination meeting",
        "Les chefs de coopération ont fait le point sur le programme de travail annuel.",
        "Heads of cooperation reviewed progress on the annual work programme.",
    ),
    (
        "Retraite annuelle des PTF : bilan et programmation",
        "Annual PTF retreat: review and planning",
        "La retraite a validé les priorités du programme de travail de l’année.",
        "The retreat approved the priorities of this year's work programme.",
    ),
    (
        "Revue budgétaire conjointe",
        "Joint budget review",
        "Le Gouvernement et les PTF ont examiné l’exécution du budget.",
        "The Government and the partners examined budget execution.",
    ),
    (
        "Nouveau chef de file du groupe Santé",
        "New lead for the Health group",
        "Le Canada prend la présidence du groupe thématique Santé pour deux ans.",
        "Canada takes the chair of the Health thematic group for two years.",
    ),
    (
        "Publication des données de l’aide au format IATI",
        "Aid data published in the IATI format",
        "Les activités des partenaires sont désormais publiées au standard IATI 2.03.",
        "Partners' activities are now published in the IATI 2.03 standard.",
    ),
    (
        "Atelier sur l’efficacité de la coopération",
        "Workshop on effective cooperation",
        "Un atelier a réuni les PTF, la société civile et le secteur privé.",
        "A workshop brought together partners, civil society and the private sector.",
    ),
    (
        "Formation des points focaux des groupes thématiques",
        "Training for thematic-group focal points",
        "Les points focaux ont appris à publier leurs pages et documents.",
        "Focal points learnt to publish their pages and documents.",
    ),
    (
        "Rapport sur le développement humain",
        "Human Development Report",
        "Le nouveau rapport du PNUD est disponible dans la bibliothèque.",
        "UNDP's new report is available in the library.",
    ),
    (
        "Cadre partenarial avec le SHA",
        "Partnership framework with the SHA",
        "Le Pool Technique et le SHA ont adopté leur feuille de route commune.",
        "The Technical Pool and the SHA adopted their joint road map.",
    ),
    (
        "Mission conjointe dans la région de Ségou",
        "Joint mission to the Ségou region",
        "Les groupes Eau et Agriculture ont visité des projets à Ségou.",
        "The Water and Agriculture groups visited projects in Ségou.",
    ),
    (
        "Programme de travail 2026 du groupe Éducation",
        "Education group 2026 work programme",
        "Le groupe a adopté son programme de travail annuel.",
        "The group adopted its annual work programme.",
    ),
    (
        "Carte de l’aide au Mali",
        "Map of aid in Mali",
        "Une carte interactive montre où va l’aide, région par région.",
        "An interactive map shows where aid goes, region by region.",
    ),
]


def build(command):
    home_fr = ensure_site_root()
    if not home_fr.intro:
        home_fr.intro = (
            "<p>Le portail des partenaires techniques et financiers (PTF) du Mali : groupes "
            "thématiques, documents de référence, données de l’aide et actualités.</p>"
        )
        home_fr.save_revision().publish()
    english_home()

    for slug, title, intro, en_slug, en_title, en_intro in STRUCTURES:
        # Shown as the home page's "three co-located structures", not in the main menu (which
        # must fit one line at 1280 px).
        page = ensure_page(home_fr, StandardPage, slug, title=title, intro=intro,
                           show_in_menus=False)  # fmt: skip
        ensure_translation(page, "en", title=en_title, intro=en_intro, slug=en_slug)

    news_index = ensure_page(
        home_fr,
        NewsIndexPage,
        "actualites",
        title="Actualités",
        intro="<p>Les nouvelles du Pool Technique et des groupes thématiques.</p>",
    )
    ensure_translation(
        news_index,
        "en",
        title="News",
        slug="news",
        intro="<p>News from the Technical Pool and the thematic groups.</p>",
    )
    today = timezone.localdate()
    for i, (title_fr, title_en, summary_fr, summary_en) in enumerate(NEWS):
        date = today - datetime.timedelta(days=9 * i + 2)
        slug = f"actualite-{i + 1:02d}"
        body_fr = [
            (
                "paragraph",
                f"<p>{summary_fr} Le Pool Technique en rendra compte lors de la prochaine réunion mensuelle.</p>",
            )
        ]
        body_en = [
            (
                "paragraph",
                f"<p>{summary_en} The Technical Pool will report on it at the next monthly meeting.</p>",
            )
        ]
        news = ensure_page(
            news_index, NewsPage, slug, title=title_fr, summary=summary_fr, date=date, body=body_fr
        )
        ensure_translation(
            news, "en", title=title_en, summary=summary_en, body=body_en, slug=f"news-{i + 1:02d}"
        )
    Page.objects.filter(pk=home_fr.pk).update(show_in_menus=False)


def ensure_site_root():
    """Make sure the French home page, both locales and the default site exist.

    The data migration does this on a fresh database; tests that flush tables
    (transactional browser tests) call it to rebuild the minimum tree.
    """
    fr, _ = Locale.objects.get_or_create(language_code="fr")
    Locale.objects.get_or_create(language_code="en")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Portail PTF Mali")  # never "Root" (admin)
    home = HomePage.objects.filter(locale=fr).first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(
            title="Portail PTF Mali", slug="root", locale=fr
        )
        home = root.add_child(
            instance=HomePage(title="Portail PTF Mali", slug="accueil", locale=fr)
        )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "Portail PTF Mali",
        },
    )
    return home
