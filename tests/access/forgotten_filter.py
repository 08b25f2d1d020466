"""A view that forgot its filter, as a future one might: it lists every family and every person in one."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.urls import path

from welfarelab.people.models import Household, Person


@login_not_required  # as the login page is, so that an anonymous request is asked too
def everything(request):
    return JsonResponse(
        {
            "households": sorted(set(Household.objects.values_list("municipality__slug", flat=True))),
            "people": sorted(set(Person.objects.values_list("household__municipality__slug", flat=True))),
        }
    )


urlpatterns = [path("everything/", everything)]
