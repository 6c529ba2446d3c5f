"""Translate a page through wagtail-localize from code (the demo, the screenshots command).

``translate_page(source_page, target_page_values, language_code)`` does what a translator does
in wagtail-localize's editor: it creates (or updates) the ``TranslationSource`` of the French
page, the ``Translation`` into the target locale, imports the target strings as a PO file
(``Translation.import_po``, the same path as an uploaded PO) and saves the target page
(``save_target``, published). The page stays synchronised: later changes to the source are
propagated with ``sync_translations``, as the admin's "Sync translated pages" does.

``target_page_values`` is an unsaved instance of the same model built with the same
StreamField block ids: its segments are paired with the source's by path and order.
"""

import json
from collections import defaultdict

import polib
from wagtail.models import Locale
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue


def _strings(instance):
    found = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            found[segment.path].append(segment.string.data)
    return found


def translate_page(source_page, target_values, language_code, publish=True):
    """Create or update the translation of ``source_page``; return the translated page."""
    locale = Locale.objects.get(language_code=language_code)
    source, _created = TranslationSource.update_or_create_from_instance(source_page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = polib.POFile()
    po.metadata = {"X-WagtailLocalize-TranslationID": str(translation.uuid)}
    theirs = _strings(target_values)
    for path, strings in _strings(source_page).items():
        for original, translated in zip(strings, theirs.get(path, []), strict=False):
            po.append(polib.POEntry(msgid=original, msgctxt=path, msgstr=translated))
    translation.import_po(po)
    return _save(translation, publish)


def _save(translation, publish):
    """Save the target page and publish it now (``save_target(publish=True)`` defers the
    publication to the end of the transaction, too late for the code that follows)."""
    translation.save_target(publish=False)
    page = translation.source.get_translated_instance(translation.target_locale).specific
    if publish:
        page.get_latest_revision().publish()
        page.refresh_from_db()
    return page


def override_images(translation, mapping):
    """Show, in ``translation``, image ``mapping[pk]`` wherever the source shows image ``pk``
    (a wagtail-localize segment override, as a translator choosing another image does in its
    editor). Returns True if an override was created or changed."""
    changed = False
    for segment in OverridableSegment.objects.filter(source=translation.source):
        wanted = mapping.get(segment.data)
        if wanted is None:
            continue
        override, created = SegmentOverride.objects.get_or_create(
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data_json": json.dumps(wanted)},
        )
        if created or override.data_json != json.dumps(wanted):
            override.data_json = json.dumps(wanted)
            override.save(update_fields=["data_json"])
            changed = True
    return changed


def sync_translations(source_page, publish=True, image_overrides=None, changed=True):
    """Propagate the source page's current content (e.g. new screenshots) to its translations.

    ``image_overrides``: {language code: {source image pk: image pk}} (``override_images``).
    With ``changed=False`` a translation is saved only if its image overrides changed.
    Returns the translations saved."""
    source, _created = TranslationSource.update_or_create_from_instance(source_page)
    saved = []
    for translation in Translation.objects.filter(source=source, enabled=True).select_related(
        "target_locale"
    ):
        mapping = (image_overrides or {}).get(translation.target_locale.language_code) or {}
        if override_images(translation, mapping) or changed:
            saved.append(_save(translation, publish))
    return saved
