"""A quarter of data built by factories, with known figures (see ``reports.factories``)."""

from reports.factories import build_quarter

__all__ = ["build_quarter"]
