"""What every answer tells the browser: a strict content security policy, no framing, no sniffing, HTTPS only."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent / "welfarelab"
TEMPLATES = sorted(ROOT.glob("**/templates/**/*.html"))


@pytest.mark.parametrize("name", ["login", "accessibility"])
def test_every_page_sends_the_security_headers(client, settings, name, db):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = False
    response = client.get(reverse(name), secure=True)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "base-uri 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_a_logged_in_page_sends_them_too(client, leader):
    client.force_login(leader)
    response = client.get(reverse("home"))
    assert response.status_code == 200 and "unsafe-inline" not in response["Content-Security-Policy"]


def test_the_templates_need_no_inline_script_or_style():
    """The policy forbids inline code: a template that used it would break in the browser, so none may."""
    offending = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in TEMPLATES
        for match in re.finditer(
            r'\son[a-z]+="|\sstyle="|<script(?![^>]*\ssrc=)(?![^>]*nonce)[^>]*>|javascript:', path.read_text()
        )
    ]
    assert TEMPLATES and offending == []
