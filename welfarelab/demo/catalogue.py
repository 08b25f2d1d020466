"""The default catalogue of organisations (reference/norway-context.md, section 6)."""

from welfarelab.people.models import Organisation

Owner = Organisation.Owner

ORGANISATIONS = [
    (
        "nav",
        "NAV office (labour, welfare, social assistance)",
        "NAV-kontor (inkl. sosiale tjenester)",
        "NAV-kontor",
        Owner.STATE,
    ),
    ("barnevern", "Child welfare service", "Barnevernstjenesten", "Barnevernstenesta", Owner.MUNICIPALITY),
    ("ppt", "Educational-psychological service", "PP-tjenesten", "PP-tenesta", Owner.MUNICIPALITY),
    (
        "helsestasjon",
        "Child health clinic and school health service",
        "Helsestasjon og skolehelsetjeneste",
        "Helsestasjon og skulehelseteneste",
        Owner.MUNICIPALITY,
    ),
    (
        "psykrus",
        "Mental health and substance-use service",
        "Psykisk helse og rus",
        "Psykisk helse og rus",
        Owner.MUNICIPALITY,
    ),
    (
        "bolig",
        "Housing office (social housing, start-up loans)",
        "Boligkontor / boligsosialt arbeid",
        "Bustadkontor",
        Owner.MUNICIPALITY,
    ),
    ("barnehage", "Kindergarten", "Barnehage", "Barnehage", Owner.MUNICIPALITY),
    ("skole", "Primary and lower-secondary school", "Grunnskole", "Grunnskule", Owner.MUNICIPALITY),
    ("vgs", "Upper-secondary school", "Videregående skole", "Vidaregåande skule", Owner.COUNTY),
    (
        "ot",
        "Follow-up service (young people outside school or work)",
        "Oppfølgingstjenesten",
        "Oppfølgingstenesta",
        Owner.COUNTY,
    ),
    ("fastlege", "Regular GP", "Fastlege", "Fastlege", Owner.MUNICIPALITY),
    ("bup", "Child and adolescent mental-health clinic", "BUP", "BUP", Owner.HEALTH_TRUST),
    ("habilitering", "Habilitation service", "Habiliteringstjenesten", "Habiliteringstenesta", Owner.HEALTH_TRUST),
    ("koordinerende", "Coordinating unit", "Koordinerende enhet", "Koordinerande eining", Owner.MUNICIPALITY),
    (
        "tildeling",
        "Service-allocation office (respite, personal assistance)",
        "Tildelingskontor (avlastning, BPA)",
        "Tildelingskontor",
        Owner.MUNICIPALITY,
    ),
    (
        "flyktning",
        "Refugee service and introduction programme",
        "Flyktningtjenesten / introduksjonsprogram",
        "Flyktningtenesta",
        Owner.MUNICIPALITY,
    ),
    (
        "politi",
        "Police and crime-prevention coordinator",
        "Politiet / SLT-koordinator",
        "Politiet / SLT-koordinator",
        Owner.STATE,
    ),
    ("familievern", "Family counselling office", "Familievernkontoret", "Familievernkontoret", Owner.STATE),
    ("krisesenter", "Crisis centre", "Krisesenter", "Krisesenter", Owner.MUNICIPALITY),
    ("fritid", "Culture and leisure", "Kultur og fritid", "Kultur og fritid", Owner.MUNICIPALITY),
    (
        "frivillig",
        "Volunteer centre and NGOs",
        "Frivilligsentral / frivillige organisasjoner",
        "Frivilligsentral",
        Owner.VOLUNTARY,
    ),
]


# Where a young person consents for themselves before 18 (reference/norway-context.md: health from 16,
# pasient- og brukerrettighetsloven § 4-3; child welfare from 15, barnevernsloven § 12-3); elsewhere from 18.
OWN_SAY = {"barnevern": 15} | dict.fromkeys(["helsestasjon", "psykrus", "fastlege", "bup", "habilitering"], 16)


def install(municipality):
    """Give a municipality the default catalogue; its administrator edits it from there."""
    return {
        code: Organisation.objects.get_or_create(
            municipality=municipality,
            code=code,
            defaults={"name_en": en, "name_nb": nb, "name_nn": nn, "owner": owner}
            | {"own_say_from": OWN_SAY.get(code, Organisation.OwnSay.MAJORITY)},
        )[0]
        for code, en, nb, nn, owner in ORGANISATIONS
    }
