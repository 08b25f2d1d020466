"""The demo: municipalities, staff and families read from YAML files in bokmål, loaded through the forms and
functions the pages use, so that the demo can hold nothing the app would refuse.

Each municipality is a folder beside this module (asker/, baerum/): municipality.yaml names it, its staff,
its catalogue of services and its family files in the order they are loaded; a family file is one family, or
a list of families. A value the app would refuse stops the load with a message naming the file, the family,
the step and the field.

Time: each step runs at its own moment with time-machine. The referral is registered on the day it came, a
note is written in its minute of the meeting, an agreement is signed when the family signed it. So every form
that checks against today (a checkpoint that "lies ahead", a target date that "has passed", a signature that
"cannot be in the future") sees the day the step happened, every time stamp (recorded, signed, the audit log)
is the one of the story, and the demo loads the same whatever the date of the machine. Two things are not
done step by step: what has become of the measures and goals since the plan was agreed (done, under way, a
goal reached on its target date) is set at the end, one update per status, as the demo stands in late
November 2026; and every plan is valued last, today, as the portfolio adds it up.

Where a family's file says nothing, the usual way: the family's investment leader takes the referral three
days after it came, talks with the family and qualifies them (every criterion met) on the day they are
qualified, and the family joins on its day, each adult consenting to the organisations of the team. A
meeting is planned ten days ahead and lasts two hours; the leader and the investment team of the day take
part, with the family's adults at an introduction and everyone aged 12 or more at the other meetings; the
trusted person comes once invited. The plan's goals and measures are written in its meeting, in the second
hour, decided by the leader; the plan is signed in the app at the end of the meeting by each adult, oldest
first, and the leader. Measures are under way unless a status is given. An investment line is recorded on
the day it started, but no earlier than ten days after the family joined (what went before was gathered then).
"""

import collections
import datetime
from contextlib import contextmanager
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine
import yaml
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F
from django.forms.models import model_to_dict
from django.utils import translation

from welfarelab.access import minimisation
from welfarelab.capture import steps
from welfarelab.capture.forms import ConversationForm, JoiningForm, QualificationForm, ReferralForm
from welfarelab.demo import catalogue
from welfarelab.journey import assessments, events, exits
from welfarelab.journey.models import Domain, Exit, Level, Vulnerability
from welfarelab.mapping import life_areas, meetings, sheet
from welfarelab.mapping.models import Meeting
from welfarelab.money import benefits, investment
from welfarelab.money.models import Parameter, Service
from welfarelab.people import identity
from welfarelab.people.forms import HouseholdForm, PersonFormSet
from welfarelab.people.models import Household, Municipality, Person, StaffUser
from welfarelab.plans import agreement, plan, team
from welfarelab.plans.models import Goal, Measure, Signature
from welfarelab.portal import test_idporten
from welfarelab.portal.models import IdentityProvider

HERE = Path(__file__).parent
MUNICIPALITIES = ["asker", "baerum"]
PASSWORD = "demo"
TZ = ZoneInfo(settings.TIME_ZONE)
DAY, MINUTE = datetime.timedelta(days=1), datetime.timedelta(minutes=1)
# The journey's levels by letter: untenable, vulnerable (sårbar), stable, bærekraftig (sustainable); - none.
LEVELS = {"U": Level.UNTENABLE, "V": Level.VULNERABLE, "S": Level.STABLE, "B": Level.SUSTAINABLE, "-": None}
VULNERABILITY = {"high": Vulnerability.HIGH, "medium": Vulnerability.MEDIUM, "low": Vulnerability.LOW}
DOMAINS = [Domain.HOUSING, Domain.WORK, Domain.NETWORK, Domain.ECONOMY, Domain.HEALTH, Domain.CHILDREN]
SCAN = b"%PDF-1.4\n%%EOF\n"  # the smallest file the scan check takes for a PDF
GOAL_FIELDS = ["text", "main_goal", "life_area", "indicator", "target_on", "person", "state"]
MEASURE_FIELDS = ["text", "goal", "organisation", "responsible", "family_member", "how_often", "starts_on"]
MEASURE_FIELDS += ["ends_on", "status", "additional"]


class DemoDataError(ValueError):
    """A demo file holds something the app would refuse, or something the loader cannot read."""


class _Reader(yaml.SafeLoader):
    """YAML as usual, except that a date that is no date stays text, for the form to refuse by name."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Reader.add_constructor("tag:yaml.org,2002:timestamp", _Reader.construct_yaml_timestamp)


def read(path):
    try:
        with open(path, encoding="utf-8") as file:
            return yaml.load(file, Loader=_Reader)
    except yaml.YAMLError as error:
        raise DemoDataError(f"{path.parent.name}/{path.name}: {error}") from error


def load(folders=MUNICIPALITIES, root=HERE):
    """Load the demo once; running it again changes nothing."""
    towns = [read(root / folder / "municipality.yaml") for folder in folders]
    if Municipality.objects.filter(slug__in=[town["slug"] for town in towns]).exists():
        return False
    with transaction.atomic():
        password = make_password(PASSWORD)
        numbers = collections.Counter()  # synthetic identity numbers given, by birth date
        for folder, town in zip(folders, towns, strict=True):
            _load_municipality(root / folder, town, password, numbers)
        test_idporten.register_client(
            f"http://{host}/my/login/{town['slug']}/done/"
            for town in towns
            for host in ("127.0.0.1:8000", "localhost:8000")
        )
        table = Parameter.table()
        for household in Household.objects.filter(joined_on__isnull=False):
            benefits.revalue(household, table)  # the portfolio adds up every plan as last valued
    return True


def _load_municipality(folder, town, password, numbers):
    municipality = Municipality.objects.create(
        slug=town["slug"], name=town["name"], default_language=town["default_language"]
    )
    life_areas.install(municipality)
    orgs = catalogue.install(municipality)
    users = {}
    for username, first, last, role, org in town["users"]:
        users[username] = StaffUser(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@{municipality.slug}.kommune.example",
            role=role,
            organisation=orgs.get(org),
            municipality=municipality,
            password=password,
        )
    StaffUser.objects.bulk_create(users.values())
    services = Service.objects.bulk_create(
        Service(
            municipality=municipality,
            organisation=orgs[code],
            name_en=en,
            name_nb=nb,
            name_nn=nn,
            unit=unit,
            unit_cost=cost,
        )
        for _key, code, _kind, en, nb, nn, unit, cost in town["services"]
    )
    services = {row[0]: (service, row[2]) for row, service in zip(town["services"], services, strict=True)}
    with translation.override(municipality.default_language):
        for name in town["families"]:
            found = read(folder / f"{name}.yaml")
            for family in found if isinstance(found, list) else [found]:
                _Family(f"{folder.name}/{name}.yaml", family, town, users, services, numbers).load()
    # Citizens log in on the family's door through the installation's own stand-in for ID-porten.
    IdentityProvider.objects.create(
        municipality=municipality, client_id=test_idporten.CLIENT_ID, client_secret=test_idporten.CLIENT_SECRET
    )


@contextmanager
def _at(moment):
    with time_machine.travel(moment, tick=False):
        yield


def _on(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TZ)


def _pk(value):
    return "" if value is None else getattr(value, "pk", value)


class _Family:
    """One family's story, told step by step by the forms and functions the staff's pages use."""

    def __init__(self, source, data, town, users, services, numbers):
        self.source, self.data, self.town = source, data, town
        self.numbers = numbers
        self.users, self.services = users, services
        self.name = data.get("name") or "?"
        self.notes, self.goals, self.measures = {}, {}, {}
        self.statuses = []  # (measure, status) as things stand at the end
        self.reached = []

    # Reading the file

    def fail(self, where, field, message):
        raise DemoDataError(f"{self.source}: {self.name}: {where}: {field}: {message}")

    def need(self, data, key, where):
        if data.get(key) in (None, ""):
            self.fail(where, key, "missing")
        return data[key]

    def day(self, data, key, where, default=None):
        value = data.get(key, default)
        if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
            self.fail(where, key, f"not a date (year-month-day): {value!r}")
        return value

    def moment(self, data, key, where):
        value = self.need(data, key, where)
        try:
            moment = value if isinstance(value, datetime.datetime) else datetime.datetime.fromisoformat(str(value))
        except ValueError:
            self.fail(where, key, f"not a date and time (year-month-day hour:minute): {value!r}")
        return moment if moment.tzinfo else moment.replace(tzinfo=TZ)

    def user(self, username, where, field):
        if username not in self.users:
            self.fail(where, field, f"no such user in {self.town['name']}: {username!r}")
        return self.users[username]

    def person(self, given_name, where, field="person"):
        return self.ref(self.people, given_name, where, field)

    def org(self, code, where, field="organisation"):
        return self.ref(self.orgs, code, where, field)

    def ref(self, table, key, where, field):
        """What `key` names in `table` (the family's goals, measures, life areas...); None if nothing is named."""
        if key is None:
            return None
        if key not in table:
            self.fail(where, field, f"nothing called {key!r} here; there is {', '.join(map(str, table))}")
        return table[key]

    def valid(self, form, where):
        if not form.is_valid():
            field, messages = next(iter(form.errors.items()))
            self.fail(where, "the whole form" if field == "__all__" else field, " ".join(messages))
        return form

    def step(self, action, where, *args, **values):
        """Carry out `action` as a page would; a value it refuses stops the load, naming the field."""
        try:
            return action(*args, **values)
        except ValidationError as error:
            field, messages = next(iter(getattr(error, "error_dict", {"__all__": error.error_list}).items()))
            self.fail(where, "the whole form" if field == "__all__" else field, " ".join(ValidationError(messages)))

    # The story

    def load(self):
        data = self.data
        self.need(data, "name", "the family")
        self.leader = self.user(data["leader"], "the family", "leader") if data.get("leader") else None
        self.referral()
        self.household = self.referral_.household
        self.people = {p.given_name: p for p in self.household.members.all()}
        self.orgs = {o.code: o for o in self.household.municipality.organisations.all()}
        self.areas = {a.code: a for a in self.household.municipality.life_areas.all()}
        if self.leader:
            self.take_and_qualify()
        if not data.get("joined_on"):
            return
        self.join()
        for row in data.get("team", []):
            self.add_to_team(row)
        if data.get("trusted_person"):
            self.invite(data["trusted_person"])
        self.held = [self.meeting(row, n) for n, row in enumerate(data.get("meetings", []), 1)]
        if data.get("next_checkpoint"):
            self.next_checkpoint()
        if data.get("plan"):
            self.plan(data["plan"])
        for n, row in enumerate(data.get("events", []), 1):
            self.event(row, f"event {n}")
        for n, row in enumerate(data.get("adjustments", []), 1):
            self.adjust(row, f"adjustment {n}")
        self.progress()
        if data.get("journey"):
            self.journey(data["journey"])
        for n, row in enumerate(data.get("investment", []), 1):
            self.investment_line(row, f"investment line {n}")
        if data.get("benefits"):
            self.benefits(data["benefits"])
        if data.get("exit"):
            self.exit(data["exit"])

    def referral(self):
        data, where = self.data, "referral"
        referred_by = self.user(self.need(data, "referred_by", where), where, "referred_by")
        municipality = referred_by.municipality
        household = {"household-name": data["name"]}
        household |= {f"household-{k}": data.get(k, "") for k in ("preferred_language", "interpreter_language")}
        people = self.need(data, "people", where)
        persons = {"person-TOTAL_FORMS": len(people), "person-INITIAL_FORMS": 0}
        for n, person in enumerate(people):
            if not isinstance(person, list) or len(person) not in (4, 5):
                self.fail(f"{where}, person {n + 1}", "people", "[given name, family name, relation, birth date]")
            given, family, relation, born, *disability = person
            row = {"given_name": given, "family_name": family, "relation": relation, "birth_date": born}
            row |= {"national_id": self.synthetic_id(born), "has_disability": bool(disability)}
            where = data.get("addresses", {}).get(given, {})
            row |= {"address": where.get("address", ""), "address_protection": where.get("protected", "")}
            persons |= {f"person-{n}-{key}": value for key, value in row.items()}
        referral = {
            "referral-referring_organisation": _pk(
                municipality.organisations.filter(code=data.get("referred_from")).first()
            ),
            "referral-why_now": data.get("why_now", ""),
            "referral-what_is_known": data.get("what_is_known", ""),
            "referral-family_told": data.get("family_told", self.town["defaults"]["family_told"]),
            "referral-agreed_to_contact": "True",
        }
        forms = [
            HouseholdForm(household, prefix="household"),
            PersonFormSet(persons, prefix="person", queryset=Person.objects.none()),
            ReferralForm(referral, prefix="referral", municipality=municipality),
        ]
        self.referred_on = self.day(data, "referred_on", where)
        with _at(_on(self.referred_on, 10)):
            self.valid(forms[0], where)
            for n, form in enumerate(forms[1].forms, 1):
                self.valid(form, f"{where}, person {n}")
            if not forms[1].is_valid():
                self.fail(where, "people", " ".join(forms[1].non_form_errors()))
            self.valid(forms[2], where)
            values = forms[0].cleaned_data | {"persons": forms[1].values()} | forms[2].cleaned_data
            self.referral_ = self.step(steps.register_referral, where, referred_by, **values)

    def synthetic_id(self, born):
        """A made-up person's synthetic identity number (month plus 80), never a real person's; a date that is no
        date is left for the form to refuse by name."""
        if not isinstance(born, datetime.date):
            return ""
        self.numbers[born] += 1
        return identity.synthetic(born, self.numbers[born] - 1)

    def take_and_qualify(self):
        data, defaults = self.data, self.town["defaults"]
        with _at(_on(self.referred_on + 3 * DAY, 10)):
            steps.take_referral(self.leader, self.referral_)
        qualification = {"wants_change": True, "lifts_confidentiality": True, "complex_needs": True}
        qualification |= {"long_term_plan": True, "outcome": "qualified", "reason": defaults["qualification_reason"]}
        qualification |= {"assessed_on": data.get("qualified_on")} | data.get("qualification", {})
        day = self.day(qualification, "assessed_on", "qualification")
        conversation = {"held_on": day, "explained": defaults["explained"], "answer": "wants_to_join"}
        conversation |= data.get("conversation", {})
        with _at(_on(day, 10)):
            form = self.valid(ConversationForm(conversation), "conversation")
            self.step(steps.record_conversation, "conversation", self.leader, self.referral_, **form.cleaned_data)
        with _at(_on(day, 11)):
            form = self.valid(QualificationForm(qualification), "qualification")
            self.step(steps.qualify, "qualification", self.leader, self.referral_, **form.cleaned_data)

    def join(self):
        where, household = "joining", self.household
        joined_on = self.day(self.data, "joined_on", where)
        team_orgs = [
            self.user(row.get("member"), "team", "member").organisation.code for row in self.data.get("team", [])
        ]
        with _at(_on(joined_on, 10)):  # who consents for themselves is who is of age on that day
            adults = [p.given_name for p in self.people.values() if p.gives_own_consent]
        consents = self.data.get("consents") or dict.fromkeys(adults, list(dict.fromkeys(team_orgs)))
        fields = {"signed_on": joined_on, "method": "in_app"}
        fields["signed_by"] = [self.person(given, where, "consents").pk for given in consents]
        for given, codes in consents.items():
            fields[f"consent_{self.person(given, where, 'consents').pk}"] = [
                self.org(c, where, "consents").pk for c in codes
            ]
        organisations = household.municipality.organisations.filter(active=True)
        with _at(_on(joined_on, 10)):
            form = self.valid(JoiningForm(fields, household=household, organisations=organisations), where)
            self.step(steps.join, where, self.leader, self.referral_, **form.values())
        household.refresh_from_db()

    def add_to_team(self, row):
        where = f"team member {row.get('member')}"
        member = self.user(self.need(row, "member", where), where, "member")
        joined_on = self.day(row, "joined_on", where, default=self.household.joined_on)
        fields = {"member": member.pk, "organisation": member.organisation_id, "team": row.get("team", "investment")}
        fields |= {"authority": row.get("authority", ""), "joined_on": joined_on}
        fields["reason"] = self.town["defaults"]["joined_later"] if "joined_on" in row else ""
        with _at(_on(joined_on, 11) if joined_on == self.household.joined_on else _on(joined_on, 8)):
            form = self.valid(team.TeamMembershipForm(fields, household=self.household), where)
            self.step(team.add_member, where, self.leader, self.household, **form.values())

    def invite(self, row):
        where = "trusted person"
        fields = {key: row.get(key, "") for key in ("name", "who", "phone", "joined_on")}
        fields["invited_by"] = _pk(self.person(row.get("invited_by"), where, "invited_by"))
        fields["reason"] = row.get("reason", self.town["defaults"]["trusted_person_reason"])
        self.trusted = row
        with _at(_on(self.day(row, "joined_on", where), 8)):
            form = self.valid(team.TrustedPersonForm(fields, persons=self.household.members.all()), where)
            self.step(team.invite_trusted_person, where, self.leader, self.household, **form.values())

    def staff_on(self, day, kind):
        """The leader, and the investment team of the day (an introduction is the leader's alone)."""
        members = self.household.team.filter(team="investment", joined_on__lte=day).values_list("member", flat=True)
        return [self.leader.pk, *([] if kind == Meeting.Kind.INTRODUCTION else members)]

    def plan_meeting(self, kind, start, place, family, where):
        day = start.astimezone(TZ).date()
        trusted = getattr(self, "trusted", None)
        fields = {
            "kind": kind,
            # typed as a person types them: the day and the time, each in its own field
            "planned_at_0": f"{start.astimezone(TZ):%d.%m.%Y}",
            "planned_at_1": f"{start.astimezone(TZ):%H:%M}",
            "place": place,
            "family_present": [self.person(given, where, "family_present").pk for given in family],
            "trusted_person": trusted["name"] if trusted and trusted["joined_on"] <= day else "",
            "interpreter": self.data.get("interpreter", ""),
            "staff": self.staff_on(day, kind),
        }
        form = self.valid(meetings.MeetingForm(fields, user=self.leader, household=self.household), where)
        return self.step(meetings.save, where, self.leader, self.household, **form.values())

    def meeting(self, row, n):
        where = f"meeting {n}"
        kind, start = self.need(row, "kind", where), self.moment(row, "at", where)
        day = start.astimezone(TZ).date()
        if "family_present" in row:
            family = row["family_present"]
        elif kind == Meeting.Kind.INTRODUCTION:
            family = [p.given_name for p in self.people.values() if p.relation != Person.Relation.CHILD]
        else:
            family = [p.given_name for p in self.people.values() if p.age(day) >= 12]
        with _at(max(start - 10 * DAY, _on(self.household.joined_on, 12))):
            meeting = self.plan_meeting(kind, start, row.get("place", self.data.get("place", "")), family, where)
        for minute, note in enumerate(row.get("notes", [])):
            with _at(start + (5 + minute) * MINUTE):
                self.write(meeting, note, f"{where}, note {minute + 1}")
        with _at(start + 120 * MINUTE):
            meetings.finish(self.leader, meeting)
        meeting.refresh_from_db()
        meeting.clock = 60  # the minutes into the meeting the next decision is written down
        return meeting

    def write(self, meeting, note, where):
        person = self.person(note.get("person"), where)
        text, trusted = self.need(note, "text", where), bool(note.get("trusted"))
        entry = self.notes.get(note.get("id"))
        if entry is None:
            key = self.need(note, "at", where)
            if key.startswith("grid:"):
                _grid, area, column = key.split(":")
                if area not in self.areas:
                    self.fail(where, "at", f"no such life area: {area!r}")
                key = f"grid:{self.areas[area].pk}:{column}"
            try:
                entry = sheet.add(self.leader, meeting, key, text, person, trusted)
            except sheet.UnknownPlace:
                self.fail(where, "at", f"no such place on the sheet: {note['at']!r}")
            if note.get("id"):
                self.notes[note["id"]] = entry
        else:
            sheet.write(self.leader, meeting, entry, entry.version, text, person, trusted)

    def next_checkpoint(self):
        start = self.moment(self.data, "next_checkpoint", "next checkpoint")
        last = self.held[-1]
        with _at(last.finished_at):  # who of the family comes is not known yet
            self.plan_meeting(Meeting.Kind.CHECKPOINT, start, self.data.get("place", last.place), [], "next checkpoint")

    def held_meeting(self, day, where, kind=None):
        for meeting in self.held:
            if meeting.planned_at.astimezone(TZ).date() == day and kind in (None, meeting.kind):
                return meeting
        self.fail(where, "meeting", f"no {kind or ''} meeting held on {day}")

    @contextmanager
    def in_meeting(self, meeting):
        """The next minute of the meeting's second hour, where decisions are written down one after the other."""
        with _at(meeting.planned_at + meeting.clock * MINUTE):
            meeting.clock += 1
            yield

    # The plan

    def plan(self, data):
        meeting = next((m for m in self.held if m.kind == Meeting.Kind.PLAN), None) or self.fail(
            "plan", "meetings", "the plan is made in a plan meeting: there is none"
        )
        the_plan = plan.plan_of(self.household)
        fields = {"situation": data.get("situation", ""), "checkpoint_weeks": data.get("checkpoint_weeks") or ""}
        with self.in_meeting(meeting):
            form = self.valid(plan.SituationForm(fields | {"version": the_plan.version}, instance=the_plan), "plan")
            self.step(plan.save_situation, "plan", self.leader, self.household, **form.values())
        self.write_goals_and_measures(data, meeting, "plan")
        self.sign(data.get("agreement", {}), meeting, "plan, agreement")

    def write_goals_and_measures(self, data, meeting, where):
        for n, row in enumerate(data.get("goals", []), 1):
            with self.in_meeting(meeting):
                self.goal(row, f"{where}, goal {row.get('id', n)}")
        for n, row in enumerate(data.get("measures", []), 1):
            with self.in_meeting(meeting):
                self.measure(row, meeting, f"{where}, measure {row.get('id', n)}")

    def note_for(self, row, where):
        if row.get("from_note") and row["from_note"] not in self.notes:
            self.fail(where, "from_note", f"no note with the id {row['from_note']!r} on the sheet")
        return self.notes.get(row.get("from_note"))

    def goal(self, row, where):
        area = self.ref(self.areas, row.get("life_area"), where, "life_area")
        fields = {"text": row.get("text", ""), "indicator": row.get("indicator", ""), "target_on": row.get("target_on")}
        fields |= {
            "main_goal": _pk(self.ref(self.goals, row.get("main_goal"), where, "main_goal")),
            "life_area": _pk(area),
        }
        fields["person"] = _pk(self.person(row.get("person"), where))
        fields[minimisation.FIELD] = True  # a goal with no person was written with the family, for all of it
        form = plan.GoalForm(fields, user=self.leader, household=self.household)
        values = self.valid(form, where).values() | {"source": self.note_for(row, where)}
        goal = self.step(plan.save_goal, where, self.leader, self.household, **values)
        minimisation.kept(form, self.leader, self.household, goal)
        self.goals[row.get("id", goal.pk)] = goal
        if row.get("reached"):
            self.reached.append(goal)

    def measure(self, row, meeting, where):
        fields = {key: row.get(key) or "" for key in ("text", "how_often", "starts_on", "ends_on")}
        fields |= {
            "goal": _pk(self.ref(self.goals, row.get("goal"), where, "goal")),
            "organisation": _pk(self.org(row.get("organisation"), where)),
        }
        fields["responsible"] = _pk(
            self.user(row["responsible"], where, "responsible") if row.get("responsible") else None
        )
        fields["family_member"] = _pk(self.person(row.get("family_member"), where, "family_member"))
        fields |= {"additional": bool(row.get("additional")), "meeting": meeting.pk}
        fields["decided_by"] = self.user(row.get("decided_by", self.leader.username), where, "decided_by").pk
        fields[minimisation.FIELD] = True  # as for goals
        form = plan.MeasureForm(fields, user=self.leader, household=self.household)
        values = self.valid(form, where).values() | {"source": self.note_for(row, where)}
        measure = self.step(plan.save_measure, where, self.leader, self.household, **values)
        minimisation.kept(form, self.leader, self.household, measure)
        self.measures[row.get("id", measure.pk)] = measure
        self.statuses.append((measure, row.get("status", "under_way")))

    def sign(self, data, meeting, where):
        """Prepare the next version of the agreement and have it signed by each adult and the leader."""
        prepared_at = self.moment(data, "prepared_at", where) if "prepared_at" in data else meeting.finished_at
        fields = {"reason": data.get("reason", "first"), "explanation": data.get("explanation", "")}
        fields["language"] = self.household.municipality.default_language
        fields[minimisation.FIELD] = True  # the explanation is the family's own, for all of it
        with _at(prepared_at):
            form = self.valid(agreement.PrepareForm(fields, user=self.leader, household=self.household), where)
            version = self.step(agreement.prepare, where, self.leader, self.household, **form.values())
            minimisation.kept(form, self.leader, self.household, version)
            adults = [p for p in self.household.members.order_by("birth_date") if p.gives_own_consent]
        signatures = data.get("signatures") or [
            {"signer": signer, "at": prepared_at + (5 + n) * MINUTE}
            for n, signer in enumerate([*(p.given_name for p in adults), self.leader.username])
        ]
        for n, row in enumerate(signatures, 1):
            signed_at = self.moment(row, "at", f"{where}, signature {n}")
            method = row.get("method", Signature.Method.APP)
            who = (
                self.leader
                if row.get("signer") == self.leader.username
                else self.person(row.get("signer"), where, "signer")
            )
            fields = {"signer": f"staff:{who.pk}" if who == self.leader else f"person:{who.pk}", "method": method}
            fields |= {"agrees": method == Signature.Method.APP, "signed_on": signed_at.astimezone(TZ).date()}
            scan = method == Signature.Method.PAPER and not version.scan_id  # one scan of the signed paper
            files = {"scan": SimpleUploadedFile("agreement.pdf", SCAN, "application/pdf")} if scan else {}
            with _at(signed_at):
                form = self.valid(agreement.SignForm(fields, files, version=version, user=self.leader), where)
                version = self.step(agreement.sign, where, self.leader, self.household, version, **form.values())
        if not version.signed_at:
            self.fail(where, "signatures", f"version {version.number} still lacks signatures")

    # Following the plan

    def event(self, row, where):
        fields = {key: row.get(key, "") for key in ("happened_on", "what", "seriousness")}
        fields["person"] = _pk(self.person(row.get("person"), where))
        with _at(_on(self.day(row, "happened_on", where), 16)):
            form = self.valid(events.UnexpectedEventForm(fields, user=self.leader, household=self.household), where)
            self.step(events.record, where, self.leader, self.household, **form.values())

    def adjust(self, data, where):
        """What the team decided in a meeting after the plan was agreed, and the new version the family signs."""
        meeting = self.held_meeting(self.day(data, "meeting", where), where)
        for n, row in enumerate(data.get("decisions", []), 1):
            decided_by = self.user(row.get("decided_by", self.leader.username), where, "decided_by")
            fields = {"meeting": meeting.pk, "text": row.get("text", ""), "decided_by": decided_by.pk}
            fields[minimisation.FIELD] = True  # decided by the whole team, with the family
            with self.in_meeting(meeting):
                form = plan.DecisionForm(fields, user=self.leader, household=self.household)
                self.valid(form, f"{where}, decision {n}")
                decision = self.step(plan.record_decision, where, self.leader, self.household, **form.values())
                minimisation.kept(form, self.leader, self.household, decision)
        for row in data.get("change_measures", []):
            measure = self.ref(self.measures, row.get("measure"), where, "measure")
            measure.refresh_from_db()
            fields = model_to_dict(measure, fields=MEASURE_FIELDS) | row | {"version": measure.version}
            fields[minimisation.FIELD] = True
            with self.in_meeting(meeting):
                form = plan.MeasureForm(fields, instance=measure, user=self.leader, household=self.household)
                values = self.valid(form, f"{where}, {row['measure']}").values() | {"measure": measure}
                measure = self.step(plan.save_measure, where, self.leader, self.household, **values)
                minimisation.kept(form, self.leader, self.household, measure)
        for row in data.get("change_goals", []):
            goal = self.ref(self.goals, row.get("goal"), where, "goal")
            goal.refresh_from_db()
            fields = model_to_dict(goal, fields=GOAL_FIELDS) | row | {"version": goal.version}
            fields[minimisation.FIELD] = True
            with self.in_meeting(meeting):
                form = plan.GoalForm(fields, instance=goal, user=self.leader, household=self.household)
                values = self.valid(form, f"{where}, {row['goal']}").values() | {"goal": goal}
                goal = self.step(plan.save_goal, where, self.leader, self.household, **values)
                minimisation.kept(form, self.leader, self.household, goal)
        self.write_goals_and_measures(data, meeting, where)
        self.sign(data.get("agreement", {}), meeting, f"{where}, agreement")

    def progress(self):
        """What has become of the measures and goals by the end of the demo: it changes nothing agreed to."""
        by_status = {}
        for measure, status in self.statuses:
            by_status.setdefault(status, []).append(measure.pk)
        for status, pks in by_status.items():
            Measure.objects.filter(pk__in=pks).update(status=status)
        Goal.objects.filter(pk__in=[g.pk for g in self.reached]).update(
            state=Goal.State.REACHED, reached_on=F("target_on")
        )

    def journey(self, data):
        goal = {"goal_level": LEVELS[data.get("goal_level", "-")], "goal_on": data.get("goal_on")}
        for n, row in enumerate(data.get("assessments", []), 1):
            where = f"assessment {n}"
            day = self.day(row, "assessed_on", where)
            meeting = self.held_meeting(day, where, row["meeting"]) if row.get("meeting") else None
            fields = {key: row.get(key, "") for key in ("occasion", "assessed_on", "reason", "family_reason")}
            fields["vulnerability"] = VULNERABILITY.get(row.get("vulnerability"), row.get("vulnerability"))
            fields |= {"level": LEVELS.get(row.get("level")), "family_level": LEVELS.get(row.get("family_level"))}
            fields |= goal | {"meeting": _pk(meeting), "vulnerability_reason": ""}
            domains = row.get("domains", "")
            if len(domains) != len(DOMAINS) or set(domains) - set(LEVELS):
                self.fail(where, "domains", f"one letter of {''.join(LEVELS)} for each of {', '.join(DOMAINS)}")
            for domain, letter in zip(DOMAINS, domains, strict=True):
                fields |= {f"{domain}_level": LEVELS[letter] or "", f"{domain}_reason": ""}
                fields |= {f"{domain}_family_level": "", f"{domain}_family_reason": ""}
            with _at(_on(day, 18)):
                form = self.valid(assessments.AssessmentForm(fields, household=self.household), where)
                self.step(assessments.save, where, self.leader, self.household, **form.values())

    # Money

    def investment_line(self, row, where):
        service, kind = self.ref(self.services, row.get("service"), where, "service") or (None, None)
        by = self.user(row.get("by", self.leader.username), where, "by")
        fields = {"kind": row.get("kind", kind), "service": _pk(service), "what": row.get("what", "")}
        fields |= {"organisation": _pk(self.org(row.get("organisation"), where)), "quantity": row.get("quantity")}
        fields |= {"person": _pk(self.person(row.get("person"), where)), "unit_price": row.get("unit_price", "")}
        fields |= {
            "monthly": not row.get("once"),
            "starts_on": row.get("starts_on"),
            "ends_on": row.get("ends_on") or "",
            minimisation.FIELD: True,  # as for goals
        }
        start = self.day(row, "starts_on", where)
        with _at(_on(max(start, self.household.joined_on + 10 * DAY), 13)):
            form = self.valid(investment.InvestmentForm(fields, user=by, household=self.household), where)
            line = self.step(investment.save, where, by, self.household, **form.values())
            minimisation.kept(form, by, self.household, line)

    def benefits(self, data):
        where = "benefits"
        valued_on = self.day(data, "valued_on", where)
        the_plan = plan.plan_of(self.household)
        shown = benefits.AnalysisForm(instance=the_plan)  # the page as it is shown, with the plan's price year set
        fields = {name: shown[name].value() for name in shown.fields}
        fields["price_year"] = self.data.get("plan", {}).get("price_year", the_plan.price_year)
        with _at(_on(valued_on, 14)):
            form = self.valid(benefits.AnalysisForm(fields, instance=the_plan), where)
            self.step(benefits.save_analysis, where, self.leader, self.household, **form.values())
            for n, row in enumerate(data.get("items", []), 1):
                self.benefit(row, valued_on, f"benefit {n}")

    def benefit(self, row, valued_on, where):
        goal = self.ref(self.goals, self.need(row, "goal", where), where, "goal")
        fields = {key: row.get(key, "") for key in ("label", "beneficiary", "method", "assumptions", "score")}
        fields |= {"goal": goal.pk, "start_year": 1, "ramp_years": 0, "drop_off": 0, "deadweight": 0}
        fields |= {"attribution": 0, "displacement": 0}
        fields |= {f"input_{name}": value for name, value in row.get("inputs", {}).items()}
        form = benefits.BenefitForm(fields, user=self.leader, household=self.household)
        benefit = self.step(benefits.save, where, self.leader, self.household, **self.valid(form, where).values())
        realisation = row.get("realisation")
        if not realisation:
            return
        fields = {key: realisation.get(key, "") for key in ("indicator", "baseline", "target", "target_on", "status")}
        fields |= {"owner": self.leader.pk, "measured_when": self.town["defaults"]["measured_when"]}
        fields |= {"evaluation": "", "version": benefit.version}
        form = benefits.RealisationForm(fields, instance=benefit, household=self.household)
        form = self.valid(form, f"{where}, realisation")
        self.step(
            benefits.save_realisation, f"{where}, realisation", self.leader, self.household, benefit, **form.values()
        )
        for n, row in enumerate(realisation.get("measurements", []), 1):
            day = self.day(row, "measured_on", f"{where}, measurement {n}")
            with _at(_on(max(day, valued_on), 14, 30)):
                form = self.valid(benefits.MeasurementForm(row), f"{where}, measurement {n}")
                self.step(benefits.add_measurement, where, self.leader, self.household, benefit, **form.values())

    def exit(self, data):
        where = "exit"
        with _at(_on(self.day(data, "left_on", where), 12)):
            form = exits.ExitForm(data, household=self.household, kind=data.get("kind", Exit.Kind.CLOSED))
            self.step(exits.leave, where, self.leader, self.household, **self.valid(form, where).values())
