"""Guessing passwords. django-axes counts wrong passwords per username and per address and holds logins back
(settings.AXES_*); here is the product's side of it: the page a held-back login sees, the audit entry for a
staff user's lockout, and the administrator letting them in again."""

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from axes.utils import reset
from django.conf import settings
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone

from welfarelab.access import audit, policy
from welfarelab.access.principals import System
from welfarelab.people.models import StaffUser


def minutes():
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def page(request, response=None, credentials=None):
    """What a login held back sees (429), in the page's language."""
    return render(request, "registration/locked_out.html", {"minutes": minutes()}, status=429)


@receiver(user_locked_out)
def _audited(sender, request, username, ip_address, **kwargs):
    staff = StaffUser.objects.filter(username=username).first()
    if staff is not None:
        who = System("login", staff.municipality_id)
        audit.record(who, audit.UPDATE, staff, detail=f"login locked out after wrong passwords, from {ip_address}")


def locked(staff):
    """Whether `staff`'s username is held back now."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(username=staff.username, attempt_time__gte=since)
    return attempts.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).exists()


def lift(administrator, staff):
    """Let `staff` log in again at once: their wrong passwords are forgotten. Audited."""
    policy.require(administrator, "administer")
    reset(username=staff.username)
    audit.record(administrator, audit.UPDATE, staff, detail="login lockout lifted")
