"""Site package (settings, URLs, WSGI). Named ``config`` because ``site`` shadows Python's stdlib."""
