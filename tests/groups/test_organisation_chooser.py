"""Organisation choosers that find things, through the admin's chooser endpoints: one entry per
organisation in the editor's language; name, acronym and IATI identifier found with or without
accents; a document's issuing organisations chosen with Wagtail's chooser, several at once."""

import html as entities
import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from groups.choosers import labels_in_language
from groups.models import Organisation

pytestmark = pytest.mark.django_db

CHOOSE = "/admin/snippets/choose/groups/organisation/"
RESULTS = CHOOSE + "results/"


def organisation(fr_name, en_name, acronym, iati=""):
    fr = Organisation.objects.create(
        name=fr_name, acronym=acronym, iati_identifier=iati,
        locale=Locale.objects.get(language_code="fr"),
    )  # fmt: skip
    en = fr.copy_for_translation(Locale.objects.get(language_code="en"))
    en.name = en_name
    en.save()
    return fr, en


@pytest.fixture
def partners(home_en):
    return {
        "unicef": organisation(
            "Fonds des Nations unies pour l’enfance",
            "United Nations Children's Fund",
            "UNICEF",
            "XM-DAC-41122",
        ),
        "giz": organisation("Coopération allemande", "German Cooperation", "GIZ", "DE-1"),
        "sante": organisation("Ministère de la Santé", "Ministry of Health", "MSHP"),
    }


def in_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def titles(html):
    """The entries' labels, in order (the chooser's title links)."""
    return [
        entities.unescape(re.sub(r"\s+", " ", title).strip())
        for title in re.findall(r"data-chooser-modal-choice[^>]*>(.*?)</a>", html, re.S)
    ]


def test_one_entry_per_organisation_in_the_editors_language(client, partners, editor_a):
    client.force_login(editor_a)
    listing = client.get(RESULTS).content.decode()
    assert titles(listing) == [
        "Coopération allemande (GIZ)",
        "Fonds des Nations unies pour l’enfance (UNICEF)",
        "Ministère de la Santé (MSHP)",
    ]
    assert "XM-DAC-41122" in listing  # the IATI identifier helps choosing
    modal = client.get(CHOOSE).json()["html"]
    assert 'name="locale"' not in modal and "Locale" not in modal  # no filter left in English

    in_language(editor_a, "en")
    listing = client.get(RESULTS).content.decode()
    assert titles(listing) == [
        "German Cooperation (GIZ)",
        "Ministry of Health (MSHP)",
        "United Nations Children's Fund (UNICEF)",
    ]
    # ...and each entry is still the default-language copy that pages and documents link to
    french_ids = {fr.pk for fr, _en in partners.values()}
    linked = {int(pk) for pk in re.findall(r"/chosen/(\d+)/", listing)}
    assert linked == french_ids


@pytest.mark.parametrize(
    "query, expected",
    [
        ("UNICEF", "unicef"),
        ("unicef", "unicef"),
        ("enfance", "unicef"),
        ("XM-DAC-41122", "unicef"),
        ("41122", "unicef"),
        ("cooperation", "giz"),  # without the accent
        ("Coopération", "giz"),
        ("coop", "giz"),  # first letters
        ("German", "giz"),  # the English name finds the entry too
        ("ministere sante", "sante"),
        ("msh", "sante"),
    ],
)
def test_search_by_name_acronym_or_iati_identifier(client, partners, editor_a, query, expected):
    client.force_login(editor_a)
    html = client.get(RESULTS, {"q": query}).content.decode()
    fr, _en = partners[expected]
    assert titles(html) == [labels_in_language([fr], "fr")[fr.pk]], (query, titles(html))


def test_search_finds_nothing_clearly(client, partners, editor_a):
    client.force_login(editor_a)
    html = client.get(RESULTS, {"q": "zzzz"}).content.decode()
    assert titles(html) == []


def test_chosen_and_multiple_chosen_are_labelled_in_the_editors_language(
    client, partners, editor_a
):
    in_language(editor_a, "en")
    client.force_login(editor_a)
    unicef, giz = partners["unicef"][0], partners["giz"][0]
    one = client.get(f"{CHOOSE}chosen/{unicef.pk}/").json()["result"]
    assert one["string"] == "United Nations Children's Fund (UNICEF)"
    several = client.get(
        f"{CHOOSE}chosen-multiple/", {"id": [unicef.pk, giz.pk], "multiple": "1"}
    ).json()["result"]
    assert sorted(item["string"] for item in several) == [
        "German Cooperation (GIZ)",
        "United Nations Children's Fund (UNICEF)",
    ]
    multiple = client.get(CHOOSE, {"multiple": "1"}).json()["html"]
    assert 'type="checkbox"' in multiple and "chosen-multiple" in multiple


def test_documents_issuing_organisations_use_the_multiple_chooser(partners, editor_a):
    from wagtail.documents import get_document_model
    from wagtail.documents.forms import get_document_form

    LibraryDocumentForm = get_document_form(get_document_model())
    unicef, giz = partners["unicef"][0], partners["giz"][0]
    form = LibraryDocumentForm(user=editor_a)
    html = str(form["issuing_organisations"])
    assert "<select" not in html  # no more Ctrl+click multi-select
    assert "data-ptf-multichooser-add" in html and CHOOSE in html
    assert "js/multiple-chooser.js" in str(form.media)

    field = form.fields["issuing_organisations"]
    data = {"issuing_organisations": [str(unicef.pk), str(giz.pk)]}
    value = field.widget.value_from_datadict(_querydict(data), {}, "issuing_organisations")
    assert set(field.clean(value)) == {unicef, giz}
    bound = LibraryDocumentForm(data=_querydict(data), user=editor_a)
    rendered = str(bound["issuing_organisations"])
    assert rendered.count('type="hidden" name="issuing_organisations"') == 2
    assert rendered.index("Coopération allemande") < rendered.index("Fonds des Nations")
    english = partners["unicef"][1]
    assert not field.widget.value_from_datadict(_querydict({}), {}, "issuing_organisations")
    with pytest.raises(ValidationError):  # an English copy is not a document's organisation
        field.clean([str(english.pk)])


def _querydict(data):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, values in data.items():
        query.setlist(key, values)
    return query
