"""Running the product: production settings, demo mode, translations."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "WELFARELAB_DEMO": "0",
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-enough-0123456789abcdef",
    "ALLOWED_HOSTS": "welfarelab.kommune.example",
    "PATH": os.environ["PATH"],
}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deployment_check_with_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_serve_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    serve = subprocess.run(
        [sys.executable, "-c", "import welfarelab.wsgi"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert serve.returncode != 0 and "SECRET_KEY must be set" in serve.stderr
    check = manage("check", "--deploy", env=env)
    assert check.returncode != 0 and "SECRET_KEY is not set" in check.stderr


def test_scripts_run_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = manage("valuate", str(ROOT / "tests" / "fixtures" / "valuation" / "example-2-young-adult.json"), env=env)
    assert result.returncode == 0, result.stderr


def test_demo_data_is_refused_outside_demo_mode(db, settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError):
        call_command("load_demo")


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_catalogues_are_complete_with_nothing_fuzzy(language):
    po = ROOT / "welfarelab" / "locale" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "translated messages" in result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_every_string_in_the_code_is_in_the_catalogues(tmp_path):
    """makemessages on a copy of the code finds nothing the catalogues lack."""
    shutil.copytree(ROOT / "welfarelab", tmp_path / "welfarelab", ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(ROOT / "manage.py", tmp_path)
    env = dict(os.environ, DEBUG="1", DJANGO_SETTINGS_MODULE="welfarelab.settings")
    made = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nb", "-l", "nn", "-v0"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    for language in ("nb", "nn"):
        po = tmp_path / "welfarelab" / "locale" / language / "LC_MESSAGES" / "django.po"
        result = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, (language, result.stderr)


def test_the_models_and_migrations_agree():
    result = manage("makemigrations", "--check", "--dry-run", env=dict(os.environ, DEBUG="1"))
    assert result.returncode == 0, result.stdout
