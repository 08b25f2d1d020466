"""Settings, all from the environment.

Production is the default: DEBUG off, a SECRET_KEY and ALLOWED_HOSTS required, secure cookies.
`make run` opts into local development and demo mode explicitly (WELFARELAB_DEMO=1, DEBUG=1).
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.management.utils import get_random_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default=False):
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DEBUG")
DEMO_MODE = env_flag("WELFARELAB_DEMO")
# A test environment (ID-porten's test environment, TestID and Tenor's synthetic persons, and this installation's
# own stand-in for ID-porten) is never production: synthetic identity numbers are accepted only here.
TEST_ENVIRONMENT = env_flag("WELFARELAB_TEST_ENVIRONMENT", default=DEMO_MODE)

# Without SECRET_KEY, scripts (migrate, valuate) still run with a throw-away key, but the web
# application refuses to start (wsgi.py) and `check --deploy` fails, unless DEBUG or demo mode is on.
SECRET_KEY_FROM_ENVIRONMENT = bool(os.environ.get("SECRET_KEY"))
SECRET_KEY = os.environ.get("SECRET_KEY") or get_random_secret_key()

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]
if DEBUG or DEMO_MODE:
    ALLOWED_HOSTS += ["127.0.0.1", "localhost", "[::1]"]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "welfarelab.access.operator.OperatorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "axes",
    "pgtrigger",
    "oauth2_provider",
    "welfarelab.people",
    "welfarelab.access",
    "welfarelab.capture",
    "welfarelab.mapping",
    "welfarelab.plans",
    "welfarelab.money",
    "welfarelab.journey",
    "welfarelab.reports",
    "welfarelab.administration",
    "welfarelab.portal",
    "welfarelab.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "welfarelab.portal.signin.CitizenMiddleware",
    "welfarelab.access.row_security.RowSecurityMiddleware",
    "welfarelab.people.language.LanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    "welfarelab.access.refusal.RefusalMiddleware",
]

ROOT_URLCONF = "welfarelab.urls"
WSGI_APPLICATION = "welfarelab.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "welfarelab" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    }
]

FORMAT_MODULE_PATH = ["welfarelab.formats"]
FORM_RENDERER = "welfarelab.forms.Renderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and a writer work at once; IMMEDIATE avoids upgrade deadlocks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DATABASES["default"]["ATOMIC_REQUESTS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.StaffUser"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "welfarelab.people.login.StaffBackend"]
# Guessing passwords (django-axes): after 10 wrong passwords for one username, or from one address, logins from
# there wait 30 minutes, unless the municipality's administrator lifts the lockout sooner (audited). An address
# may be a whole office behind one router, hence not fewer. A right password forgets the earlier wrong ones.
# Behind a reverse proxy, the server must be given the client's address as REMOTE_ADDR (as the proxy protocol
# or the application server's forwarded-address setting does), or every login shares the proxy's address.
AXES_FAILURE_LIMIT = 10
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "welfarelab.people.lockout.page"
# The audit log is kept this many years and then pruned (`manage.py prune_audit`). Ten is what the archives ask
# of social-service, child-welfare and PPT records after the last contact; a municipality may decide longer.
AUDIT_RETENTION_YEARS = int(os.environ.get("WELFARELAB_AUDIT_RETENTION_YEARS", "10"))
# An old SECRET_KEY stays here after a rotation, so that pruning markers signed with it still verify.
SECRET_KEY_FALLBACKS = [k for k in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if k]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "welfarelab" / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "welfarelab" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Where users send word of what does not work for them (the accessibility statement): an e-mail address.
ACCESSIBILITY_CONTACT = os.environ.get("ACCESSIBILITY_CONTACT", "")
# Prints the Mapping Tool sheet to PDF (Debian's package; `make run` and `make test` install it).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Scans of signed paper forms: kept small and never served publicly (see capture.views).
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Invitations are e-mailed; in development and the demo they are printed where the server runs.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend"
            if DEBUG or DEMO_MODE
            else "django.core.mail.backends.smtp.EmailBackend",
        )
    }
}
if MAILERS["default"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend":
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", 25)),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_flag("EMAIL_USE_TLS"),
        "timeout": 10,
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600  # how long an invitation's link works

# Work put off until a change has committed (valuing a plan again). Done at once, in the process that
# committed it, until a worker runs the tasks.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# The family's own door (welfarelab.portal): citizens log in with ID-porten. django-oauth-toolkit keeps to the OAuth
# 2.0 security best practice (RFC 9700) in everything. In a test environment the installation runs a stand-in
# for ID-porten of its own (its OpenID provider, at /o/), signing ID tokens with a key made when the process
# starts; several processes (gunicorn's workers) need the same key, given in WELFARELAB_TEST_IDPORTEN_KEY.
OAUTH2_PROVIDER = {
    "PKCE_REQUIRED": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
}
if TEST_ENVIRONMENT:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    _KEY = (
        os.environ.get("WELFARELAB_TEST_IDPORTEN_KEY")
        or rsa.generate_private_key(public_exponent=65537, key_size=2048)
        .private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        .decode()
    )
    OAUTH2_PROVIDER |= {
        "OIDC_ENABLED": True,
        "OIDC_RSA_PRIVATE_KEY": _KEY,
        "SCOPES": {"openid": "OpenID Connect", "profile": "Who you are"},
        "DEFAULT_SCOPES": ["openid"],
        "OAUTH2_VALIDATOR_CLASS": "welfarelab.portal.test_idporten.Validator",
        "ALLOWED_REDIRECT_URI_SCHEMES": ["http", "https"],  # the demo runs on http://127.0.0.1
        "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
        "ID_TOKEN_EXPIRE_SECONDS": 120,
    }
# ID-porten's rules for a citizen's session: it ends after 30 minutes without a request, and after 120 at most.
CITIZEN_SESSION_IDLE = 30 * 60
CITIZEN_SESSION_MAX = 120 * 60

SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Every task says when it starts and ends; at the default level only one that fails is logged.
    "loggers": {"django.tasks": {"level": os.environ.get("LOG_LEVEL", "WARNING")}},
}
