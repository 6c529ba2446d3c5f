"""English input formats: see ``home.locale_formats``."""
