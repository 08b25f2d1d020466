"""The sheet on paper: the same template as the screen, printed by headless Chromium to one A3 page."""

import logging
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.contrib.staticfiles import finders

# A3 landscape, less 10 mm margins, in CSS pixels (96 per inch).
PRINTABLE_WIDTH, PRINTABLE_HEIGHT = round(400 / 25.4 * 96), round(277 / 25.4 * 96)
log = logging.getLogger(__name__)


class Unavailable(RuntimeError):
    """The printer (Chromium) could not make the PDF."""


_printer = ThreadPoolExecutor(max_workers=2, thread_name_prefix="paper")


def stylesheet():
    with open(finders.find("sheet.css"), encoding="utf-8") as css:
        return css.read()


def _print(html):
    # Imported here so that the web application starts without Playwright loaded until a PDF is asked for.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=settings.CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        try:
            page = browser.new_page(viewport={"width": PRINTABLE_WIDTH, "height": PRINTABLE_HEIGHT})
            page.emulate_media(media="print")
            page.set_content(html, wait_until="load")
            width, height = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
            )
            # A full sheet is shrunk to fit the one page, as a paper sheet would be written smaller.
            scale = max(0.1, min(1.0, PRINTABLE_WIDTH / width, PRINTABLE_HEIGHT / height) * 0.98)
            return page.pdf(
                width="420mm",
                height="297mm",
                margin={"top": "10mm", "right": "10mm", "bottom": "10mm", "left": "10mm"},
                print_background=True,
                scale=scale,
            )
        finally:
            browser.close()


def pdf(html):
    """PDF bytes of one A3 landscape page. Runs in its own thread: Playwright's sync API needs one."""
    try:
        return _printer.submit(_print, html).result(timeout=60)
    except Exception as error:
        log.exception("The sheet could not be printed to PDF")
        raise Unavailable from error
