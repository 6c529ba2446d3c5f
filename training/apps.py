"""training app: modules, sessions, progress, handouts, the sandbox and the trainers' role."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")

    def ready(self):
        from . import help, signals  # noqa: F401

        help.install_help_panels()
