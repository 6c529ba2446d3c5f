"""Public views of the training section: a signed-in reader ticks (or unticks) a lesson.

POST only (CSRF-protected), a lesson id of the module's live lessons only; answers with a
redirect back to the lesson (or JSON for ``fetch``). 2 queries.
"""

from django.http import HttpResponseBadRequest, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .models import LessonProgress


def tick_lesson(request, module):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect(f"/admin/login/?next={module.url}")
    lesson_id = request.POST.get("lesson", "")
    if lesson_id not in {lesson_id for lesson_id, _value in module.lesson_list()}:
        return HttpResponseBadRequest(_("Unknown lesson."))
    done = request.POST.get("done", "1") == "1"
    lookup = {"user": request.user, "module_key": module.translation_key, "lesson_id": lesson_id}
    if done:
        LessonProgress.objects.get_or_create(**lookup)
    else:
        LessonProgress.objects.filter(**lookup).delete()
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"lesson": lesson_id, "done": done})
    return redirect(f"{module.url}#lesson-{lesson_id}")
