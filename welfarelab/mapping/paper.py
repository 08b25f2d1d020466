"""Paper from the same templates as the screen, printed by headless Chromium: the sheet on one A3 page,
and documents such as the agreement on A4."""

import logging
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.contrib.staticfiles import finders

# A3 landscape, less 10 mm margins, in CSS pixels (96 per inch).
PRINTABLE_WIDTH, PRINTABLE_HEIGHT = round(400 / 25.4 * 96), round(277 / 25.4 * 96)
log = logging.getLogger(__name__)
FOOTER = (
    '<div style="font: 8pt DejaVu Sans, sans-serif; width: 100%; text-align: center; color: #444">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


class Unavailable(RuntimeError):
    """The printer (Chromium) could not make the PDF."""


_printer = ThreadPoolExecutor(max_workers=2, thread_name_prefix="paper")


def stylesheet(name="sheet.css"):
    with open(finders.find(name), encoding="utf-8") as css:
        return css.read()


def _fits(page, scale):
    # Printed at `scale`, the sheet is laid out as wide as the page is at that scale, so it is measured so.
    # The scroll sizes are never less than the window's, so the height is the document's own and the width
    # only has to fit: nothing may stick out at the side.
    page.set_viewport_size({"width": round(PRINTABLE_WIDTH / scale), "height": round(PRINTABLE_HEIGHT / scale)})
    overflows, height = page.evaluate(
        "[document.documentElement.scrollWidth > document.documentElement.clientWidth,"
        " document.documentElement.getBoundingClientRect().height]"
    )
    return not overflows and height * scale <= PRINTABLE_HEIGHT


def _fit(page):
    """The largest scale, to a hundredth, at which the sheet fits on its one page: a full sheet is shrunk,
    as a paper sheet would be written smaller, but no more than it must be."""
    low, high = 0.1, 1.0
    if _fits(page, high):
        low = high
    while high - low > 0.01:
        middle = (low + high) / 2
        low, high = (middle, high) if _fits(page, middle) else (low, middle)
    return low * 0.98  # what the measuring cannot see: rounding, the printer's own breaks


def _print(html, sheet):
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
            if not sheet:
                return page.pdf(
                    format="A4",
                    margin={"top": "20mm", "right": "18mm", "bottom": "20mm", "left": "18mm"},
                    print_background=True,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=FOOTER,
                )
            scale = _fit(page)
            return page.pdf(
                width="420mm",
                height="297mm",
                margin={"top": "10mm", "right": "10mm", "bottom": "10mm", "left": "10mm"},
                print_background=True,
                scale=scale,
            )
        finally:
            browser.close()


def pdf(html, sheet=True):
    """PDF bytes: one A3 landscape page for a sheet, else A4 pages numbered in the footer.

    Runs in its own thread: Playwright's sync API needs one.
    """
    try:
        return _printer.submit(_print, html, sheet).result(timeout=60)
    except Exception as error:
        log.exception("Could not print to PDF")
        raise Unavailable from error
