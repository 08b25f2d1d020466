"""A crawl of the demo as each of its users, then every object page one user saw asked for by each user who may
not see it: the security issue's "requests every object URL seen by any other user and asserts 404 (never 200,
never 500), GET and POST".

tests/access/test_every_route.py reads the routes from the URL configuration and asks them in a world built for
it; this test follows what the pages of the demo (`make run`) actually link to, so it also finds an id that a
page hands out where no list of routes would think of it. Each demo user starts on the start page and follows,
breadth first and with GET only, every link, form action, button's formaction and script's data-...-url of the
site found in the HTML they get; never the logout, the language switch or Django's admin. Printing to PDF is
replaced by a stub, so a download costs no Chromium. An object page is one whose path holds an id (a segment of
digits).

Then each user asks, with GET and with an empty POST (the test client does not check CSRF, so the POST reaches
the view), for every object page someone else saw and they did not. Where the policy says the user may not see
something the page names (a family outside `policy.households`, a referral outside `policy.referrals`, a
consent, note, goal, measure... outside the policy's function for it, or a record of another municipality), the
answer must be 404, and nothing may be written, not even to the audit log. A page the policy lets the user see
(shared access: the leader and the family's team member), or an administrator's page of their own municipality,
is asked too: it must not fail with a server error, and a refusal of it writes nothing. Every page of the crawl
must answer below 500.

A refusal other than 404 is reported with what an id that names nothing gets, to tell a leak (the answers differ)
from a refusal asked before the lookup (they are the same: see welfarelab.access.refusal, which makes both 404).
"""

import functools
import logging
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import Resolver404, resolve

from welfarelab.access import policy
from welfarelab.demo import loader
from welfarelab.mapping import paper
from welfarelab.mapping.models import LifeArea, Meeting
from welfarelab.money.models import Service
from welfarelab.people.models import Organisation, StaffUser
from welfarelab.plans.models import AgreementVersion, TeamMembership

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"
USERS = ("admin", "leader", "member", "referrer", "analyst", "outsider")  # loader.PASSWORD, on the start page
CAP = 1500  # pages per user; the demo's busiest users reach about 500
NOT_FOLLOWED = {"logout", "set_language"}
SITE = ("", "testserver")
REFUSED = 404

# The word before an id in a path says what the id names. Within a family (participants/<pk>/...), the policy's
# function for it says what of the family a user may see; an administrator's records are their municipality's.
# A word not here fails the test, to be told what the new id names.
OF_A_FAMILY = {
    "consents": policy.consents,
    "meetings": lambda user, household: Meeting.objects.filter(household=household),
    "notes": policy.notes,
    "goals": policy.goals,
    "measures": policy.measures,
    "agreement": lambda user, household: AgreementVersion.objects.filter(plan__household=household),
    "assessments": policy.assessments,
    "benefits": policy.benefits,
    "investment": policy.investments,
    "team": lambda user, household: TeamMembership.objects.filter(household=household),
    "trusted": policy.trusted_persons,
    "persons": policy.persons,
}
NUMBERED = {"agreement": "number"}  # a version is named by its number in the family, not by its primary key
OF_A_MUNICIPALITY = {"users": StaffUser, "organisations": Organisation, "life-areas": LifeArea, "services": Service}


# The crawl


class Targets(HTMLParser):
    """Where a page's links, forms, buttons and scripts go (a form without an action goes to its own page)."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "area") and attrs.get("href"):
            self.found.append(attrs["href"])
        if tag == "form":
            self.found.append(attrs.get("action") or "")
        self.found += [value for name, value in attrs.items() if name == "formaction" and value]
        self.found += [value for name, value in attrs.items() if name.startswith("data-") and name.endswith("-url")]


def same_site(base, target):
    """`target`, read on the page at `base`, as path and query: None if it is not a page of the site to follow."""
    parts = urlsplit(urljoin(base, target))
    if parts.scheme not in ("", "http") or parts.netloc not in SITE:
        return None
    if parts.path.startswith(("/static/", "/media/", "/admin/")):  # files, and Django's admin (the operator's)
        return None
    try:
        if resolve(parts.path).url_name in NOT_FOLLOWED:
            return None
    except Resolver404:
        pass  # followed all the same: a link to nowhere is a 404 of the crawl, reported with the other answers
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client):
    """Every page of the site reached from the start page, breadth first, GET only: {url: status}."""
    queue, queued, pages = deque(["/"]), {"/"}, {}
    while queue and len(pages) < CAP:
        url = queue.popleft()
        response = client.get(url)
        pages[url] = response.status_code
        targets = []
        if response.status_code in (301, 302, 303, 307, 308):
            targets = [response["Location"]]
        elif response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            parser = Targets()
            parser.feed(response.content.decode())
            targets = parser.found
        for target in targets:
            link = same_site(url, target)
            if link is not None and link not in queued:
                queued.add(link)
                queue.append(link)
    assert not queue, f"the crawl stopped at {CAP} pages with {len(queue)} still to see: raise CAP"
    return pages


def ids(url):
    """The ids in a URL's path, each with the word before it: [("participants", "3"), ("goals", "12")]."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    return [(segments[n - 1] if n else "", s) for n, s in enumerate(segments) if s.isdigit()]


# What the policy says a user may see


class Sight:
    """What the policy lets `user` see, asked once for each family and kind of thing."""

    def __init__(self, user):
        self.user = user

    @functools.cached_property
    def households(self):
        return {str(pk): pk for pk in policy.households(self.user).values_list("pk", flat=True)}

    @functools.cached_property
    def referrals(self):
        return {str(pk) for pk in policy.referrals(self.user).values_list("pk", flat=True)}

    @functools.cache  # noqa: B019  (one Sight per user and test)
    def within(self, household_pk, word):
        household = policy.households(self.user).get(pk=household_pk)
        seen = OF_A_FAMILY[word](self.user, household)
        return {str(key) for key in seen.values_list(NUMBERED.get(word, "pk"), flat=True)}

    def hidden(self, url):
        """What of `url` the policy says the user may not see, as (the id's place in the path, what it is), or None
        if they may see all it names."""
        (word, pk), *within = ids(url)
        if word == "participants":
            if pk not in self.households:
                return 0, "a family not theirs to see"
            for n, (word, key) in enumerate(within, 1):
                assert word in OF_A_FAMILY, f"{url}: what does the id after {word!r} name? Add it to OF_A_FAMILY"
                if key not in self.within(self.households[pk], word):
                    return n, f"{word} of a family they see, not theirs to see"
            return None
        assert not within, f"{url}: ids within a {word!r} are unknown to this test"
        if word == "referrals":
            return None if pk in self.referrals else (0, "a referral not theirs to open")
        assert word in OF_A_MUNICIPALITY, f"{url}: what does the id after {word!r} name? Add it to OF_A_MUNICIPALITY"
        if OF_A_MUNICIPALITY[word].objects.filter(pk=pk, municipality_id=self.user.municipality_id).exists():
            return None
        return 0, f"{word} of another municipality"


NOWHERE = str(2**31 - 1)  # an id that names nothing, in range of any integer column


def elsewhere(url, place):
    """`url` with the id at `place` (0: the first id in the path) replaced by one that names nothing."""
    parts = urlsplit(url)
    segments, n = parts.path.split("/"), -1
    for i, segment in enumerate(segments):
        if segment.isdigit():
            n += 1
            if n == place:
                segments[i] = NOWHERE
                break
    return "/".join(segments) + (f"?{parts.query}" if parts.query else "")


# Asking

WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def answer(client, method, url):
    """The status of one request and the tables it wrote to; whatever it wrote is then undone."""
    written = []

    def watch(execute, sql, params, many, context):
        if match := WRITE.match(sql):
            written.append(match.group(1))
        return execute(sql, params, many, context)

    with transaction.atomic():
        with connection.execute_wrapper(watch):
            status = getattr(client, method)(url).status_code
        transaction.set_rollback(True)
    return status, sorted(set(written))


def route(url):
    return "/" + resolve(urlsplit(url).path).route


@pytest.fixture
def demo(monkeypatch, caplog):
    monkeypatch.setattr(paper, "pdf", lambda *args, **kwargs: PDF)  # what Chromium prints is not the point here
    caplog.set_level(logging.ERROR, logger="django.request")  # thousands of refusals are expected; a 500 is not
    loader.load()


def test_no_user_reaches_an_object_page_another_user_saw(demo):
    users = {name: StaffUser.objects.get(username=name) for name in USERS}
    clients = {name: Client() for name in USERS}
    for name, client in clients.items():
        client.force_login(users[name])
    problems, refusals, saw = [], {}, {}

    for name in USERS:
        pages = crawl(clients[name])
        problems += [f"{name} GET {url}: {status}, a server error" for url, status in pages.items() if status >= 500]
        saw[name] = {url for url in pages if ids(url)}
    assert all(saw[name] for name in USERS if name != "analyst"), "the crawl found no object page: is it logged in?"
    assert not saw["analyst"], "the analyst sees figures, no single family, no single record"

    asked = dict.fromkeys(USERS, 0)
    for name in USERS:
        sight, client = Sight(users[name]), clients[name]
        for url in sorted(set().union(*(saw[other] for other in USERS if other != name)) - saw[name]):
            hidden = sight.hidden(url)
            asked[name] += hidden is not None
            for method in ("get", "post"):
                status, written = answer(client, method, url)
                said = f"{name} {method.upper()} {url}: {status}"
                if status >= 500:
                    problems.append(f"{said}, a server error")
                elif hidden and status != REFUSED:
                    refusals.setdefault((name, method, route(url), status, hidden[1]), []).append((url, hidden[0]))
                if (hidden or status >= 400) and written:
                    problems.append(f"{said}, refused, but it wrote to {written}")
    assert all(asked.values()), f"someone was asked for nothing they may not see: {asked}"

    for (name, method, pattern, status, what), urls in sorted(refusals.items()):
        url, place = urls[0]
        blind = answer(clients[name], method, elsewhere(url, place))[0]
        problems.append(
            f"{name} {method.upper()} {pattern}: {status}, not {REFUSED}, where {what} ({len(urls)} pages, such as "
            f"{url}; an id that names nothing gets {blind})"
        )
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
