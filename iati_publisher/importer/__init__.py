"""Importer of IATI 2.03 activity files: parse stage (``parser``: file -> ``records``) and write
stage (``writer``: records -> models, one transaction, idempotent by IATI identifier).
``preview`` is the admin's preview as a background job's JSON summary; ``uploads`` keeps the
admin's uploaded files between the preview and the commit."""

from .parser import ImportRefused, blocking_problems, parse_file


def preview_file(source, *, strict=False):
    """(parsed file, ImportPlan) — what importing ``source`` would do; writes nothing."""
    from .writer import plan

    parsed = parse_file(source, strict=strict)
    return parsed, plan(parsed)


def import_file(source, *, draft=False, strict=False, user=None):
    """Validate, parse and write ``source``; return (parsed file, WriteResult)."""
    from .writer import write

    parsed = parse_file(source, strict=strict)
    return parsed, write(parsed, draft=draft, user=user)


__all__ = ["ImportRefused", "blocking_problems", "import_file", "parse_file", "preview_file"]
