"""A refusal that tells nothing: to someone who may not know of the family, referral or record a page names, every
refusal of that page is "not found", whatever the page's method or the role it asks for.

A view looks its object up through the policy (404) and then asks for a role (403) or a method (405); but a
decorator that refuses a method or a role answers before any lookup, so its 403 or 405 told a stranger only that
the route exists, never the object. This middleware makes it the 404 the object's lookup would have given, also
for views written later, so that no answer tells a stranger whether a family exists. To whoever may know of the
object, 403 and 405 stay what they are: they know it is there, and learn what they may not do to it.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from welfarelab.access import policy


def _known(user, match):
    """Whether `user` may know of what the page of `match` names (True for a page that names nothing)."""
    pk = match.kwargs.get("pk")
    if pk is None:
        return True
    if match.route.startswith("participants/"):
        return policy.households(user).filter(pk=pk).exists()
    if match.route.startswith("referrals/"):
        return (policy.referrals(user) | policy.inbox(user)).filter(pk=pk).exists()
    if match.route.startswith(("administration/", "organisations/")):
        return policy.may(user, "administer")
    return True


class RefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405:
            self._not_found_unless_known(request)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            self._not_found_unless_known(request)

    def _not_found_unless_known(self, request):
        match = request.resolver_match
        if match is not None and request.user.is_authenticated and not _known(request.user, match):
            raise Http404
