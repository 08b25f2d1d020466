"""How fast the portfolio is for a large municipality: `portfolio.figures()` and the whole dashboard page.

    DEBUG=1 python -m benchmarks.portfolio --participants 10000 [--keep] [--profile]

Generates `--participants` made-up participants (`benchmarks.generate`) into the municipality `benchmark-N`, unless
it is there already (from an earlier `--keep`), then times, over five runs each, the figures and a GET of
/portfolio/ as an analyst of that municipality, for all participants and for a period and target group, and
counts their queries. Everything runs in one transaction, rolled back at the end: nothing is left behind unless
`--keep` is given. On PostgreSQL the tables are analysed after generating (inside the transaction), as
autovacuum would have done for data that has been there a while. The page is fetched with Django's test client
on one of ALLOWED_HOSTS (DEBUG=1 allows 127.0.0.1), so it needs the static files a normal request needs.

Measured on 23 November 2026, on a 2-core machine busy with other test runs (load 3 to 4.5), DEBUG=1
(tests/reports/test_benchmark.py keeps the bounds: the same queries for 100 and 1,000 participants, under 1 s):

    PostgreSQL 15, 10,000 participants: generated in 36 s (219,471 rows)
        figures(), all                  4.9 s   (2.7 s CPU)   11 queries
        figures(), half a year, group A 2.4 s                 11 queries
        GET /portfolio/, all            5.1 s   (2.7 s CPU)   19 queries, 161 kB
        GET /portfolio/, half a year, A 2.8 s                 19 queries
    SQLite, 1,000 participants: generated in 3.3 s; figures() 0.37 to 0.74 s, GET 0.74 to 1.1 s, 11 and 19 queries

The queries are bounded; the time is not: 80 % of it is portfolio._money spreading every plan's ten yearly
figures over 120 months one participant at a time (1.2 million date shifts and Decimal divisions for 10,000).
"""

import argparse
import cProfile
import datetime
import io
import os
import pstats
import statistics
import time
from urllib.parse import urlencode

import django
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

RUNS = 5
PERIOD = {"start": "2026-01-01", "end": "2026-06-30", "target_group": "A"}
TABLES = [  # analysed on PostgreSQL after generating
    "people_household",
    "people_person",
    "people_staffuser",
    "plans_teammembership",
    "plans_trustedperson",
    "plans_investmentplan",
    "plans_measure",
    "mapping_meeting",
    "journey_assessment",
    "journey_exit",
    "money_investment",
    "money_planvalue",
]


class Rollback(Exception):
    """Raised to undo everything the benchmark wrote."""


def measure(run, runs=RUNS):
    """(median seconds, first, fastest, slowest, median seconds of this process's CPU, queries) of `run()`: timed
    without recording the queries, which are then counted in one more run. The CPU time leaves out the database
    server and other processes: on a busy machine it says what the Python side costs."""
    times, cpu = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        run()
        times.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    with CaptureQueriesContext(connection) as queries:
        run()
    return (
        statistics.median(times),
        times[0],
        min(times),
        max(times),
        statistics.median(cpu),
        len(queries.captured_queries),
    )


def host():
    for name in settings.ALLOWED_HOSTS:
        if name == "*":
            return "localhost"
        if not name.startswith("."):
            return name
    raise SystemExit("No host to ask for the page on: set ALLOWED_HOSTS, or run with DEBUG=1.")


def arguments():
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.portfolio",
        description="Time the portfolio's figures and dashboard for a municipality of N made-up participants.",
    )
    parser.add_argument("--participants", type=int, required=True, help="How many participants, e.g. 10000.")
    parser.add_argument("--seed", type=int, default=0, help="The generator's seed (the same data for the same).")
    parser.add_argument("--keep", action="store_true", help="Keep the generated municipality (committed).")
    parser.add_argument(
        "--profile", action="store_true", help="Also profile one GET of the page (cProfile, top functions)."
    )
    return parser


def main(argv=None):
    parser = arguments()
    options = parser.parse_args(argv)
    if options.participants < 1:
        parser.error("--participants must be at least 1.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "welfarelab.settings")
    django.setup()
    try:
        with transaction.atomic():
            benchmark(options.participants, options.seed, options.profile)
            if not options.keep:
                raise Rollback
    except Rollback:
        print("Rolled back: nothing generated is left in the database (--keep keeps it).")
    else:
        print(f"Kept: the municipality benchmark-{options.participants} stays in the database.")


def benchmark(participants, seed, profile):
    # The models can be imported only once Django is set up (main).
    from benchmarks import generate
    from welfarelab.people.models import Household, Municipality, StaffUser
    from welfarelab.reports import portfolio

    slug = f"benchmark-{participants}"
    place = Municipality.objects.filter(slug=slug).first()
    vendor = connection.vendor
    if place is None:
        made = generate.generate(slug, participants, seed=seed)
        place = made.municipality
        rows = sum(made.counts.values())
        print(
            f"Generated {participants} participants into {slug} on {vendor} in {made.seconds:.1f} s "
            f"({rows} rows: {', '.join(f'{n} {name}' for name, n in made.counts.items())})."
        )
    else:
        print(f"Measuring the existing municipality {slug} on {vendor}.")
    if vendor == "postgresql":
        began = time.perf_counter()
        with connection.cursor() as cursor:
            for table in TABLES:
                cursor.execute(f"ANALYZE {table}")
        print(f"Analysed the tables in {time.perf_counter() - began:.1f} s.")
    analyst = StaffUser.objects.filter(municipality=place, role=StaffUser.Role.ANALYST, is_active=True).first()
    if analyst is None:
        analyst = StaffUser.objects.create_user(
            username=f"{slug}-analyst", role=StaffUser.Role.ANALYST, municipality=place
        )
    client = Client(HTTP_HOST=host())
    client.force_login(analyst)
    url = reverse("portfolio")
    whole = portfolio.Selection(place)
    period = portfolio.Selection(
        place,
        start=datetime.date.fromisoformat(PERIOD["start"]),
        end=datetime.date.fromisoformat(PERIOD["end"]),
        target_group=PERIOD["target_group"],
    )
    sizes = {}

    def get(query=""):
        def run():
            response = client.get(f"{url}?{query}" if query else url, secure=True)
            if response.status_code != 200:
                raise SystemExit(f"GET {url}?{query} answered {response.status_code}.")
            sizes[query] = len(response.content)

        return run

    participants_in = {
        "all": portfolio.figures(whole).participants,
        "period": portfolio.figures(period).participants,
    }
    label = f"{PERIOD['start']}..{PERIOD['end']}, group {PERIOD['target_group']}"
    results = [
        (f"figures(), all ({participants_in['all']})", measure(lambda: portfolio.figures(whole)), None),
        (f"figures(), {label} ({participants_in['period']})", measure(lambda: portfolio.figures(period)), None),
        ("GET /portfolio/, all", measure(get()), ""),
        (f"GET /portfolio/, {label}", measure(get(urlencode(PERIOD))), urlencode(PERIOD)),
    ]
    households = Household.objects.filter(municipality=place, joined_on__isnull=False).count()
    print(f"\n{households} participants in {slug}, {RUNS} runs each, seconds:")
    print(f"{'':56} {'median':>7} {'first':>7} {'min':>7} {'max':>7} {'cpu':>7} {'queries':>7} {'kB':>5}")
    for name, (median, first, fastest, slowest, cpu, queries), query in results:
        size = f"{sizes[query] / 1000:5.0f}" if query is not None else ""
        print(f"{name:56} {median:7.3f} {first:7.3f} {fastest:7.3f} {slowest:7.3f} {cpu:7.3f} {queries:7d} {size}")
    print("(cpu: the median time this process spent computing, without the database server.)")
    print()
    if profile:
        profiler = cProfile.Profile()
        profiler.runcall(get())
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(35)
        print(out.getvalue(), end="")


if __name__ == "__main__":
    main()
