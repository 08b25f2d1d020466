"""What Asker invests in the demo's three worked-example families, and the catalogue of services it is priced from.

The catalogue gets Asker's services at their unit costs (2026 kroner, rounded). Each family gets the lines the
investment leader recorded: every service, staff hour and benefit from every organisation (one pool), over the
family's months in the lab, and, as far as it is known, the 12 months before they joined, so before and after can
be compared. The lines go through the investment form and save function, as the leader's clicks would; the time
each was recorded is moved back afterwards to the day it happened.

The figures are plausible, not anyone's real ones. The Hagen family is a large investment over the last 12 months
(Oskar's special education and respite care, Kari's benefits, a lot of follow-up), Jonas Dahl a small one, against
Asker's threshold of NOK 500,000 a year. The Berg family's is large too, mostly because Emil lives in foster care.
"""

import datetime
from decimal import Decimal

from welfarelab.money import investment
from welfarelab.money.models import Investment, Service, Unit
from welfarelab.people.models import Organisation

D = datetime.date
HOUR, DAY, VISIT, MONTH, ONCE = Unit.HOUR, Unit.DAY, Unit.VISIT, Unit.MONTH, Unit.ONCE
SERVICE, STAFF_HOURS, BENEFIT = Investment.Kind.SERVICE, Investment.Kind.STAFF_HOURS, Investment.Kind.BENEFIT

# Work assessment allowance is 66% of the salary it replaces; the catalogue's rate is for a salary of 300,000.
AAP_MONTH = Decimal(300_000) * Decimal("0.66") / 12  # 16,500
SOCIAL_ASSISTANCE_MONTH = 7_850  # a single person's livelihood rate in 2026 (5,950 in 2017)

# key, organisation code, what kind of line it makes, English, bokmål, nynorsk, unit, cost per unit (NOK)
CATALOGUE = [
    (
        "leader",
        "koordinerende",
        STAFF_HOURS,
        "Follow-up by the investment leader",
        "Oppfølging fra investeringsleder",
        "Oppfølging frå investeringsleiar",
        HOUR,
        900,
    ),
    (
        "nav_hours",
        "nav",
        STAFF_HOURS,
        "NAV adviser follow-up",
        "Oppfølging fra NAV-veileder",
        "Oppfølging frå NAV-rettleiar",
        HOUR,
        850,
    ),
    (
        "aap",
        "nav",
        BENEFIT,
        "Work assessment allowance (AAP)",
        "Arbeidsavklaringspenger (AAP)",
        "Arbeidsavklaringspengar (AAP)",
        MONTH,
        AAP_MONTH,
    ),
    (
        "social_assistance",
        "nav",
        BENEFIT,
        "Social assistance, single person (livelihood)",
        "Økonomisk sosialhjelp, enslig (livsopphold)",
        "Økonomisk sosialhjelp, einsleg (livsopphald)",
        MONTH,
        SOCIAL_ASSISTANCE_MONTH,
    ),
    (
        "attendance",
        "nav",
        BENEFIT,
        "Attendance allowance for a child (rate 1)",
        "Hjelpestønad til barn (sats 1)",
        "Hjelpestønad til barn (sats 1)",
        MONTH,
        1_600,
    ),
    (
        "work_practice",
        "nav",
        SERVICE,
        "Work practice with follow-up (NAV measure)",
        "Arbeidstrening med oppfølging (NAV-tiltak)",
        "Arbeidstrening med oppfølging (NAV-tiltak)",
        MONTH,
        9_500,
    ),
    (
        "debt",
        "nav",
        STAFF_HOURS,
        "Debt and financial counselling",
        "Gjeldsrådgivning og økonomisk rådgivning",
        "Gjeldsrådgjeving og økonomisk rådgjeving",
        HOUR,
        850,
    ),
    (
        "management",
        "nav",
        SERVICE,
        "Voluntary financial management",
        "Frivillig forvaltning av økonomi",
        "Frivillig forvalting av økonomi",
        MONTH,
        1_700,
    ),
    (
        "treatment",
        "psykrus",
        SERVICE,
        "Treatment session, mental health and substance use",
        "Behandlingssamtale, psykisk helse og rus",
        "Behandlingssamtale, psykisk helse og rus",
        VISIT,
        1_400,
    ),
    (
        "home",
        "psykrus",
        STAFF_HOURS,
        "Follow-up at home (Mestringshuset)",
        "Oppfølging i hjemmet (Mestringshuset)",
        "Oppfølging i heimen (Mestringshuset)",
        HOUR,
        850,
    ),
    ("support_contact", "psykrus", SERVICE, "Support contact", "Støttekontakt", "Støttekontakt", HOUR, 320),
    (
        "respite",
        "tildeling",
        SERVICE,
        "Respite care away from home, day and night",
        "Avlastning utenfor hjemmet, døgn",
        "Avlasting utanfor heimen, døgn",
        DAY,
        3_000,
    ),
    (
        "foster_home",
        "barnevern",
        SERVICE,
        "Foster home (fee, expenses and supervision)",
        "Fosterhjem (godtgjøring, utgiftsdekning og tilsyn)",
        "Fosterheim (godtgjersle, utgiftsdekning og tilsyn)",
        MONTH,
        32_000,
    ),
    (
        "child_welfare",
        "barnevern",
        STAFF_HOURS,
        "Child welfare follow-up",
        "Oppfølging fra barnevernet",
        "Oppfølging frå barnevernet",
        HOUR,
        950,
    ),
    (
        "ppt",
        "ppt",
        SERVICE,
        "Expert assessment of special needs",
        "Sakkyndig vurdering",
        "Sakkunnig vurdering",
        ONCE,
        18_000,
    ),
    (
        "special_education",
        "skole",
        SERVICE,
        "Special education",
        "Spesialundervisning",
        "Spesialundervisning",
        HOUR,
        750,
    ),
    ("gp", "fastlege", SERVICE, "GP consultation", "Legetime hos fastlegen", "Legetime hos fastlegen", VISIT, 600),
    (
        "physio",
        "fastlege",
        SERVICE,
        "Physiotherapy session",
        "Fysioterapibehandling",
        "Fysioterapibehandling",
        VISIT,
        650,
    ),
    (
        "rehabilitation",
        "fastlege",
        SERVICE,
        "Rehabilitation programme at the Friskvern clinic, session",
        "Rehabiliteringsprogram ved Friskvern-klinikken, økt",
        "Rehabiliteringsprogram ved Friskvern-klinikken, økt",
        VISIT,
        900,
    ),
    (
        "habilitation",
        "habilitering",
        SERVICE,
        "Habilitation assessment and guidance",
        "Utredning og veiledning fra habiliteringstjenesten",
        "Utgreiing og rettleiing frå habiliteringstenesta",
        VISIT,
        2_500,
    ),
    ("housing", "bolig", STAFF_HOURS, "Housing adviser", "Boligveileder", "Bustadrettleiar", HOUR, 850),
    (
        "hostel",
        "bolig",
        SERVICE,
        "Temporary accommodation (hostel), night",
        "Midlertidig botilbud (hybelhus), døgn",
        "Mellombels butilbod (hybelhus), døgn",
        DAY,
        450,
    ),
    (
        "follow_up_service",
        "ot",
        STAFF_HOURS,
        "Follow-up service adviser",
        "Rådgiver i oppfølgingstjenesten",
        "Rådgjevar i oppfølgingstenesta",
        HOUR,
        850,
    ),
    (
        "adult_subject",
        "vgs",
        SERVICE,
        "Upper-secondary subject for adults",
        "Fag i videregående opplæring for voksne",
        "Fag i vidaregåande opplæring for vaksne",
        ONCE,
        16_000,
    ),
    (
        "leisure",
        "fritid",
        BENEFIT,
        "Activity support for leisure, a season",
        "Aktivitetsstøtte til fritid, en sesong",
        "Aktivitetsstøtte til fritid, ein sesong",
        ONCE,
        3_000,
    ),
    (
        "volunteer",
        "frivillig",
        SERVICE,
        "Activity at the volunteer centre, session",
        "Aktivitet ved frivilligsentralen, gang",
        "Aktivitet ved frivilligsentralen, gong",
        VISIT,
        150,
    ),
]
KINDS = {key: kind for key, _code, kind, *_rest in CATALOGUE}


def catalogue(municipality):
    """Give the municipality its catalogue of services: {key: service}."""
    orgs = {o.code: o for o in Organisation.objects.filter(municipality=municipality)}
    services = Service.objects.bulk_create(
        Service(
            municipality=municipality,
            organisation=orgs[code],
            name_en=en,
            name_nb=nb,
            name_nn=nn,
            unit=unit,
            unit_cost=Decimal(cost).quantize(Decimal("0.01")),
        )
        for _key, code, _kind, en, nb, nn, unit, cost in CATALOGUE
    )
    return {row[0]: service for row, service in zip(CATALOGUE, services, strict=True)}


class _Ledger:
    """One family's investment, recorded line by line by its investment leader (or the NAV member)."""

    def __init__(self, household, services, leader, member=None):
        self.household, self.services, self.leader, self.member = household, services, leader, member
        self.orgs = {o.code: o for o in Organisation.objects.filter(municipality_id=household.municipality_id)}
        self.people = {p.given_name: p for p in household.members.all()}
        self.recorded = []  # (line pk, day it was recorded)

    def line(self, key, quantity, start, end=None, *, who=None, what="", kind=None, price=None, org=None, once=False):
        """A line from the catalogue (`key`), or a free one (`key` None, with `what`, `org`, `price` and `kind`)."""
        by = self.member if self.member and (org == "nav" or self._org_of(key) == "nav") and who != "Per" else None
        data = {
            "kind": kind or KINDS[key],
            "service": self.services[key].pk if key else "",
            "what": what,
            "organisation": self.orgs[org].pk if org else "",
            "person": self.people[who].pk if who else "",
            "quantity": quantity,
            "unit_price": "" if price is None else price,
            "monthly": not once,
            "starts_on": start,
            "ends_on": end or "",
        }
        user = by or self.leader
        form = investment.InvestmentForm(data, user=user, household=self.household)
        if not form.is_valid():
            raise ValueError(f"A demo investment line breaks a rule of the form: {form.errors.as_json()}")
        entry = investment.save(user, self.household, form)
        # Lines from before the family joined were gathered in the first weeks; the others as they started.
        self.recorded.append((entry.pk, max(start, self.household.joined_on + datetime.timedelta(days=10))))
        return entry

    def _org_of(self, key):
        return key and self.services[key].organisation.code

    def done(self):
        for pk, day in self.recorded:
            at = datetime.datetime.combine(day, datetime.time(13, 0), tzinfo=datetime.UTC)
            Investment.objects.filter(pk=pk).update(recorded_at=at)


def install(leader, member, berg, dahl, hagen):
    """Give Asker its catalogue and record what it invests in each worked-example family."""
    services = catalogue(hagen.municipality)
    _hagen(_Ledger(hagen, services, leader, member))
    _berg(_Ledger(berg, services, leader, member))
    _dahl(_Ledger(dahl, services, leader))


def _hagen(b):
    # The 12 months before joining (9 February 2026): Oskar's school and benefits, Kari on sick leave from her
    # 50% job. What went on before that is left out: the chart starts a year before joining.
    b.line("special_education", 20, D(2025, 2, 1), who="Oskar", what="Special education for Oskar, 5 hours a week")
    b.line("attendance", 1, D(2025, 2, 1), who="Oskar")
    b.line("ppt", 1, D(2025, 10, 13), who="Oskar", once=True, what="New expert assessment before Oskar's next school")
    b.line("habilitation", 3, D(2025, 4, 7), who="Oskar", once=True)
    b.line("gp", 1, D(2025, 3, 1), D(2026, 9, 30), who="Kari", what="GP follow-up of Kari's back and neck pain")
    b.line(
        None,
        1,
        D(2025, 6, 1),
        D(2026, 4, 30),
        who="Kari",
        kind=BENEFIT,
        org="nav",
        price=12_500,
        what="Sickness benefit for Kari's 50% job",
    )
    # In the lab.
    b.line("leader", 12, D(2026, 2, 9))
    b.line("nav_hours", 4, D(2026, 3, 17), who="Kari", once=True, what="Help with the application for AAP")
    b.line("nav_hours", 3, D(2026, 3, 23), once=True, what="Going through the family's economy with Kari and Per")
    b.line("aap", 1, D(2026, 5, 1), who="Kari")
    b.line("nav_hours", 4, D(2026, 5, 4), who="Kari", what="Follow-up towards a permanent job")
    b.line(
        None,
        1,
        D(2026, 4, 6),
        who="Jakob",
        once=True,
        kind=BENEFIT,
        org="nav",
        price=2_500,
        what="Social assistance for Jakob's football tournament",
    )
    b.line("housing", 6, D(2026, 3, 23), once=True, what="Start-up loan: meetings and the application")
    b.line("housing", 3, D(2026, 5, 4), who="Per", what="Help with viewings and the bid for a bigger flat")
    b.line(
        None,
        5,
        D(2026, 3, 16),
        once=True,
        kind=STAFF_HOURS,
        org="tildeling",
        price=900,
        what="Application and decision on respite care for Oskar",
    )
    b.line("physio", 8, D(2026, 3, 23), D(2026, 9, 14), who="Kari")
    b.line("rehabilitation", 12, D(2026, 10, 5), who="Kari")
    b.line("respite", 10, D(2026, 10, 1), who="Oskar")
    b.done()


def _berg(b):
    # The 12 months before joining (2 March 2026): Emil in foster care, Maria on AAP and in treatment.
    b.line("foster_home", 1, D(2025, 3, 1), who="Emil")
    b.line("child_welfare", 6, D(2025, 3, 1), what="Follow-up of Emil in foster care, and of Maria's visits")
    b.line("aap", 1, D(2025, 3, 1), who="Maria", price=26_400, what="AAP for Maria: 66% of her earlier salary")
    b.line("treatment", 2, D(2025, 3, 1), who="Maria")
    b.line(
        None,
        1,
        D(2025, 10, 15),
        who="Maria",
        once=True,
        kind=BENEFIT,
        org="nav",
        price=14_000,
        what="Emergency social assistance for rent arrears",
    )
    # In the lab.
    b.line("leader", 10, D(2026, 3, 2))
    b.line("debt", 3, D(2026, 4, 20), D(2026, 10, 31), who="Maria")
    b.line("home", 6, D(2026, 4, 20), who="Maria")
    b.line("management", 1, D(2026, 5, 1), who="Maria")
    b.line("work_practice", 1, D(2026, 5, 4), D(2026, 10, 30), who="Maria")
    b.line("volunteer", 4, D(2026, 5, 4), who="Maria", what="Yoga in the local activity programme")
    b.line("support_contact", 16, D(2026, 5, 15), who="Maria")
    b.line("nav_hours", 4, D(2026, 11, 2), who="Maria", what="Help applying for jobs")
    b.done()


def _dahl(b):
    # Before joining (30 March 2026), as far as it is known: since he came to Asker in November.
    b.line("hostel", 30, D(2025, 11, 24), who="Jonas")
    b.line("social_assistance", 1, D(2025, 11, 24), who="Jonas")
    b.line("nav_hours", 2, D(2025, 11, 24), D(2026, 4, 30), who="Jonas", what="NAV's youth team")
    # In the lab.
    b.line("leader", 6, D(2026, 3, 30), what="Follow-up by the investment leader, and budget and bills together")
    b.line("nav_hours", 4, D(2026, 5, 11), who="Jonas", what="Daytime activity, a part-time job and a football team")
    b.line("housing", 4, D(2026, 5, 11), who="Jonas", what="Help finding a flat, and viewings")
    b.line("follow_up_service", 4, D(2026, 5, 11), D(2026, 8, 17), who="Jonas")
    b.line("adult_subject", 2, D(2026, 8, 17), who="Jonas", once=True, what="The two missing subjects")
    b.line("leisure", 1, D(2026, 9, 1), who="Jonas", once=True, what="Fee for the football team")
    b.done()
