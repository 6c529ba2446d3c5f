"""iati_publisher app."""
