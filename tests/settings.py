"""Test settings: the real settings, with development defaults and fast password hashing."""

import os
import tempfile

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
os.environ.setdefault("WELFARELAB_TEST_ENVIRONMENT", "1")  # synthetic identity numbers and the stand-in for ID-porten

from welfarelab.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="welfarelab-media-")
LANGUAGE_CODE = "en"  # assertions read English; nb and nn are tested where the language is the point

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file rather than Django's shared in-memory database: there, the live server's threads and the
    # test fail at once with "database table is locked"; in a file (WAL) they wait for each other's writes.
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(tempfile.mkdtemp(prefix="welfarelab-db-"), "test.sqlite3")}  # noqa: F405
