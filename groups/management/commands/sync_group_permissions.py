"""Repair the rights of every GT/SGT (groups, page permissions, collections, workflows)."""

from django.core.management.base import BaseCommand

from groups.permissions import sync_all


class Command(BaseCommand):
    help = "Provision or repair the Wagtail groups, collections and workflows of every GT/SGT."

    def handle(self, *args, **options):
        changes = sync_all()
        for change in changes:
            self.stdout.write(f"- {change}")
        if changes:
            self.stdout.write(self.style.SUCCESS(f"{len(changes)} change(s)."))
        else:
            self.stdout.write(self.style.SUCCESS("Nothing to change: every group is in order."))
