"""Scans of signed papers: only a PDF, JPEG or PNG of at most 10 MB, known by its first bytes."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# What a scan's first bytes must be; the browser's stated type is not to be trusted.
SCAN_SIGNATURES = {b"%PDF-": ".pdf", b"\xff\xd8\xff": ".jpg", b"\x89PNG\r\n\x1a\n": ".png"}
SCAN_MAX_BYTES = 10 * 1024 * 1024


def scan_problems(scan, name, errors):
    """`checked_scan` for an action that names every problem at once: a refusal goes into `errors` as "scan"."""
    try:
        return checked_scan(scan, name)
    except ValidationError as error:
        errors["scan"] = error.messages
        return scan


def checked_scan(scan, name):
    """An uploaded scan of a signed paper, refused unless it is a PDF, JPEG or PNG of at most 10 MB."""
    if not scan:
        return scan
    if scan.size > SCAN_MAX_BYTES:
        raise ValidationError(_("The scan is too large: at most 10 MB."))
    head = scan.read(8)
    scan.seek(0)
    extension = next((ext for sig, ext in SCAN_SIGNATURES.items() if head.startswith(sig)), None)
    if extension is None:
        raise ValidationError(_("The scan must be a PDF, JPEG or PNG file."))
    scan.name = f"{name}{extension}"
    return scan
