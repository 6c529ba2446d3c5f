"""IATI activities and their parts (filled by the IATI publisher issue)."""
