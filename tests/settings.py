"""Test settings: the real settings, with development defaults and fast password hashing."""

import os
import tempfile

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")

from welfarelab.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="welfarelab-media-")
LANGUAGE_CODE = "en"  # assertions read English; nb and nn are tested where the language is the point
