"""A worker process for the reliability tests: `python -m tests.reliability.worker ACTION SCENARIO [options]`, on the
database DATABASE_URL names (the tests' settings otherwise).

ACTION is one of
  setup SCENARIO --out FILE          write the scenario's data (committed, its audit entries sealed) and its ids
  save SCENARIO --setup JSON --marker FILE [--mode MODE]
                                     save as the application does, and pause at the scenario's point inside the
                                     transaction: after some rows are written, before the commit. There it writes
                                     what its own transaction sees to FILE and sleeps until it is killed.
  demo --out FILE                    load the demo (welfarelab.demo.loader), for the backup tests
  tamper --out FILE                  change one audit entry, as the database's owner can (the rule lifted)
  append --out FILE                  write one audit entry as a request does (sealed after its commit)

MODE, for the tests that prove the check can fail and for the crash after the commit:
  atomic (the default)  as the application is
  commit-early          the pause first commits the transaction, as a save that was not atomic would have
  after-commit          no pause inside the save: the pause comes after its commit, before its audit entries
                        are sealed into the chain
"""

import argparse
import datetime
import json
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

import django

SCENARIOS = ("sheet", "agreement", "agreement-on-paper", "investment", "demo")


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["setup", "save", "demo", "tamper", "append"])
    parser.add_argument("scenario", nargs="?", choices=SCENARIOS)
    parser.add_argument("--out")
    parser.add_argument("--setup", default="{}")
    parser.add_argument("--marker")
    parser.add_argument("--mode", default="atomic", choices=["atomic", "commit-early", "after-commit"])
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host is allowed, mail stays in memory
    if args.action == "setup":
        result = SETUPS[args.scenario]()
    elif args.action == "demo":
        from welfarelab.demo import loader

        result = {"loaded": loader.load()}
    elif args.action == "tamper":
        result = tamper()
    elif args.action == "append":
        result = append()
    else:
        Pause(args.marker, args.mode).install(args.scenario)
        result = SAVES[args.scenario](json.loads(args.setup))
        # Reaching here means the save never came to its pause: the test fails on the missing marker.
        print(f"the save ended without pausing: {result}", file=sys.stderr)
        sys.exit(3)
    Path(args.out).write_text(json.dumps(result))


# Where the save pauses


class Pause:
    def __init__(self, marker, mode):
        self.marker, self.mode = Path(marker), mode

    def __call__(self, where):
        from django.db import connection

        seen = {"where": where, "in_transaction": connection.in_atomic_block, "counts": table_counts()}
        if self.mode == "commit-early":
            connection.connection.commit()  # under Django's feet: the driver's own commit, as if not atomic
            seen["committed_early"] = True
        self.marker.with_suffix(".tmp").write_text(json.dumps(seen))
        self.marker.with_suffix(".tmp").replace(self.marker)  # whole, or not at all
        time.sleep(WAIT_FOR_KILL)
        sys.exit(4)  # not killed: the test fails on the exit code

    def install(self, scenario):
        """Wrap, in this process only, a function the save calls late, so that the pause comes after it."""
        if self.mode == "after-commit":
            from welfarelab.access import chain

            seal = chain.seal

            def pause_before_sealing(*args, **kwargs):
                self("committed, before the audit entries are sealed")
                return seal(*args, **kwargs)

            chain.seal = pause_before_sealing  # what transaction.on_commit calls after the save's commit
            return
        getattr(self, f"_install_{scenario.split('-')[0]}")()

    def _install_sheet(self):
        from welfarelab.mapping import sheet

        revise = sheet._revise

        def revise_then_pause(*args, **kwargs):
            revise(*args, **kwargs)
            self("the note changed and its revision written, its audit entry not yet")

        sheet._revise = revise_then_pause

    def _install_agreement(self):
        from welfarelab.plans.models import AgreementVersion

        save = AgreementVersion.save

        def save_then_pause(version, *args, **kwargs):
            save(version, *args, **kwargs)
            if "signed_at" in (kwargs.get("update_fields") or ()):
                self("the signature written and the version signed, its audit entry not yet")

        AgreementVersion.save = save_then_pause

    def _install_investment(self):
        from welfarelab.money import benefits

        revalue_when_committed = benefits.revalue_when_committed

        def revalue_then_pause(household):
            revalue_when_committed(household)
            self("the investment line and its audit entry written, the commit not yet")

        benefits.revalue_when_committed = revalue_then_pause

    def _install_demo(self):
        from welfarelab.money import investment

        save, saved = investment.save, []

        def save_then_pause(*args, **kwargs):
            saved.append(save(*args, **kwargs))
            if len(saved) == DEMO_LINES_BEFORE_PAUSE:
                self(f"{len(saved)} investment lines of the demo's files saved, the load not finished")
            return saved[-1]

        investment.save = save_then_pause


WAIT_FOR_KILL = 120
DEMO_LINES_BEFORE_PAUSE = 3


def table_counts():
    from django.db import connection

    with connection.cursor() as cursor:
        found = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            found[table] = cursor.fetchone()[0]
    return found


# The scenarios' data


def _household_with_team():
    from tests.conftest import FAMILY, Role, add_to_team, make_participant, make_user
    from welfarelab.demo import catalogue
    from welfarelab.mapping import life_areas
    from welfarelab.people.models import Municipality

    municipality = Municipality.objects.create(slug="asker", name="Asker", default_language="en")
    life_areas.install(municipality)
    catalogue.install(municipality)
    leader = make_user(municipality, Role.INVESTMENT_LEADER, "koordinerende", "leader")
    referrer = make_user(municipality, Role.REFERRER, "skole", "referrer")
    member = make_user(municipality, Role.TEAM_MEMBER, "nav", "member")
    household = make_participant(municipality, leader, referrer, consents=("nav",), people=FAMILY)
    add_to_team(household, member, "nav")
    return household, leader


def _session(user):
    """A session of `user`'s, made here so that the save's own request writes nothing outside its transaction."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {"cookie": client.cookies[settings.SESSION_COOKIE_NAME].value}


def _committed(build):
    """`build` in one transaction, its audit entries sealed after the commit, as a request's are."""
    from django.db import transaction

    with transaction.atomic():
        result = build()
    return result


def setup_sheet():
    def build():
        from tests.mapping.conftest import plan_meeting
        from welfarelab.mapping import sheet

        household, leader = _household_with_team()
        meeting = plan_meeting(household, leader)
        notes = [sheet.add(leader, meeting, place, text) for place, text in [("dreams", "A house"), ("works", "Walks")]]
        sheet.write(leader, meeting, notes[0], 1, "A house with a garden")
        return {"household": household.pk, "meeting": meeting.pk, "note": notes[1].pk, "leader": leader.pk}

    data = _committed(build)
    from welfarelab.people.models import StaffUser

    return data | _session(StaffUser.objects.get(pk=data["leader"]))


def setup_agreement():
    def build():
        from tests.plans.conftest import prepare, sign, simple_plan

        household, leader = _household_with_team()
        simple_plan(household)
        version = prepare(leader, household)
        for signer in version.content["signers"]:
            version = sign(leader, household, version, f"person:{signer['person']}")
        return {"household": household.pk, "number": version.number, "version": version.pk, "leader": leader.pk}

    data = _committed(build)
    from welfarelab.people.models import StaffUser

    return data | _session(StaffUser.objects.get(pk=data["leader"]))


def setup_investment():
    def build():
        from tests.conftest import org
        from welfarelab.money import investment
        from welfarelab.money.models import Investment

        household, leader = _household_with_team()
        investment.save(
            leader,
            household,
            kind=Investment.Kind.BENEFIT,
            what="Housing support",
            organisation=org(household.municipality, "bolig"),
            quantity=Decimal(1),
            unit_price=Decimal(1000),
            starts_on=datetime.date(2026, 1, 1),
        )
        return {"household": household.pk, "leader": leader.pk}

    data = _committed(build)
    from welfarelab.people.models import StaffUser

    return data | _session(StaffUser.objects.get(pk=data["leader"]))


def setup_demo():
    return {}


SETUPS = {"sheet": setup_sheet, "agreement": setup_agreement, "investment": setup_investment, "demo": setup_demo}
SETUPS["agreement-on-paper"] = setup_agreement


# The saves, through the application's own pages (the request's transaction, ATOMIC_REQUESTS, included)


def _client(setup):
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_ACCEPT="application/json")
    client.cookies[settings.SESSION_COOKIE_NAME] = setup["cookie"]
    return client


def _answered(response):
    return {"status": response.status_code, "body": response.content.decode()[:2000]}


def save_sheet(setup):
    from django.urls import reverse

    url = reverse("note_write", args=[setup["household"], setup["meeting"], setup["note"]])
    return _answered(_client(setup).post(url, {"text": "Walks in the forest, every Sunday", "version": 1}))


def save_agreement(setup):
    from django.urls import reverse
    from django.utils import timezone

    url = reverse("agreement_sign", args=[setup["household"], setup["number"]])
    data = {"signer": f"staff:{setup['leader']}", "method": "app", "agrees": "on"}
    data["signed_on"] = timezone.localdate().isoformat()
    return _answered(_client(setup).post(url, data))


def save_agreement_on_paper(setup):
    """The leader's signature on paper, with the scan of the signed paper uploaded."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    from django.utils import timezone

    url = reverse("agreement_sign", args=[setup["household"], setup["number"]])
    scan = SimpleUploadedFile("signed.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    data = {"signer": f"staff:{setup['leader']}", "method": "paper", "scan": scan}
    data["signed_on"] = timezone.localdate().isoformat()
    return _answered(_client(setup).post(url, data))


def save_investment(setup):
    from django.urls import reverse

    from tests.money.conftest import line_data
    from welfarelab.people.models import Household

    household = Household.objects.get(pk=setup["household"])
    url = reverse("investment_new", args=[household.pk])
    data = line_data(household, what="Job training", unit_price="4500", starts_on=str(datetime.date(2026, 2, 1)))
    return _answered(_client(setup).post(url, data))


def save_demo(setup):
    """The only bulk load from files the product has: the demo's YAML, in one transaction (load_demo)."""
    from welfarelab.demo import loader

    return {"loaded": loader.load()}


SAVES = {"sheet": save_sheet, "agreement": save_agreement, "investment": save_investment, "demo": save_demo}
SAVES["agreement-on-paper"] = save_agreement_on_paper


# Tampering, for the tests that prove verification finds it


def tamper():
    """As the database's owner: lift the append-only rule and change one sealed audit entry's detail."""
    from django.db import connection, transaction

    from welfarelab.access import append_only
    from welfarelab.access.models import AuditEntry, AuditSeal

    link = AuditSeal.objects.order_by("chain_id", "sequence")
    target = link[link.count() // 2]
    with transaction.atomic(), append_only.lifted(connection), connection.cursor() as cursor:
        cursor.execute("UPDATE access_auditentry SET detail = %s WHERE id = %s", ["nothing to see", target.entry_id])
    assert AuditEntry.objects.get(pk=target.entry_id).detail == "nothing to see"
    return {"entry": target.entry_id, "chain": target.chain_id, "sequence": target.sequence}


def append():
    from django.db import transaction

    from welfarelab.access import audit
    from welfarelab.people.models import StaffUser

    user = StaffUser.objects.filter(municipality__isnull=False).order_by("pk").first()
    with transaction.atomic():
        entry = audit.record(user, audit.VIEW, user, detail="after the restore")
    return {"entry": entry.pk, "chain": user.municipality_id}


if __name__ == "__main__":
    main()
