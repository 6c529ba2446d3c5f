"""home app."""
