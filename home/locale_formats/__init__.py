"""Per-language input formats (``FORMAT_MODULE_PATH``): what forms accept when a date is typed.

The admin's date pickers write dates in the local order, ``22/11/2026 09:00``
(``WAGTAIL_DATE_FORMAT``/``WAGTAIL_DATETIME_FORMAT``), in both admin languages. Django's French
formats read that order; its English ones read ``11/22/2026`` and refused every date the picker
wrote, so an editor whose admin is in English could not save a meeting. ``en`` reads dates
day first, as in Mali (Django's ``en_GB`` formats); ISO dates are accepted in every language.
No SQL.
"""
