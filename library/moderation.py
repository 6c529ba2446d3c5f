"""Documents moderated like pages: a focal point's document reaches the public library (and
the feeds, the API, the sitemap and the group's page, which all read ``listed()``) only once a
moderator of its collection approved it.

Who approves: whoever holds ``wagtaildocs.publish_document`` on the document's collection (or
an ancestor), through Wagtail's collection permission policy: the group's moderators on their
group's collections, the Pool Technique on every collection (``groups.permissions``), and
superusers. Their own saves are approved at once ("publish directly"); an editor's save that
asks for the public library (new document, changed document, or a document not approved yet)
puts it in the queue and e-mails the approvers. Approving or rejecting (with a comment) e-mails
the uploader, writes Wagtail's log and shows a confirmation.

SQL: ``can_review`` 1–2 queries; ``review_queue`` one lazy queryset (collections resolved in a
subquery); ``approvers`` 2 queries; ``approve``/``reject`` one UPDATE plus the log and e-mail.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import Collection, GroupCollectionPermission

from .models import ReviewStatus

ACTIONS = {
    "library.document_submitted": _("Document submitted for approval"),
    "library.document_approved": _("Document approved for the public library"),
    "library.document_rejected": _("Document rejected"),
}
PUBLISH = "publish"


_POLICY = []


def policy():
    """A collection permission policy for the approval permission.

    Wagtail's own document policy (an ownership policy) only knows add/change/choose/delete
    and grants any other action to superusers only; this one reads the same
    GroupCollectionPermission rows (and shares their per-request cache) for "publish".
    """
    if not _POLICY:
        from wagtail.documents.models import Document
        from wagtail.permission_policies.collections import CollectionPermissionPolicy

        _POLICY.append(CollectionPermissionPolicy(get_document_model(), auth_model=Document))
    return _POLICY[0]


def is_reviewer(user):
    """May ``user`` approve documents in at least one collection?"""
    return policy().user_has_permission(user, PUBLISH)


def can_review(user, document):
    """May ``user`` approve ``document`` (its collection, or one above it)?"""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return policy().user_has_permission_for_instance(user, PUBLISH, document)


def review_queue(user):
    """Documents awaiting approval that ``user`` may approve, oldest request first."""
    Document = get_document_model()
    if not user.is_authenticated:
        return Document.objects.none()
    reviewable = policy().instances_user_has_permission_for(user, PUBLISH)
    return (
        reviewable.awaiting_review()
        .select_related("collection", "uploaded_by_user")
        .order_by("submitted_at", "pk")
    )


def approvers(document):
    """Active users who may approve ``document`` through a group (superusers are not paged)."""
    collection = Collection.objects.filter(pk=document.collection_id).first()
    if collection is None:
        return get_user_model().objects.none()
    ids = [c.pk for c in collection.get_ancestors(inclusive=True)]
    groups = GroupCollectionPermission.objects.filter(
        collection_id__in=ids,
        permission__codename="publish_document",
        permission__content_type__app_label="wagtaildocs",
    ).values("group_id")
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__in=groups)
        .exclude(email="")
        .distinct()
    )


def before_save(document, user, changed):
    """Set the document's review state from who saves it (called by the admin form).

    Returns True when the document enters the queue (the caller notifies after the save).
    """
    if not document.is_listed:
        return False
    now = timezone.now()
    if can_review(user, document):
        document.review_status = ReviewStatus.APPROVED
        document.reviewed_by = user
        document.reviewed_at = now
        document.review_comment = ""
        return False
    if document.pk is None or changed or document.review_status != ReviewStatus.APPROVED:
        document.review_status = ReviewStatus.PENDING
        document.submitted_at = now
        return True
    return False


def after_submit(document, user):
    log(document, "library.document_submitted", user=_actor(user))
    recipients = [u for u in approvers(document) if u.pk != getattr(user, "pk", None)]
    for recipient in recipients:
        _mail(recipient, "submitted", document, user)


def approve(document, user, comment=""):
    _decide(document, user, ReviewStatus.APPROVED, comment)


def reject(document, user, comment):
    _decide(document, user, ReviewStatus.REJECTED, comment)


def _decide(document, user, status, comment):
    document.review_status = status
    document.reviewed_by = user
    document.reviewed_at = timezone.now()
    document.review_comment = comment.strip()
    # save(): the receivers of other apps (API cache, search index) see the change.
    document.save(update_fields=["review_status", "reviewed_by", "reviewed_at", "review_comment"])
    action = "approved" if status == ReviewStatus.APPROVED else "rejected"
    log(
        document,
        f"library.document_{action}",
        user=_actor(user),
        data={"comment": document.review_comment},
    )
    uploader = document.uploaded_by_user
    if uploader is not None and uploader.is_active and uploader.email and uploader != user:
        _mail(uploader, action, document, user)


def _actor(user):
    from accounts.audit import _unwrap

    user = _unwrap(user)
    return user if user is not None and user.is_authenticated else None


def _language(user):
    profile = getattr(user, "wagtail_userprofile", None)
    language = getattr(profile, "preferred_language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _mail(recipient, kind, document, actor):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    if kind == "submitted":
        link = base + reverse("library_review_queue")
    else:
        link = base + reverse("wagtaildocs:edit", args=[document.pk])
    with translation.override(_language(recipient)):
        context = {
            "recipient": recipient,
            "document": document,
            "actor": actor,
            "kind": kind,
            "link": link,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = render_to_string("library/emails/review_subject.txt", context)
        body = render_to_string("library/emails/review.txt", context)
    send_mail(" ".join(subject.split()), body, None, [recipient.email], fail_silently=True)


def register_actions(actions):
    for action, label in ACTIONS.items():
        actions.register_action(action, label, label)


def status_q():
    """A Q for documents an editor still has to act on (rejected) or waits for (pending)."""
    return Q(is_listed=True, review_status__in=[ReviewStatus.PENDING, ReviewStatus.REJECTED])
