"""The search app has no models: it reads the other apps' search indexes."""
