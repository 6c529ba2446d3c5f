"""English (Mali): dates typed day first, ``22/11/2026 09:00``, like the admin's date pickers
write them (``home.locale_formats``); the display formats stay Django's ``en``."""

from django.conf.locale.en_GB.formats import (  # noqa: F401 (format module attributes)
    DATE_INPUT_FORMATS,
    DATETIME_INPUT_FORMATS,
    FIRST_DAY_OF_WEEK,
)
