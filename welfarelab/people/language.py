"""Which language a page is in: the user's own choice, else the municipality's, never the browser's.

A municipality decides its staff's default language (bokmål in the demo). A user who picks another in
the header keeps it on their account, on every device; before logging in, the choice lives in the
language cookie. The browser's Accept-Language is not asked: an English browser on a Norwegian
municipality's computer must not turn the whole product English.
"""

from django.conf import settings
from django.utils import translation

LANGUAGES = {code for code, _name in settings.LANGUAGES}


def language_of(request):
    user = request.user
    if user.is_authenticated and user.language in LANGUAGES:
        return user.language
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in LANGUAGES:
        return chosen
    if user.is_authenticated and user.municipality_id:
        return user.municipality.default_language
    citizen = getattr(request, "citizen", None)  # on the family's door
    if citizen is not None:
        return citizen.person.municipality.default_language
    return settings.LANGUAGE_CODE


def choose(request, language):
    """Keep a language picked in the header on the user (the view sets the cookie for the login page)."""
    user = request.user
    if language in LANGUAGES and user.is_authenticated and user.language != language:
        user.language = language
        user.save(update_fields=["language"])


class LanguageMiddleware:
    """In place of Django's LocaleMiddleware, after authentication, so the user's choice can win."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_of(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
