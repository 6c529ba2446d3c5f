"""``python manage.py validate_iati FILE``: XSD, codelists and official rules of an IATI 2.03 file.

Exit status: 0 valid (warnings allowed), 1 errors, 2 unreadable / not XML / not IATI 2.03.
"""

import sys

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from iati_publisher.validation import validate_file


class Command(BaseCommand):
    help = "Validate an IATI 2.03 activity or organisation file (schema, codelists, rules)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--lang", default=None, help="Language of the messages (fr or en).")
        parser.add_argument("--errors-only", action="store_true", help="Do not print the warnings.")

    def handle(self, *args, **options):
        with translation.override(options["lang"] or translation.get_language() or "fr"):
            status = self._run(options)
        sys.exit(status)

    def _run(self, options):
        try:
            report = validate_file(options["file"])
        except Exception as exc:  # noqa: BLE001 - never a traceback: a message and exit 2
            self.stderr.write(
                _("The file could not be checked: %(file)s (%(error)s)")
                % {"file": options["file"], "error": exc.__class__.__name__}
            )
            return 2
        for problem in report.sorted_problems():
            if options["errors_only"] and not problem.is_error:
                continue
            stream = self.stderr if problem.is_error else self.stdout
            stream.write(problem.as_text())
        if report.fatal is not None:
            self.stderr.write(
                _("The file could not be checked: %(file)s") % {"file": options["file"]}
            )
        else:
            self.stdout.write(
                _("%(count)d item(s) checked: %(errors)d error(s), %(warnings)d warning(s).")
                % {
                    "count": report.count,
                    "errors": len(report.errors),
                    "warnings": len(report.warnings),
                }
            )
        return report.exit_status
