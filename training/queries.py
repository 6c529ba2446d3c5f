"""What the training pages show, in a constant number of queries.

- ``index_context``: the live modules and sessions of the section (2 queries) and, for a
  signed-in reader, their progress (1).
- ``module_context``: the lessons (no query: the StreamField), the reader's ticked lessons (1),
  the handout (1).
- ``session_context``: the modules covered (1); for trainers, the participants with their users
  (1), their progress on those modules (1), and the aggregated evaluation (computed in Python
  from the same rows).
- ``progress_rows``: progress per person over a set of modules (2 queries whatever the numbers).
"""

from collections import Counter, defaultdict

from django.utils import timezone

from .models import (
    Attendance,
    Handout,
    LessonProgress,
    SessionParticipant,
    TrainingModulePage,
    TrainingSessionPage,
)

PROGRESS_PERMISSION = "training.view_training_progress"


def done_lessons(user, module_keys):
    """{module translation_key: {lesson ids}} ticked by ``user`` (1 query; none if anonymous)."""
    found = defaultdict(set)
    if not user.is_authenticated:
        return found
    for key, lesson in LessonProgress.objects.filter(
        user=user, module_key__in=list(module_keys)
    ).values_list("module_key", "lesson_id"):
        found[key].add(lesson)
    return found


def module_rows(modules, done):
    """[(module, lessons done, lessons total, percent)] for ``modules``."""
    rows = []
    for module in modules:
        ids = {lesson_id for lesson_id, _ in module.lesson_list()}
        count = len(ids & done.get(module.translation_key, set()))
        rows.append((module, count, len(ids), round(100 * count / len(ids)) if ids else 0))
    return rows


def index_context(index, user):
    modules = list(
        TrainingModulePage.objects.child_of(index).live().public().order_by("number", "title")
    )
    sessions = list(
        TrainingSessionPage.objects.child_of(index)
        .live()
        .public()
        .filter(start__gte=timezone.now() - timezone.timedelta(days=1))
        .order_by("start")[:10]
    )
    done = done_lessons(user, [m.translation_key for m in modules])
    return {"module_rows": module_rows(modules, done), "sessions": sessions}


def module_context(module, user):
    done = done_lessons(user, [module.translation_key]).get(module.translation_key, set())
    lessons = [
        {"id": lesson_id, "number": i, "value": value, "done": lesson_id in done}
        for i, (lesson_id, value) in enumerate(module.lesson_list(), start=1)
    ]
    handout = Handout.objects.filter(page=module).first()
    return {
        "lessons": lessons,
        "lessons_done": sum(1 for lesson in lessons if lesson["done"]),
        "handout": handout,
    }


def progress_rows(users, modules):
    """[{user, modules: [(module, done, total, percent)], done, total}] (1 query)."""
    keys = [module.translation_key for module in modules]
    done = defaultdict(lambda: defaultdict(set))
    for user_id, key, lesson in LessonProgress.objects.filter(
        user__in=[u.pk for u in users], module_key__in=keys
    ).values_list("user_id", "module_key", "lesson_id"):
        done[user_id][key].add(lesson)
    rows = []
    for user in users:
        per_module = module_rows(modules, done[user.pk])
        rows.append(
            {
                "user": user,
                "modules": per_module,
                "done": sum(r[1] for r in per_module),
                "total": sum(r[2] for r in per_module),
            }
        )
    return rows


def evaluation_summary(participants):
    """Aggregated evaluation of a session: count, mean, distribution 1–5, comments."""
    scores = [p.score for p in participants if p.score is not None]
    distribution = Counter(scores)
    return {
        "count": len(scores),
        "mean": round(sum(scores) / len(scores), 1) if scores else None,
        "distribution": [(value, distribution.get(value, 0)) for value in range(1, 6)],
        "comments": [p.comments for p in participants if p.comments.strip()],
        "present": sum(1 for p in participants if p.attendance == Attendance.PRESENT),
        "absent": sum(1 for p in participants if p.attendance == Attendance.ABSENT),
        "registered": len(participants),
    }


def session_context(session, user):
    modules = list(session.modules.order_by("number", "title"))
    context = {"modules": modules, "is_trainer": user.has_perm(PROGRESS_PERMISSION)}
    if context["is_trainer"]:
        participants = list(
            SessionParticipant.objects.filter(page=session)
            .select_related("user")
            .order_by("sort_order")
        )
        context["participants"] = participants
        context["evaluation"] = evaluation_summary(participants)
        context["progress"] = progress_rows([p.user for p in participants], modules)
        for row, participant in zip(context["progress"], participants, strict=True):
            row["participant"] = participant
    return context


def next_module(user, locale):
    """The first live module (by number) in ``locale`` that ``user`` has not finished."""
    modules = list(
        TrainingModulePage.objects.live().filter(locale=locale).order_by("number", "title")
    )
    done = done_lessons(user, [m.translation_key for m in modules])
    for module, count, total, percent in module_rows(modules, done):
        if total and count < total:
            return {"module": module, "done": count, "total": total, "percent": percent}
    return None
