import datetime

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.i18n import set_language as django_set_language

from welfarelab.access import audit, policy
from welfarelab.journey import exits
from welfarelab.people import coming_of_age, language
from welfarelab.people.models import StaffUser
from welfarelab.plans import execution


def home(request):
    user = request.user
    context = {}
    if user.role == StaffUser.Role.INVESTMENT_LEADER:
        context["inbox_count"] = policy.inbox(user).count()
        participants = list(
            policy.households(user).filter(investment_leader=user, joined_on__isnull=False).order_by("name")
        )
        audit.record_list(user, participants, "start page")
        context["participants"] = participants
        context["follow_up"] = execution.follow_up(user, [h for h in participants if not h.has_left])
        context["follow_ups_after_exit"] = list(exits.follow_ups_due([h for h in participants if h.has_left]))
        context["coming_of_age"] = coming_of_age.notices(participants)
        context["today"] = timezone.localdate()
    elif user.role == StaffUser.Role.TEAM_MEMBER:
        participants = list(policy.households(user).filter(joined_on__isnull=False).select_related("investment_leader"))
        audit.record_list(user, participants, "start page")
        context["participants"] = participants
    return render(request, "home.html", context)


@login_not_required
def set_language(request):
    """Django's language switch (a year-long cookie), and the user's own choice kept on their account."""
    response = django_set_language(request)
    if request.method == "POST":
        language.choose(request, request.POST.get("language"))
    return response


REVIEWED = datetime.date(2026, 12, 3)  # when the statement was last checked against the product


@login_not_required
def accessibility(request):
    """The accessibility statement (tilgjengelighetserklæring), open to anyone, as the law asks."""
    return render(request, "accessibility.html", {"contact": settings.ACCESSIBILITY_CONTACT, "reviewed": REVIEWED})


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True
