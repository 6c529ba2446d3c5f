"""Wipe and rebuild the training sandbox and (re)create N trainee accounts (training.sandbox)."""

import time

from django.core.management.base import BaseCommand, CommandError

from training.sandbox import SandboxError, reset_sandbox


class Command(BaseCommand):
    help = (
        "Reset the training sandbox (“Bac à sable” GT): delete its pages, documents and images, "
        "recreate the practice pages and N trainee accounts with one-time passwords. Touches "
        "nothing outside the sandbox; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--trainees", type=int, default=10, help="Number of trainee accounts.")

    def handle(self, *args, trainees=10, **options):
        started = time.perf_counter()
        try:
            credentials = reset_sandbox(trainees)
        except SandboxError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("Trainee accounts (passwords shown once, give one to each trainee):")
        for username, password in credentials:
            self.stdout.write(f"  {username}\t{password}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Sandbox reset: {len(credentials)} trainee account(s) in "
                f"{time.perf_counter() - started:.1f} s."
            )
        )
