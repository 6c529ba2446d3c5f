"""Demo accounts (demo data only: their password is public in the README)."""

from django.contrib.auth import get_user_model

from .roles import POOL_TECHNIQUE, role_group

DEMO_PASSWORD = "demo-ptf-2026"

DEMO_USERS = [
    # username, first name, last name, organisation, superuser
    ("admin", "Awa", "Traoré", "Pool Technique des PTF", True),
    ("pool-technique", "Moussa", "Keïta", "Pool Technique des PTF", False),
    ("editeur-sante", "Fatoumata", "Diarra", "Coopération canadienne", False),
    ("moderateur-sante", "Ibrahim", "Coulibaly", "Coopération canadienne", False),
    ("editeur-education", "Aminata", "Sidibé", "UNICEF", False),
]


def build(command):
    User = get_user_model()
    pool = role_group(POOL_TECHNIQUE)
    for username, first, last, organisation, superuser in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.ptf-mali.org",
                "organisation_name": organisation,
                "is_superuser": superuser,
                "is_staff": superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if username == "pool-technique":
            user.groups.add(pool)
