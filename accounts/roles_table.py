""" "Who can do what": a table generated from the permissions really held in the database.

Columns: the four site-wide roles and the two per-group roles (taken from one provisioned
group, named generically "<GT> — Éditeurs" / "<GT> — Modérateurs"). Rows: each model on which
some role holds a permission (actions listed), then pages and collections (actions and where).
Superusers can do everything and are not a column.

Used by the admin help page (*Settings › Who can do what*), by ``python manage.py roles_table``
(which prints the Markdown the README carries between ``<!-- roles-table -->`` markers) and by a
test that checks the README matches. SQL: four queries, whatever the number of groups.
"""

from collections import defaultdict

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext as _
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from .roles import ROLES

ACTION_ORDER = ["access", "view", "add", "change", "publish", "lock", "unlock", "delete", "choose"]
GROUP_EDITORS = "<GT> — Éditeurs"
GROUP_MODERATORS = "<GT> — Modérateurs"


def _action(codename, model):
    return codename[: -len(model) - 1] if codename.endswith(f"_{model}") else codename


def _sorted_actions(actions):
    return sorted(actions, key=lambda a: (ACTION_ORDER.index(a) if a in ACTION_ORDER else 99, a))


def _columns():
    """[(label, Group or None)] — the roles, then one GT's two groups (if any GT exists)."""
    from groups.models import GroupAccess

    groups = {group.name: group for group in Group.objects.filter(name__in=ROLES)}
    columns = [(name, groups.get(name)) for name in ROLES]
    access = (
        GroupAccess.objects.select_related("editors", "moderators")
        .exclude(editors=None)
        .order_by("pk")
        .first()
    )
    columns.append((GROUP_EDITORS, access.editors if access else None))
    columns.append((GROUP_MODERATORS, access.moderators if access else None))
    return columns


def _where(page, group_label):
    if page.depth <= 2:
        return _("whole site")
    if group_label in (GROUP_EDITORS, GROUP_MODERATORS):
        return _("own group")
    return page.specific_class._meta.verbose_name


def table():
    """(headers, rows): rows are (subject, [cell per column]); a cell is a string or ""."""
    columns = _columns()
    ids = {group.pk: label for label, group in columns if group is not None}
    cells = defaultdict(lambda: defaultdict(set))  # subject -> column label -> actions
    subjects = {}
    for perm in (
        Permission.objects.filter(group__in=ids)
        .select_related("content_type")
        .values("group", "codename", "content_type__app_label", "content_type__model")
    ):
        model = perm["content_type__model"]
        key = (perm["content_type__app_label"], model)
        if key == ("wagtailadmin", "admin"):
            subjects[key] = _("Admin (sign in)")
        else:
            subjects[key] = _model_label(*key)
        cells[key][ids[perm["group"]]].add(_action(perm["codename"], model))
    where = defaultdict(lambda: defaultdict(set))
    for gpp in GroupPagePermission.objects.filter(group__in=ids).select_related(
        "page", "permission"
    ):
        label = ids[gpp.group_id]
        cells[("pages", "")][label].add(gpp.permission.codename.removesuffix("_page"))
        where[("pages", "")][label].add(str(_where(gpp.page, label)))
    subjects[("pages", "")] = _("Pages")
    for gcp in GroupCollectionPermission.objects.filter(group__in=ids).select_related(
        "collection", "permission__content_type"
    ):
        label = ids[gcp.group_id]
        key = ("collections", gcp.permission.content_type.model)
        subjects[key] = _("Documents") if key[1] == "document" else _("Images")
        cells[key][label].add(_action(gcp.permission.codename, key[1]))
        place = _("all collections") if gcp.collection.depth == 1 else _("own group's")
        if label not in (GROUP_EDITORS, GROUP_MODERATORS) and gcp.collection.depth > 1:
            place = gcp.collection.name
        where[key][label].add(str(place))
    order = sorted(
        subjects,
        key=lambda k: (k[0] in ("pages", "collections"), k != ("wagtailadmin", "admin"), k),
    )
    rows = []
    for key in order:
        row = []
        for label, _group in columns:
            actions = cells[key].get(label)
            text = ", ".join(_sorted_actions(actions)) if actions else ""
            places = where[key].get(label, set())
            if str(_("whole site")) in places:
                places = {str(_("whole site"))}
            if text and places:
                text += f" ({', '.join(sorted(places))})"
            row.append(text)
        rows.append((str(subjects[key]), row))
    return [label for label, _group in columns], rows


def _model_label(app_label, model):
    from django.apps import apps

    try:
        return str(apps.get_model(app_label, model)._meta.verbose_name_plural).capitalize()
    except LookupError:
        return f"{app_label}.{model}"


def markdown():
    headers, rows = table()
    lines = [
        "| " + " | ".join([_("What"), *headers]) + " |",
        "| " + " | ".join(["---"] * (len(headers) + 1)) + " |",
    ]
    for subject, row in rows:
        lines.append("| " + " | ".join([subject, *[cell or "—" for cell in row]]) + " |")
    return "\n".join(lines)
