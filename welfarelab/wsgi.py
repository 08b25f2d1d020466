import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "welfarelab.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402

if not (settings.SECRET_KEY_FROM_ENVIRONMENT or settings.DEBUG or settings.DEMO_MODE):
    raise ImproperlyConfigured("SECRET_KEY must be set to serve the Welfare Lab.")
