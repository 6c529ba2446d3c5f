"""Validator for IATI 2.03 activity and organisation files (XSD, codelists, official rules).

Usage: ``validate_file(path)`` returns a :class:`Report` of :class:`Problem` objects.
Reference data comes from the shipped files in ``iati_publisher/data`` (not the database).
"""

from .problems import ERROR, WARNING, Problem, Report
from .validator import SUPPORTED_VERSION, validate_file

__all__ = ["ERROR", "WARNING", "Problem", "Report", "SUPPORTED_VERSION", "validate_file"]
