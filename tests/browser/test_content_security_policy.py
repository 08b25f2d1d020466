"""The pages keep to their own strict policy in a real browser: nothing refused as inline script or style."""

from urllib.parse import urlparse

from tests.browser.conftest import log_in


def test_the_leaders_pages_break_no_rule_of_the_policy(browser, live_server, demo_data):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")  # no bypass: the policy applies
    page = context.new_page()
    page.set_default_timeout(10_000)
    refused = []
    page.on("console", lambda m: refused.append(f"{page.url}: {m.text}") if "Content Security Policy" in m.text else 0)
    log_in(page, "leader")
    seen, queue = set(), ["/"]
    while queue and len(seen) < 40:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        page.goto(path)
        for href in page.eval_on_selector_all("main a[href]", "links => links.map(a => a.getAttribute('href'))"):
            link = urlparse(href)
            if not link.netloc and link.path.startswith("/") and not link.path.endswith((".pdf", ".xlsx", ".csv")):
                queue.append(link.path)
    context.close()
    assert len(seen) >= 20, seen  # the sheet, the plan and the forms with their scripts among them
    assert refused == []
