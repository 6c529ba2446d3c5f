"""groups app."""
