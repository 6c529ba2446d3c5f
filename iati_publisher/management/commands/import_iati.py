"""``python manage.py import_iati FILE [--draft] [--strict] [--dry-run]``.

Imports an IATI 2.03 activity file in one transaction (see ``iati_publisher.importer``).
Exit status 0 on success; 1 when the file is refused or the import fails (nothing written).
"""

import sys

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from iati_publisher.importer import ImportRefused, import_file, preview_file


class Command(BaseCommand):
    help = "Import an IATI 2.03 activity file (idempotent by IATI identifier)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--draft", action="store_true", help="Save as drafts instead of publishing."
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Refuse the whole file on any validator error (default: import every activity "
            "that is valid on its own and list the others).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only show what would change.")
        parser.add_argument("--lang", default=None, help="Language of the messages (fr or en).")

    def handle(self, *args, **options):
        with translation.override(options["lang"] or translation.get_language() or "fr"):
            status = self._run(options)
        sys.exit(status)

    def _run(self, options):
        try:
            if options["dry_run"]:
                parsed, plan = preview_file(options["file"], strict=options["strict"])
                for change in plan.changes:
                    self.stdout.write(f"{change.action}: {change.identifier} — {change.title}")
                for change in plan.organisations:
                    self.stdout.write(f"{change.action}: {change.ref} — {change.name}")
                created = plan.created + sum(c.action == "create" for c in plan.organisations)
                updated = plan.updated + sum(c.action == "update" for c in plan.organisations)
                self._summary(len(plan.changes) + len(plan.organisations), created, updated, parsed)
                return 0
            parsed, result = import_file(
                options["file"], draft=options["draft"], strict=options["strict"]
            )
        except ImportRefused as exc:
            self.stderr.write(_("The file was not imported:"))
            for problem in exc.problems:
                self.stderr.write(problem.as_text())
            return 1
        except Exception as exc:  # noqa: BLE001 - any failure: nothing written, non-zero exit
            self.stderr.write(
                _("The import failed, nothing was written: %(error)s") % {"error": exc}
            )
            return 1
        total = len(parsed.activities) + len(parsed.organisations) + len(parsed.rejected)
        self._summary(total, len(result.created), len(result.updated), parsed)
        return 1 if parsed.rejected else 0

    def _summary(self, total, created, updated, parsed):
        rejected = parsed.rejected_problems
        if rejected:
            self.stderr.write(
                _("%(count)d item(s) were not imported (nothing of them was written):")
                % {"count": len(parsed.rejected)}
            )
            for problem in rejected:
                self.stderr.write("  " + problem.as_text())
        for version, count in sorted(parsed.upgraded.items()):
            self.stdout.write(
                _("%(count)d activity(ies) upgraded from IATI %(version)s to 2.03 (no content "
                  "had to change: 2.03 only adds to %(version)s).")
                % {"count": count, "version": version}
            )  # fmt: skip
        report = parsed.report
        if report is not None and report.problems:
            self.stdout.write(
                _("%(count)d problem(s) reported by the validator were accepted:")
                % {"count": len(report.problems)}
            )
            for problem in report.sorted_problems()[:20]:
                self.stdout.write("  " + problem.as_text())
        self.stdout.write(
            _("%(total)d item(s) in the file: %(created)d created, %(updated)d updated.")
            % {"total": total, "created": created, "updated": updated}
        )
