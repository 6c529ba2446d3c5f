"""The endpoints of the open data API (see ``api.router``)."""
