"""Every form of a family, sent hostile input: no server error, and what is saved comes back escaped.

The forms are found as a user finds them: each GET page of a family's routes (the URL configuration's own, as in
test_every_route.py) is opened by the family's investment leader, and every form on it that posts to a route of
the family is filled by hypothesis and sent, its fields each given text a careless or hostile user might send:
100,000 characters, NUL and other control characters, right-to-left marks, HTML and script, spreadsheet formula
prefixes, impossible dates and amounts; choices are one of those offered, or hostile text in their place. Each
request is undone after it (and, if it was saved, after the page it leads to is read back), so the examples do
not pile up. The examples are derandomised: the same ones each run, so that a failure is found again by whoever
runs the suite, and a new form gets its own.

A form's own errors are what it is for: a 400 is a clear answer. A server error is not, and a saved script or
markup that comes back unescaped on the page the save leads to is not either.
"""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.access.test_every_route import FAMILY_ROUTES, world  # noqa: F401 (the world is a fixture)
from welfarelab.mapping.models import LifeArea
from welfarelab.people.models import Organisation

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
HOSTILE = [
    "",
    " ",
    "\x00",
    "before\x00after",
    "\x07\x1b[31m\x7f",
    "A" * 100_000,
    "\u202egnp.exe\u202c",
    "\u200f\u200e\ufeff",
    SCRIPT,
    "<b onmouseover=alert(1)>x</b>",
    '"><img src=x onerror=alert(1)>',
    "{{ request }}{% now 'Y' %}",
    "%(name)s %s {0}",
    '=HYPERLINK("http://evil.example","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTab",
    "\rReturn",
    "'; DROP TABLE people_person; --",
    "31.02.2026",
    "29.02.2027",
    "00.00.0000",
    "2026-13-45",
    "01.01.0001",
    "31.12.9999 25:61",
    "9" * 40,
    "-1",
    "1e309",
    "NaN",
    "Infinity",
    "1,000.50",
    "١٢٣",
    "１２",
]
TEXT = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300))
EXAMPLES = 6  # per form; the forms are many


class Forms(HTMLParser):
    """The page's forms that post: [(action, {field: (kind, [offered values])})]."""

    def __init__(self):
        super().__init__()
        self.found, self._form, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self._form = {}
            self.found.append((attrs.get("action") or "", self._form))
        if self._form is None or not attrs.get("name") and tag != "option":
            return
        name = attrs.get("name")
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            kind, offered = self._form.get(name, (kind, []))
            offered.append(attrs.get("value", "on" if kind in ("checkbox", "radio") else ""))
            self._form[name] = (kind, offered)
        elif tag == "textarea":
            self._form[name] = ("text", [""])
        elif tag == "select":
            self._select = self._form[name] = ("select", [])
        elif tag == "option" and self._select is not None:
            self._select[1].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        if tag == "select":
            self._select = None


NOT_SENT = {"logout", "set_language"}  # the header's, on every page


def forms_on(client, url):
    """The forms on the page at `url` that post to a page of the site: {action path: fields}."""
    response = client.get(url)
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return {}
    parser = Forms()
    parser.feed(response.content.decode())
    found = {}
    for action, fields in parser.found:
        path = urlsplit(urljoin(url, action)).path
        try:
            if resolve(path).url_name not in NOT_SENT:
                found.setdefault(path, fields)
        except Resolver404:
            pass
    return found


def value(draw, kind, offered):
    if kind == "hidden" or kind in ("checkbox", "radio", "select"):
        return draw(st.one_of(st.sampled_from(offered or [""]), TEXT))
    return draw(TEXT)


def sent(client, path, data):
    """The status of one POST of `data`, and what the page it leads to shows; then all of it undone."""
    with transaction.atomic():
        try:
            response = client.post(path, data)
        except Exception as error:  # the test client raises what the view raised: a server error
            transaction.set_rollback(True)
            return 500, repr(error)[:300]
        shown = ""
        if response.status_code == 302 and response["Location"].startswith("/"):
            shown = client.get(response["Location"]).content.decode()
        elif response.get("Content-Type", "").startswith("text/html"):
            shown = response.content.decode()
        transaction.set_rollback(True)
    return response.status_code, shown


def family_of(world, route):  # noqa: F811 (the fixture's name)
    return world["referred"] if route.room == "referrals" and route.name != "referral" else world["joined"]


GET_ROUTES = [route for route in FAMILY_ROUTES if not route.name.endswith(("_pdf", "_scan", "agreement_scan"))]


def fuzzed(client, url):
    """What goes wrong when each form on the page at `url` is sent hypothesis's examples; the forms sent."""
    problems, forms = [], forms_on(client, url)
    for path, fields in forms.items():
        fields.pop("csrfmiddlewaretoken", None)  # the test client does not check it
        fuzz(client, path, fields, problems)
    return list(dict.fromkeys(problems)), forms


@pytest.mark.parametrize("route", GET_ROUTES, ids=str)
def test_every_form_of_a_family_takes_hostile_input_without_a_server_error(world, route):  # noqa: F811
    problems, _forms = fuzzed(world["clients"]["leader"], family_of(world, route).url(route))
    assert not problems, "\n".join(problems)


# The referral form, open to every member of staff, and the administrator's pages.
ELSEWHERE = [
    ("referrer", "referral_new", None),
    ("admin", "staff_invite", None),
    ("admin", "staff_member", lambda staff: staff["leader"]),
    ("admin", "organisation_new", None),
    (
        "admin",
        "organisation_edit",
        lambda staff: Organisation.objects.filter(municipality=staff["admin"].municipality)[0],
    ),
    ("admin", "life_areas", None),
    ("admin", "life_area_new", None),
    ("admin", "life_area_edit", lambda staff: LifeArea.objects.filter(municipality=staff["admin"].municipality)[0]),
    ("admin", "service_new", None),
    ("admin", "municipality_settings", None),
]


@pytest.mark.parametrize(("persona", "name", "record"), ELSEWHERE, ids=[name for _p, name, _r in ELSEWHERE])
def test_every_other_form_takes_hostile_input_without_a_server_error(world, persona, name, record):  # noqa: F811
    url = reverse(name, args=[record(world["staff"]).pk] if record else [])
    problems, forms = fuzzed(world["clients"][persona], url)
    assert forms, f"no form found on {url}"
    assert not problems, "\n".join(problems)


@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def fuzz(client, path, fields, problems, data):
    """Hypothesis's examples of one form, each sent; what goes wrong is added to `problems`."""
    values = {name: value(data.draw, kind, offered) for name, (kind, offered) in fields.items()}
    status, shown = sent(client, path, values)
    if status >= 500:
        problems.append(f"POST {path} {sorted(values)}: {status} {shown if status == 500 else ''}")
    if SCRIPT in shown:
        problems.append(f"POST {path}: the script came back unescaped on the page")
