"""Demo content: the aid map page in French and its English translation (idempotent)."""

from home.demo import english_home, ensure_page, ensure_translation
from home.models import HomePage

from .models import AidMapPage

INTRO_FR = (
    "<p>Où va l’aide au Mali : les activités publiées par les partenaires techniques et "
    "financiers au format IATI, par lieu et par région. Filtrez par secteur, groupe "
    "thématique, partenaire, statut, région ou année ; la liste sous la carte donne les mêmes "
    "informations.</p>"
)
INTRO_EN = (
    "<p>Where aid goes in Mali: the activities published by the technical and financial "
    "partners in the IATI format, by place and by région. Filter by sector, thematic group, "
    "partner, status, région or year; the list below the map gives the same information.</p>"
)


def build(command):
    home_fr = HomePage.objects.get(locale__language_code="fr")
    english_home()
    page = ensure_page(
        home_fr,
        AidMapPage,
        "carte-de-l-aide",
        title="Carte de l’aide",
        intro=INTRO_FR,
        show_in_menus=True,
    )
    ensure_translation(page, "en", title="Aid map", slug="aid-map", intro=INTRO_EN)
    return page
