"""The default rows of the sheet's grid, from the pilot's paper sheet; each municipality edits its own."""

from welfarelab.mapping.models import LifeArea

DEFAULTS = [
    # code, English, bokmål, nynorsk
    ("work", "Work", "Arbeid", "Arbeid"),
    ("housing", "Housing", "Bosituasjon", "Busituasjon"),
    ("physical_health", "Physical health", "Fysisk helse", "Fysisk helse"),
    ("mental_health", "Mental health", "Psykisk helse", "Psykisk helse"),
    ("economy", "Economy", "Økonomi", "Økonomi"),
    ("school", "School and education", "Skole og utdanning", "Skule og utdanning"),
    ("leisure", "Leisure", "Fritid", "Fritid"),
    ("volunteering", "Volunteering", "Frivillighet", "Frivilligheit"),
    ("substance_use", "Substance use", "Rus", "Rus"),
]


def install(municipality, model=LifeArea):
    """Give a municipality the default life areas it does not have yet; returns them by code."""
    have = set(model.objects.filter(municipality=municipality).values_list("code", flat=True))
    model.objects.bulk_create(
        model(municipality=municipality, code=code, name_en=en, name_nb=nb, name_nn=nn, position=position)
        for position, (code, en, nb, nn) in enumerate(DEFAULTS, start=1)
        if code not in have
    )
    return {a.code: a for a in model.objects.filter(municipality=municipality)}
