"""Permissions the training app gives to the site-wide "Formateurs" role (``accounts.roles``).

Model permissions only; the trainers' rights on pages (the training section, the sandbox) and
on the "Formation" image collection are provisioned by ``training.permissions``.
"""

from accounts.roles import TRAINERS

PERMISSIONS = {
    TRAINERS: [
        ("training", "view_training_progress"),
        ("training", "reset_sandbox"),
    ],
}
