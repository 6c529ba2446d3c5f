"""What happens when a person is deactivated (``is_active`` set to False, by any path).

Nothing of theirs is deleted: their pages, documents, revisions and log entries stay, still
credited to them. Their pending work is handed over:
- pages they had locked are unlocked (others can edit them);
- every moderation task in progress that they could approve keeps at least one active
  approver: when no other active member of the task's groups is left, the Pool Technique is
  added to the task (it moderates every group);
- signing in, and password reset, are refused from then on (Django's authentication backend
  and password-reset form ignore inactive accounts); open sessions stop at the next request.

SQL: a few statements, independent of the amount of content.
"""

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Page, TaskState

from .roles import POOL_TECHNIQUE, role_group


def hand_over(user):
    unlocked = Page.objects.filter(locked=True, locked_by=user).update(
        locked=False, locked_by=None, locked_at=None
    )
    pool = role_group(POOL_TECHNIQUE)
    user_groups = set(user.groups.values_list("pk", flat=True))
    open_task_ids = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).values("task_id")
    reassigned = []
    for task in GroupApprovalTask.objects.filter(
        pk__in=open_task_ids, groups__in=user_groups
    ).distinct():
        groups = list(task.groups.all())
        others = (
            Group.objects.filter(pk__in=[g.pk for g in groups], user__is_active=True)
            .exclude(user=user)
            .exists()
        )
        if not others and pool not in groups:
            task.groups.add(pool)
            reassigned.append(task.name)
    return {"unlocked_pages": unlocked, "tasks_handed_to_pool_technique": reassigned}
